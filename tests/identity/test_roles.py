"""One table of staff roles: running it again never takes away what the subsidy contexts need."""

import pytest
from django.contrib.auth.models import Group

from madoguchi.identity.enums import StaffRole
from madoguchi.identity.roles import ensure_roles


def _codes(role: StaffRole) -> set[str]:
    group = Group.objects.get(name=role.value)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


@pytest.mark.django_db
def test_subsidy_roles_hold_their_application_and_review_permissions_after_every_run() -> None:
    ensure_roles()
    ensure_roles()  # idempotent: a second run (migrate, demo) keeps every grant
    officer = _codes(StaffRole.PROGRAMME_OFFICER)
    assert {
        "applications.process_application",
        "applications.configure_stage_forms",
        "grant_review.manage_review",
    } <= officer
    reviewer = _codes(StaffRole.REVIEWER)
    assert "grant_review.score_application" in reviewer
    assert "applications.view_application" not in reviewer  # only through the review pages
    assert "applications.view_application" in _codes(StaffRole.ANALYST)
