"""Identity test helpers: organisations, accounts in each role, TOTP codes, a PDF proof."""

import time
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from madoguchi.identity.enums import AccountType, CorpType, Service, StaffRole
from madoguchi.identity.models import Organisation, User
from tests.registry.factories import CorporationFactory

PASSWORD = "kumo-no-ue-de-2026"


@pytest.fixture(autouse=True)
def _clear_rate_limits() -> None:
    cache.clear()  # allauth's rate limits and used TOTP codes live in the cache


def totp_now(secret: str, offset: int = 0) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def pdf_proof(name: str = "inkan.pdf", size: int = 0) -> SimpleUploadedFile:
    body = b"%PDF-1.7\n%test proof\n" + b"0" * size
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def make_user(email: str, **fields: Any) -> User:
    user = User.objects.create_user(username=email, email=email, password=PASSWORD, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def make_org(*, verified: bool = True, corporation: Any = None) -> Organisation:
    corporation = corporation or CorporationFactory()
    return Organisation.objects.create(
        corp_type=CorpType.CORPORATION,
        corporate_number=corporation.corporate_number,
        name=corporation.name,
        verified_at=timezone.now() if verified else None,
    )


def make_prime(email: str = "prime@example.jp", organisation: Organisation | None = None) -> User:
    return make_user(email, organisation=organisation or make_org(), account_type=AccountType.PRIME)


def make_member(prime: User, email: str = "member@example.jp", services: Any = None) -> User:
    return make_user(
        email,
        organisation=prime.organisation,
        account_type=AccountType.MEMBER,
        parent=prime,
        services=services if services is not None else [Service.GRANTS],
    )


def make_reviewer(email: str = "reviewer@madoguchi.example") -> User:
    user = make_user(email, is_staff=True)
    user.groups.add(Group.objects.get(name=StaffRole.IDENTITY_REVIEWER))
    return user


def with_totp(user: User) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def login(client: Any, email: str, password: str = PASSWORD) -> Any:
    return client.post("/accounts/login/", {"login": email, "password": password})
