"""Reads of the identity context that other contexts (and the OIDC provider) use."""

import dataclasses
import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from madoguchi.core.models import AuditEvent
from madoguchi.core.text import normalize_for_search
from madoguchi.identity.enums import AccountStatus, AccountType, StaffRole, VerificationStatus
from madoguchi.identity.models import (
    Division,
    Invitation,
    Mandate,
    Organisation,
    User,
    VerificationRequest,
)
from madoguchi.identity.roles import (
    ROLE_RIGHTS,
    STAFF_RULES,
    STEP_HANDLER,
    Right,
    Scope,
    StaffRule,
)
from madoguchi.registry import selectors as registry_selectors
from madoguchi.registry.models import Corporation


def _today() -> datetime.date:
    return timezone.localdate()


def active_mandates_for(organisation: Organisation) -> QuerySet[Mandate]:
    """Mandates the organisation has given or received that are not revoked and are in date today."""
    today = _today()
    return (
        Mandate.objects.filter(Q(principal=organisation) | Q(agent=organisation))
        .filter(revoked_at__isnull=True, valid_from__lte=today, valid_until__gte=today)
        .select_related("principal", "agent")
        .order_by("valid_until", "created_at")
    )


def acting_for(user: User, organisation: Organisation, service: str) -> Mandate | bool:
    """May ``user`` act for ``organisation`` in ``service``?

    ``True`` when it is the user's own organisation and the service is allowed to them; the
    ``Mandate`` when the user's organisation is an agent under an active mandate covering the
    service (and the user may use that service for their own organisation); ``False`` otherwise.
    The result is truthy exactly when acting is allowed; callers record "agent X for business Y"
    when a Mandate comes back.
    """
    if not getattr(user, "is_authenticated", False) or user.organisation_id is None:
        return False
    if user.account_type not in (AccountType.PRIME, AccountType.MEMBER, AccountType.ENTRY):
        return False
    if not user.may_use(service):
        return False
    if user.organisation_id == organisation.pk:
        return True
    if user.account_type == AccountType.ENTRY:
        return False
    today = _today()
    mandate = (
        Mandate.objects.filter(
            principal=organisation,
            agent_id=user.organisation_id,
            revoked_at__isnull=True,
            valid_from__lte=today,
            valid_until__gte=today,
            agent__verified_at__isnull=False,
        )
        .select_related("principal", "agent")
        .order_by("-valid_until")
    )
    for candidate in mandate:
        if candidate.covers(service):
            return candidate
    return False


def organisation_members(organisation: Organisation) -> QuerySet[User]:
    """The organisation's business accounts (Prime first, then Members), removed ones excluded."""
    return (
        User.objects.filter(organisation=organisation)
        .exclude(account_status=AccountStatus.REMOVED)
        .order_by("account_type", "email")
    )


def pending_application_for(user: User) -> VerificationRequest | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return VerificationRequest.objects.filter(
        applicant=user, status=VerificationStatus.SUBMITTED
    ).first()


def applications_of(user: User) -> QuerySet[VerificationRequest]:
    return VerificationRequest.objects.filter(applicant=user).order_by("-created_at")


def review_queue(*, status: str = VerificationStatus.SUBMITTED) -> QuerySet[VerificationRequest]:
    return (
        VerificationRequest.objects.filter(status=status)
        .select_related("applicant", "organisation", "reviewer")
        .order_by("created_at")
    )


@dataclasses.dataclass(frozen=True)
class RegistryComparison:
    corporation: Corporation | None
    name_matches: bool
    address_matches: bool
    closed: bool


def _fold(value: str) -> str:
    return normalize_for_search(value or "").replace(" ", "")


def registry_comparison(application: VerificationRequest) -> RegistryComparison:
    """The application beside the registry record: does the name (and address) match?"""
    if not application.corporate_number:
        return RegistryComparison(None, False, False, False)
    corporation = registry_selectors.corporation_get(corporate_number=application.corporate_number)
    if corporation is None:
        return RegistryComparison(None, False, False, False)
    applied_address = f"{application.prefecture_name}{application.address1}{application.address2}"
    return RegistryComparison(
        corporation=corporation,
        name_matches=_fold(corporation.name) == _fold(application.organisation_name),
        address_matches=bool(applied_address)
        and _fold(corporation.address) == _fold(applied_address),
        closed=corporation.close_date is not None,
    )


def members_of(organisation: Organisation) -> QuerySet[User]:
    """Members of the organisation with their last logins (Prime's members page)."""
    return User.objects.filter(organisation=organisation, account_type=AccountType.MEMBER).order_by(
        "account_status", "email"
    )


def open_invitations_of(organisation: Organisation) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        organisation=organisation,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).select_related("invited_by")


def mandates_given(organisation: Organisation) -> QuerySet[Mandate]:
    return Mandate.objects.filter(principal=organisation).select_related("agent", "granted_by")


def mandates_received(organisation: Organisation) -> QuerySet[Mandate]:
    return Mandate.objects.filter(agent=organisation).select_related("principal", "granted_by")


