"""Staff for tests: roles (identity.roles) and divisions (部署), as in production: rights come
from role groups, and a programme officer reaches only the divisions they belong to."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group

from madoguchi.identity.enums import StaffRole
from madoguchi.identity.models import Division, User
from madoguchi.identity.roles import ensure_roles

STAFF_PASSWORD = "staff-pass-2026"


def make_division(code: str = "keiei", name: str = "中小企業庁 経営支援課") -> Division:
    return Division.objects.get_or_create(code=code, defaults={"name": name})[0]


def make_staff(
    username: str,
    role: StaffRole | str | None = None,
    *divisions: Division,
    groups: tuple[Group, ...] = (),
    password: str = STAFF_PASSWORD,
    **fields: Any,
) -> User:
    """An active staff account holding ``role`` (a role group), in ``divisions`` and ``groups``
    (e.g. a procedure step's group). Reloaded, so no rights are cached."""
    fields.setdefault("email", f"{username}@example.go.jp")
    user = User.objects.create_user(username=username, password=password, is_staff=True, **fields)
    if role is not None:
        if not Group.objects.filter(name=role).exists():
            ensure_roles()
        user.groups.add(Group.objects.get(name=role))
    user.groups.add(*groups)
    user.divisions.add(*divisions)
    return User.objects.get(pk=user.pk)
