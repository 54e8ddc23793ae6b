"""Who may fire which transition. Each ``@transition`` on ``Application`` names one of these.

- Applicant side: the organisation's Prime, a Member the Prime allowed ``Service.GRANTS``, or a Prime
  or Member of an agent organisation holding an active mandate for grants (``identity.selectors.
  acting_for``). Entry accounts cannot apply (jGrants requires Prime or Member).
- Staff side: a role holding ``Right.APPLICATION_PROCESS`` for the subsidy's division (programme
  officers of that division, administrators; identity.roles declares it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from madoguchi.identity.enums import AccountType, Service
from madoguchi.identity.roles import Right
from madoguchi.identity.selectors import staff_may

if TYPE_CHECKING:
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
