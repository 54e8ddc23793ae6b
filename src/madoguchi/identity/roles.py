"""Staff roles as Django groups with permissions. ``ensure_roles()`` is idempotent: it runs after
every ``migrate`` (identity.apps) and from the demo, and picks up permissions of contexts added later.

Patterns are ``app_label.codename`` globs; a pattern matching nothing (a context not built yet) is
simply skipped. Staff accounts always use MFA (identity.mfa).
"""

from fnmatch import fnmatch

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from madoguchi.identity.enums import StaffRole

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    StaffRole.PROGRAMME_OFFICER: (
        "grants.*",
        "applications.view_application",
        "applications.process_application",
        "applications.configure_stage_forms",
        "grant_review.manage_review",
        "grant_review.view_assignment",
        "grant_review.view_notice",
        "grant_review.view_criterion",
        "grant_review.view_conflictdeclaration",
        "grant_review.view_score",
        "forms.view_*",
        "registry.view_*",
        "identity.view_organisation",
    ),
    StaffRole.REVIEWER: (
        "grants.view_*",
        "grants.change_*",
        "grants.review_*",
        # No blanket view of applications: a reviewer reads only what is assigned, through the review
        # pages, where a declared conflict of interest hides it.
        "grant_review.score_application",
        "registry.view_*",
        "identity.view_organisation",
    ),
    StaffRole.PROCEDURE_BUILDER: ("forms.*", "registry.view_*"),
    StaffRole.ANALYST: (
        "grants.view_*",
        "applications.view_application",
        "grant_review.view_assignment",
        "grant_review.view_notice",
        "grant_review.view_criterion",
        "grant_review.view_score",
        "forms.view_*",
        "registry.view_*",
        "insights.*",
        "identity.view_organisation",
    ),
    StaffRole.IDENTITY_REVIEWER: (
        "identity.view_verificationrequest",
        "identity.review_verificationrequest",
        "identity.view_organisation",
        "identity.view_user",
        "identity.view_mandate",
        "core.view_auditevent",
        "registry.view_*",
    ),
    StaffRole.ADMINISTRATOR: ("*.*",),
}


def _matches(permission: Permission, patterns: tuple[str, ...]) -> bool:
    name = f"{permission.content_type.app_label}.{permission.codename}"
    return any(fnmatch(name, pattern) for pattern in patterns)


@transaction.atomic
def ensure_roles() -> list[Group]:
    permissions = list(Permission.objects.select_related("content_type"))
    groups = []
    for role, patterns in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=StaffRole(role).value)
        wanted = {p.pk for p in permissions if _matches(p, patterns)}
        current = set(group.permissions.values_list("pk", flat=True))
        if wanted != current:
            group.permissions.set(wanted)
        groups.append(group)
    return groups
