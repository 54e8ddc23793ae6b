"""Publishing and withdrawing subsidies (django-fsm-2 transitions on ``Subsidy.status``)."""

from typing import Any

from django.db import transaction
from django_fsm import can_proceed

from madoguchi.core.audit import audit_record
from madoguchi.grants.enums import GrantsErrorCode
from madoguchi.grants.errors import GrantsError
from madoguchi.grants.models import Subsidy, SubsidyChange
from madoguchi.grants.services.subsidies import require_right
from madoguchi.grants.services.validation import publish_requirements
from madoguchi.identity.roles import Right


def _locked(subsidy: Subsidy) -> Subsidy:
    return Subsidy.objects.select_for_update().get(pk=subsidy.pk)


def _refuse(message: str) -> GrantsError:
    return GrantsError(GrantsErrorCode.TRANSITION, message)


@transaction.atomic
def subsidy_publish(*, actor: Any, subsidy: Subsidy) -> Subsidy:
    """公開: a draft, or a withdrawn subsidy, becomes visible on the portal and the API."""
    subsidy = _locked(subsidy)
    require_right(actor, Right.SUBSIDY_EDIT, subsidy.division_id)
    publish_requirements(
        title=subsidy.title,
        start=subsidy.acceptance_start_datetime,
        end=subsidy.acceptance_end_datetime,
    )
    was_published_before = subsidy.published_at is not None
    if can_proceed(subsidy.publish):
        subsidy.publish()
    elif can_proceed(subsidy.republish):
        subsidy.republish()
    else:
        raise _refuse("この補助金はすでに公開されています。")
    subsidy.save(update_fields=["status", "published_at", "updated_at"])
    if was_published_before:
        SubsidyChange.objects.create(subsidy=subsidy, changed_by=actor, summary="公開を再開")
    audit_record(action="grants.subsidy_publish", actor=actor, target=subsidy)
    return subsidy


@transaction.atomic
def subsidy_withdraw(*, actor: Any, subsidy: Subsidy, reason: str = "") -> Subsidy:
    """公開停止: a published subsidy disappears from the portal and the API; it stays on staff pages."""
    subsidy = _locked(subsidy)
    require_right(actor, Right.SUBSIDY_EDIT, subsidy.division_id)
    if not can_proceed(subsidy.withdraw):
        raise _refuse("公開中の補助金だけを公開停止できます。")
    subsidy.withdraw()
    subsidy.save(update_fields=["status", "updated_at"])
    SubsidyChange.objects.create(
        subsidy=subsidy,
        changed_by=actor,
        summary="公開を停止",
        fields={"reason": {"label": "理由", "before": "", "after": reason[:500]}},
    )
    audit_record(
        action="grants.subsidy_withdraw", actor=actor, target=subsidy, data={"reason": reason[:500]}
    )
    return subsidy
