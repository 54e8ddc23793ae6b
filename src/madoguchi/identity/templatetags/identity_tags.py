from django import template

from madoguchi.identity.enums import Service

register = template.Library()
LABELS = dict(Service.choices)


@register.filter
def service_labels(codes: list[str] | None) -> str:
    """``["grants", "registry"]`` → the services' Japanese names, joined with 、."""
    return "、".join(str(LABELS.get(code, code)) for code in codes or []) or "—"
