from typing import Any

from django import template

register = template.Library()


@register.filter
def person(user: Any) -> str:
    """A staff member's name in Japanese order (姓 名), or their e-mail address."""
    name = f"{getattr(user, 'last_name', '')} {getattr(user, 'first_name', '')}".strip()
    return name or getattr(user, "email", "") or str(user)
