"""Give the staff roles this app's permissions (identity.roles matches ``grants.*``, but this
sub-app's label is ``grant_review``). Idempotent: runs after every migrate and from the demo."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from madoguchi.identity.enums import StaffRole

MANAGE = "grant_review.manage_review"
SCORE = "grant_review.score_application"

ROLE_CODENAMES: dict[str, tuple[str, ...]] = {
    StaffRole.PROGRAMME_OFFICER: (
        "manage_review",
        "view_assignment",
        "view_notice",
        "view_criterion",
        "view_conflictdeclaration",
        "view_score",
    ),
    StaffRole.REVIEWER: ("score_application",),
    StaffRole.ANALYST: ("view_assignment", "view_notice", "view_criterion", "view_score"),
}


@transaction.atomic
def ensure_review_permissions() -> None:
    permissions = {
        p.codename: p for p in Permission.objects.filter(content_type__app_label="grant_review")
    }
    for role, codenames in ROLE_CODENAMES.items():
        group = Group.objects.filter(name=StaffRole(role).value).first()
        if group is None:
            continue
        wanted = [permissions[c] for c in codenames if c in permissions]
        if wanted:
            group.permissions.add(*wanted)
