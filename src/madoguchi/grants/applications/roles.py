"""Adapter: give the staff roles this app's permissions.

identity.roles.ROLE_PERMISSIONS matches ``grants.*`` for programme officers, but this sub-app's
label is ``applications``, so its permissions would otherwise reach no group. Until identity's
table lists ``applications.*`` itself, this adds them (idempotent, run after every migrate and by
the demo).
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from madoguchi.identity.enums import StaffRole

# Reviewers get no blanket view: they read only the applications assigned to them, through the review
# pages (grants.review), where a declared conflict of interest hides the application from them.
ROLE_CODENAMES: dict[str, tuple[str, ...]] = {
    StaffRole.PROGRAMME_OFFICER: (
        "view_application",
        "process_application",
        "configure_stage_forms",
    ),
    StaffRole.ANALYST: ("view_application",),
    StaffRole.ADMINISTRATOR: ("view_application", "process_application", "configure_stage_forms"),
}


@transaction.atomic
def ensure_application_permissions() -> None:
    permissions = {
        p.codename: p for p in Permission.objects.filter(content_type__app_label="applications")
    }
    for role, codenames in ROLE_CODENAMES.items():
        group = Group.objects.filter(name=StaffRole(role).value).first()
        if group is None:
            continue
        wanted = [permissions[c] for c in codenames if c in permissions]
        if wanted:
            group.permissions.add(*wanted)
