"""Entry sign-up (self-declared organisation) and account-level changes."""

from allauth.usersessions.models import UserSession
from django.db import transaction
from django.http import HttpRequest

from madoguchi.identity.enums import AccountType, CorpType
from madoguchi.identity.errors import IdentityError, IdentityErrorCode
from madoguchi.identity.models import Organisation, User
from madoguchi.identity.services.audit import identity_audit
from madoguchi.identity.services.registry_check import corporation_for_number


def organisation_number_check(corporate_number: str) -> str:
    """A number an Entry may declare: valid, open in the registry, not yet someone's organisation."""
    corporation = corporation_for_number(corporate_number)
    if Organisation.objects.filter(corporate_number=corporation.corporate_number).exists():
        raise IdentityError(
            IdentityErrorCode.ORGANISATION_TAKEN,
            "この法人番号の事業者は既に登録されています。その事業者のプライムアカウントの方に"
            "メンバーとしての招待を依頼するか、代表者の方はログイン後にプライムを申請してください。",
            field="corporate_number",
        )
    return corporation.corporate_number


@transaction.atomic
def entry_signup_complete(
    *,
    user: User,
    corp_type: int,
    corporate_number: str,
    organisation_name: str,
    last_name: str,
    first_name: str,
    request: HttpRequest | None = None,
) -> User:
    """Make a just-created login an Entry account with its self-declared (unverified) organisation."""
    number = (
        organisation_number_check(corporate_number) if corp_type == CorpType.CORPORATION else None
    )
    organisation = Organisation.objects.create(
        corp_type=corp_type, corporate_number=number, name=organisation_name.strip()
    )
    user.organisation = organisation
    user.account_type = AccountType.ENTRY
    user.last_name = last_name.strip()
    user.first_name = first_name.strip()
    user.username = user.email.lower()
    user.save(update_fields=["organisation", "account_type", "last_name", "first_name", "username"])
    identity_audit(
        action="identity.signup",
        request=request,
        actor=user,
        target=user,
        organisation=organisation,
        data={"account_type": AccountType.ENTRY, "corp_type": corp_type},
    )
    return user


@transaction.atomic
def session_end(*, user: User, session: UserSession, request: HttpRequest | None = None) -> None:
    """End one of the user's sessions (not the current one: that is a logout)."""
    if session.user_id != user.pk:
        raise IdentityError(IdentityErrorCode.NOT_ALLOWED, "この端末は操作できません。")
    identity_audit(
        action="identity.session_ended",
        request=request,
        actor=user,
        target=user,
        data={"ip": session.ip, "user_agent": session.user_agent[:200]},
    )
    if not session.is_current():
        session.end()