def audit_events_for(*, user: User, organisation_id: str = "") -> QuerySet[AuditEvent]:
    """Identity audit records a user may read: a Prime its own organisation's, staff with the
    right all of them (optionally one organisation's); others none."""
    events = AuditEvent.objects.select_related("actor").order_by("-occurred_at", "-id")
    if staff_has(user, Right.AUDIT_VIEW):
        return events.filter(organisation_id=organisation_id) if organisation_id else events
    if user.is_prime and user.organisation_id:
        org = str(user.organisation_id)
        return events.filter(Q(organisation_id=org) | Q(agent_organisation_id=org))
    return events.none()


# --- staff rights (declared in identity.roles) ----------------------------------------------------

_ROLE_GROUPS = frozenset(role.value for role in StaffRole)


def staff_roles(user: Any) -> frozenset[str]:
    """The roles an active staff account holds: its role groups, ``STEP_HANDLER`` when it is in
    any other group (a procedure step's group), administrator for a superuser. Cached on the
    user object for the request."""
    if not (
        getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
        and getattr(user, "is_staff", False)
    ):
        return frozenset()
    cached: frozenset[str] | None = getattr(user, "_staff_roles_cache", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        roles = names & _ROLE_GROUPS
        if names - _ROLE_GROUPS:
            roles.add(STEP_HANDLER)
        if user.is_superuser:
            roles.add(StaffRole.ADMINISTRATOR.value)
        cached = frozenset(roles)
        user._staff_roles_cache = cached
    return cached


def staff_scopes(user: Any, right: Right) -> frozenset[Scope]:
    """How far ``right`` reaches for ``user`` (empty: not at all)."""
    return frozenset(
        ROLE_RIGHTS[role][right] for role in staff_roles(user) if right in ROLE_RIGHTS[role]
    )


def staff_division_ids(user: Any) -> frozenset[int]:
    """The divisions (部署) the staff user belongs to (cached on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached: frozenset[int] | None = getattr(user, "_staff_divisions_cache", None)
    if cached is None:
        cached = frozenset(user.divisions.values_list("pk", flat=True))
        user._staff_divisions_cache = cached
    return cached


def staff_has(user: Any, right: Right) -> bool:
    """Does ``user`` hold ``right`` at all (the page-level check)?"""
    return bool(staff_scopes(user, right))


def _division_id(division: Division | int | None) -> int | None:
    return division.pk if isinstance(division, Division) else division


def staff_may(user: Any, right: Right, division: Division | int | None) -> bool:
    """May ``user`` use ``right`` on an object owned by ``division``? Rights that reach every
    division, or the user's own divisions. Assignments (reviewers) and procedure steps (step
    groups) are object-level matters the owning context checks on top of this."""
    scopes = staff_scopes(user, right)
    if Scope.ALL in scopes:
        return True
    division_id = _division_id(division)
    return bool(
        Scope.DIVISIONS in scopes
        and division_id is not None
        and division_id in staff_division_ids(user)
    )


def staff_divisions(user: Any, right: Right) -> frozenset[int] | None:
    """The divisions whose objects ``right`` reaches for ``user``: None for every division."""
    scopes = staff_scopes(user, right)
    if Scope.ALL in scopes:
        return None
    if Scope.DIVISIONS in scopes:
        return staff_division_ids(user)
    return frozenset()


def staff_division_filter(user: Any, right: Right, field: str = "division") -> Q:
    """A filter for list pages: the rows of the divisions ``right`` reaches."""
    ids = staff_divisions(user, right)
    if ids is None:
        return Q()
    return Q(**{f"{field}__in": sorted(ids)})


def divisions_for(user: Any, right: Right) -> QuerySet[Division]:
    """Divisions a new object may be given to (choice fields): those ``right`` reaches."""
    return Division.objects.filter(staff_division_filter(user, right, "pk")).order_by("name")


def sole_division(user: Any, right: Right) -> Division | None:
    """The one division ``right`` reaches for ``user`` (where a new object goes when none is
    chosen), or None when it reaches none or several."""
    choices = list(divisions_for(user, right)[:2])
    return choices[0] if len(choices) == 1 else None


def staff_with_right(right: Right) -> QuerySet[User]:
    """Active staff holding ``right`` through a role group (or as superuser, for administrator
    rights), e.g. the reviewers an officer may assign."""
    roles = [role.value for role in StaffRole if right in ROLE_RIGHTS[role]]
    condition = Q(groups__name__in=roles)
    if StaffRole.ADMINISTRATOR.value in roles:
        condition |= Q(is_superuser=True)
    return (
        User.objects.filter(is_active=True, is_staff=True)
        .filter(condition)
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


def staff_menu(user: Any) -> list[StaffRule]:
    """The staff pages of the menu (rules with a ``menu`` label) that one of the user's roles
    may open, in the order declared."""
    return [
        rule
        for rule in STAFF_RULES
        if rule.menu and any(staff_has(user, right) for right in rule.rights_for("GET") or ())
    ]
