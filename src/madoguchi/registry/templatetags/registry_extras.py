"""Template filters for registry pages."""

from django import template

register = template.Library()


@register.filter
def post_code(value: str) -> str:
    """〒 form of a 7-digit post code: 1000013 → 100-0013 (anything else unchanged)."""
    text = str(value or "")
    return f"{text[:3]}-{text[3:]}" if len(text) == 7 and text.isdigit() else text
