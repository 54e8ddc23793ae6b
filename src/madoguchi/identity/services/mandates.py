"""委任 (mandates): a Prime lets another verified organisation act for it in named services."""

import datetime

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from madoguchi.identity.enums import AccountType
from madoguchi.identity.errors import IdentityError, IdentityErrorCode
from madoguchi.identity.mail import absolute_url, send_on_commit
from madoguchi.identity.models import Mandate, Organisation, User
from madoguchi.identity.services.audit import identity_audit
from madoguchi.identity.services.members import _check_prime, _clean_services
from madoguchi.registry.numbers import InvalidCorporateNumber, validate_corporate_number

MAX_MANDATE_DAYS = 3 * 366


@transaction.atomic
def mandate_grant(
    *,
    prime: User,
    agent_corporate_number: str,
    services: list[str],
    valid_until: datetime.date,
    request: HttpRequest | None = None,
) -> Mandate:
    principal = _check_prime(prime)
    try:
        number = validate_corporate_number(agent_corporate_number, field="委任先の法人番号")
    except InvalidCorporateNumber as error:
        raise IdentityError(
            IdentityErrorCode.MANDATE_INVALID, error.message, field="agent_corporate_number"
        ) from None
    agent = Organisation.objects.filter(corporate_number=number, verified_at__isnull=False).first()
    if agent is None:
        raise IdentityError(
            IdentityErrorCode.MANDATE_INVALID,
            f"法人番号 {number} の事業者は窓口で本人確認が済んでいないため、委任先にできません。",
            field="agent_corporate_number",
        )
    if agent.pk == prime.organisation_id:
        raise IdentityError(
            IdentityErrorCode.MANDATE_INVALID,
            "自分の事業者には委任できません。",
            field="agent_corporate_number",
        )
    services = _clean_services(services)
    if not services:
        raise IdentityError(
            IdentityErrorCode.MANDATE_INVALID,
            "委任するサービスを1つ以上選んでください。",
            field="services",
        )
    today = timezone.localdate()
    if valid_until < today:
        raise IdentityError(
            IdentityErrorCode.MANDATE_INVALID,
            "終了日は今日以降の日付にしてください。",
            field="valid_until",
        )
    if (valid_until - today).days > MAX_MANDATE_DAYS:
        raise IdentityError(
            IdentityErrorCode.MANDATE_INVALID,
            "委任の期間は最長3年です。終了日を早めてください。",
            field="valid_until",
        )
    mandate = Mandate.objects.create(
        principal=principal,
        agent=agent,
        services=services,
        valid_from=today,
        valid_until=valid_until,
        granted_by=prime,
    )
    identity_audit(
        action="identity.mandate_granted",
        request=request,
        actor=prime,
        target=mandate,
        organisation=prime.organisation_id,
        agent_organisation=agent,
        data={"services": services, "valid_until": valid_until.isoformat()},
    )
    agent_primes = list(
        User.objects.filter(organisation=agent, account_type=AccountType.PRIME).values_list(
            "email", flat=True
        )
    )
    if agent_primes:
        send_on_commit(
            to=agent_primes,
            subject=f"{prime.organisation}から委任を受けました",
            template="mandate_granted",
            context={"mandate": mandate, "url": absolute_url("identity:mandates")},
        )
    return mandate


@transaction.atomic
def mandate_revoke(*, prime: User, mandate: Mandate, request: HttpRequest | None = None) -> Mandate:
    _check_prime(prime)
    if mandate.principal_id != prime.organisation_id:
        raise IdentityError(IdentityErrorCode.NOT_ALLOWED, "この委任は取り消せません。")
    if mandate.revoked_at is None:
        mandate.revoked_at = timezone.now()
        mandate.save(update_fields=["revoked_at", "updated_at"])
        identity_audit(
            action="identity.mandate_revoked",
            request=request,
            actor=prime,
            target=mandate,
            organisation=prime.organisation_id,
            agent_organisation=mandate.agent_id,
        )
    return mandate
