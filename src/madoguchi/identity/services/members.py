"""Members (メンバー): a Prime invites employees, chooses their services, suspends or removes them."""

import datetime
import hashlib
import secrets

from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from madoguchi.identity.enums import AccountStatus, AccountType, Service
from madoguchi.identity.errors import IdentityError, IdentityErrorCode
from madoguchi.identity.mail import absolute_url, send_on_commit
from madoguchi.identity.models import Invitation, Organisation, User
from madoguchi.identity.services.audit import identity_audit

INVITATION_VALID_FOR = datetime.timedelta(days=7)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _check_prime(prime: User) -> Organisation:
    """The Prime's verified organisation, or NOT_ALLOWED."""
    organisation = prime.organisation if prime.is_authenticated else None
    if (
        organisation is None
        or not organisation.is_verified
        or not prime.is_prime
        or prime.account_status != AccountStatus.ACTIVE
    ):
        raise IdentityError(
            IdentityErrorCode.NOT_ALLOWED,
            "この操作は確認済みの事業者のプライムアカウントだけができます。",
        )
    return organisation


def _clean_services(services: list[str]) -> list[str]:
    allowed = set(Service.values)
    unknown = [s for s in services if s not in allowed]
    if unknown:
        raise IdentityError(
            IdentityErrorCode.NOT_ALLOWED, "選べないサービスが含まれています。", field="services"
        )
    return [s for s in Service.values if s in services]


def _own_member(prime: User, member: User) -> User:
    _check_prime(prime)
    if member.organisation_id != prime.organisation_id or member.account_type != AccountType.MEMBER:
        raise IdentityError(IdentityErrorCode.NOT_ALLOWED, "このメンバーは操作できません。")
    return member


@transaction.atomic
def member_invite(
    *,
    prime: User,
    email: str,
    last_name: str = "",
    first_name: str = "",
    services: list[str],
    request: HttpRequest | None = None,
) -> tuple[Invitation, str]:
    """Create an invitation and e-mail its link; returns it with the raw token (only in the mail)."""
    organisation = _check_prime(prime)
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise IdentityError(
            IdentityErrorCode.EMAIL_TAKEN,
            "このメールアドレスは既に窓口のアカウントで使われているため招待できません。",
            field="email",
        )
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organisation=organisation,
        invited_by=prime,
        email=email,
        last_name=last_name.strip(),
        first_name=first_name.strip(),
        services=_clean_services(services),
        token_hash=token_hash(token),
        expires_at=timezone.now() + INVITATION_VALID_FOR,
    )
    identity_audit(
        action="identity.member_invited",
        request=request,
        actor=prime,
        target=invitation,
        organisation=prime.organisation_id,
        data={"email": email, "services": invitation.services},
    )
    send_on_commit(
        to=[email],
        subject=f"{prime.organisation}からメンバーとして招待されました",
        template="invitation",
        context={
            "invitation": invitation,
            "organisation": prime.organisation,
            "url": absolute_url("identity:invitation-accept", token=token),
        },
    )
    return invitation, token


def invitation_for_token(token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if invitation is None or invitation.revoked_at or invitation.accepted_at:
        raise IdentityError(
            IdentityErrorCode.INVITATION_INVALID,
            "この招待は使えません（既に使われたか、取り消されています）。招待したプライムの方にお問い合わせください。",
        )
    if invitation.expires_at <= timezone.now():
        raise IdentityError(
            IdentityErrorCode.INVITATION_EXPIRED,
            "この招待の有効期限が切れています。招待したプライムの方に再度の招待を依頼してください。",
        )
    return invitation


@transaction.atomic
def invitation_accept(
    *,
    token: str,
    password: str,
    last_name: str,
    first_name: str,
    request: HttpRequest | None = None,
) -> User:
    """Create the Member (e-mail already proven by the link). MFA is set up at the first login."""
    invitation = invitation_for_token(token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise IdentityError(
            IdentityErrorCode.EMAIL_TAKEN, "このメールアドレスのアカウントは既にあります。"
        )
    member = User(
        email=invitation.email,
        username=invitation.email,
        last_name=last_name.strip() or invitation.last_name,
        first_name=first_name.strip() or invitation.first_name,
        organisation=invitation.organisation,
        account_type=AccountType.MEMBER,
        parent=invitation.invited_by,
        services=invitation.services,
    )
    member.set_password(password)
    member.save()
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    invitation.accepted_at = timezone.now()
    invitation.accepted_user = member
    invitation.save(update_fields=["accepted_at", "accepted_user", "updated_at"])
    identity_audit(
        action="identity.member_joined",
        request=request,
        actor=member,
        target=member,
        organisation=invitation.organisation_id,
        data={"invitation": str(invitation.pk), "services": member.services},
    )
    return member


@transaction.atomic
def invitation_revoke(
    *, prime: User, invitation: Invitation, request: HttpRequest | None = None
) -> None:
    _check_prime(prime)
    if invitation.organisation_id != prime.organisation_id:
        raise IdentityError(IdentityErrorCode.NOT_ALLOWED, "この招待は操作できません。")
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at", "updated_at"])
    identity_audit(
        action="identity.invitation_revoked",
        request=request,
        actor=prime,
        target=invitation,
        organisation=prime.organisation_id,
    )


@transaction.atomic
def member_services_set(
    *, prime: User, member: User, services: list[str], request: HttpRequest | None = None
) -> User:
    _own_member(prime, member)
    member.services = _clean_services(services)
    member.save(update_fields=["services"])
    identity_audit(
        action="identity.member_services_changed",
        request=request,
        actor=prime,
        target=member,
        organisation=prime.organisation_id,
        data={"services": member.services},
    )
    return member


def _end_sessions(user: User) -> None:
    for session in UserSession.objects.filter(user=user):
        session.end()


@transaction.atomic
def member_status_set(
    *, prime: User, member: User, status: str, request: HttpRequest | None = None
) -> User:
    """Suspend, reactivate or remove a Member; suspending or removing ends their sessions."""
    _own_member(prime, member)
    if member.account_status == AccountStatus.REMOVED:
        raise IdentityError(IdentityErrorCode.WRONG_STATE, "削除済みのメンバーは変更できません。")
    status = AccountStatus(status)
    member.account_status = status
    member.is_active = status == AccountStatus.ACTIVE
    member.save(update_fields=["account_status", "is_active"])
    if status != AccountStatus.ACTIVE:
        transaction.on_commit(lambda: _end_sessions(member))
    identity_audit(
        action=f"identity.member_{status}",
        request=request,
        actor=prime,
        target=member,
        organisation=prime.organisation_id,
    )
    return member
