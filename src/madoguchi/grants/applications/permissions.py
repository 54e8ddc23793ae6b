"""Who may fire which transition. Each ``@transition`` on ``Application`` names one of these.

- Applicant side: the organisation's Prime, a Member the Prime allowed ``Service.GRANTS``, or a Prime
  or Member of an agent organisation holding an active mandate for grants (``identity.selectors.
  acting_for``). Entry accounts cannot apply (jGrants requires Prime or Member).
- Staff side: a role holding ``Right.APPLICATION_PROCESS`` for the subsidy's division (programme
  officers of that division, administrators; identity.roles declares it).
- Files (``may_read_application_file``): the applicant side as above, drafts included; staff who may
  view the application (``Right.APPLICATION_VIEW`` for the subsidy's division), only for what the
  business has sent (``staff_may_read_stage``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from madoguchi.grants.applications.enums import ApplicationStatus, Stage
from madoguchi.identity.enums import AccountType, Service
from madoguchi.identity.roles import Right
from madoguchi.identity.selectors import staff_may

if TYPE_CHECKING:
    from madoguchi.grants.applications.models import ApplicationFile, StageData
    from madoguchi.identity.models import Mandate, Organisation


def acting(user: Any, organisation: Organisation) -> Mandate | bool:
    """``True`` (own organisation), the ``Mandate`` (agent), or ``False``."""
    from madoguchi.identity.selectors import acting_for

    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "account_type", None) not in (AccountType.PRIME, AccountType.MEMBER):
        return False
    return acting_for(user, organisation, Service.GRANTS)


def applicant_may(instance: Any, user: Any) -> bool:
    return bool(acting(user, instance.organisation))


def officer_may(instance: Any, user: Any) -> bool:
    """May ``user`` fire an officer's transition of the application ``instance``?"""
    return instance is not None and staff_may(
        user, Right.APPLICATION_PROCESS, instance.subsidy.division_id
    )


def staff_may_view(user: Any, application: Any) -> bool:
    """May ``user`` read the (submitted) application as staff?"""
    return staff_may(user, Right.APPLICATION_VIEW, application.subsidy.division_id)


def staff_may_read_stage(user: Any, stage_data: StageData) -> bool:
    """Staff read a stage's answers and files once the business has sent them: never a draft
    application, nor a later stage still being filled in (the application stage, reopened by a
    return for correction, stays readable: staff were sent it before)."""
    application = stage_data.application
    if application.status == ApplicationStatus.DRAFT or not staff_may_view(user, application):
        return False
    return stage_data.submitted_at is not None or stage_data.stage == Stage.APPLICATION


def may_read_application_file(user: Any, stored: ApplicationFile) -> bool:
    """Who may download an application's attachment (everyone else gets 404)."""
    stage_data = stored.stage_data
    return bool(acting(user, stage_data.application.organisation)) or staff_may_read_stage(
        user, stage_data
    )
