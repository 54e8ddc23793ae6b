"""Reads of the identity context that other contexts (and the OIDC provider) use."""

import dataclasses
import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from madoguchi.core.models import AuditEvent
from madoguchi.core.text import normalize_for_search
from madoguchi.identity.enums import AccountStatus, AccountType, VerificationStatus
from madoguchi.identity.models import Invitation, Mandate, Organisation, User, VerificationRequest
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
    permission all of them (optionally one organisation's); others none."""
    events = AuditEvent.objects.select_related("actor").order_by("-occurred_at", "-id")
    if user.is_staff and user.has_perm("core.view_auditevent"):
        return events.filter(organisation_id=organisation_id) if organisation_id else events
    if user.is_prime and user.organisation_id:
        org = str(user.organisation_id)
        return events.filter(Q(organisation_id=org) | Q(agent_organisation_id=org))
    return events.none()
