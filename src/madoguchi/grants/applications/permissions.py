"""Who may fire which transition. Each ``@transition`` on ``Application`` names one of these.

- Applicant side: the organisation's Prime, a Member the Prime allowed ``Service.GRANTS``, or a Prime
  or Member of an agent organisation holding an active mandate for grants (``identity.selectors.
  acting_for``). Entry accounts cannot apply (jGrants requires Prime or Member).
- Staff side: a staff account holding ``applications.process_application`` (programme officers).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from madoguchi.identity.enums import AccountType, Service

if TYPE_CHECKING:
    from madoguchi.identity.models import Mandate, Organisation


PROCESS_PERMISSION = "applications.process_application"
VIEW_PERMISSION = "applications.view_application"
CONFIGURE_PERMISSION = "applications.configure_stage_forms"


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
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.is_staff
        and user.has_perm(PROCESS_PERMISSION)
    )


def staff_may_view(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_staff
        and (user.has_perm(VIEW_PERMISSION) or user.has_perm(PROCESS_PERMISSION))
    )
