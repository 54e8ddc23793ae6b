"""Fixtures for the application lifecycle: a business (Prime, Members), an agent with a mandate,
another business, a programme officer, a published subsidy with its stage forms."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from madoguchi.grants.applications import services
from madoguchi.grants.applications.documents import install_stage_forms
from madoguchi.grants.applications.enums import Stage
from madoguchi.grants.applications.models import Application
from madoguchi.identity.enums import AccountType, CorpType, Service, StaffRole
from madoguchi.identity.models import Division, Mandate, Organisation, User
from tests.staff import make_staff

PASSWORD = "test-pass-2026"
_numbers = itertools.count(1)


def make_org(name: str) -> Organisation:
    from tests.registry.factories import corporate_number_from

    return Organisation.objects.create(
        corp_type=CorpType.CORPORATION,
        corporate_number=corporate_number_from(700_000_000 + next(_numbers)),
        name=name,
        postal_code="1000013",
        prefecture_name="東京都",
        address1="千代田区霞が関",
        address2="1-3-1",
        rep_last_name="山田",
        rep_first_name="太郎",
        verified_at=timezone.now(),
    )


def make_user(
    email: str, organisation: Organisation | None, account_type: int | None, **extra: Any
) -> User:
    return User.objects.create_user(
        username=email,
        email=email,
        password=PASSWORD,
        organisation=organisation,
        account_type=account_type,
        last_name="佐藤",
        first_name="花子",
        phone="0312345678",
        **extra,
    )


@pytest.fixture
def org(db: Any) -> Organisation:
    return make_org("株式会社窓口商事")


@pytest.fixture
def prime(org: Organisation) -> User:
    return make_user("prime@example.jp", org, AccountType.PRIME)


@pytest.fixture
def member(org: Organisation, prime: User) -> User:
    """A Member the Prime allowed the grants service."""
    return make_user(
        "member@example.jp", org, AccountType.MEMBER, parent=prime, services=[Service.GRANTS]
    )


@pytest.fixture
def member_without_grants(org: Organisation, prime: User) -> User:
    return make_user(
        "member2@example.jp", org, AccountType.MEMBER, parent=prime, services=[Service.PROCEDURES]
    )


@pytest.fixture
def entry_user(org: Organisation) -> User:
    return make_user("entry@example.jp", org, AccountType.ENTRY)


@pytest.fixture
def agent_org(db: Any) -> Organisation:
    return make_org("税理士法人代理")


@pytest.fixture
def agent(agent_org: Organisation) -> User:
    """The Prime of an agent organisation holding a grants mandate from ``org``."""
    return make_user("agent@example.jp", agent_org, AccountType.PRIME)


@pytest.fixture
def mandate(org: Organisation, agent_org: Organisation, prime: User) -> Mandate:
    today = timezone.localdate()
    return Mandate.objects.create(
        principal=org,
        agent=agent_org,
        services=[Service.GRANTS],
        valid_from=today - dt.timedelta(days=1),
        valid_until=today + dt.timedelta(days=30),
        granted_by=prime,
    )


@pytest.fixture
def other_prime(db: Any) -> User:
    return make_user("other@example.jp", make_org("株式会社よその会社"), AccountType.PRIME)


@pytest.fixture
def programme_officer(division: Division) -> User:
    """A programme officer of the subsidy's division."""
    return make_staff("po", StaffRole.PROGRAMME_OFFICER, division, password=PASSWORD)


@pytest.fixture
def viewer_staff(db: Any) -> User:
    """Staff who may see applications but not process them (an analyst)."""
    return make_staff("viewer", StaffRole.ANALYST, password=PASSWORD)


@pytest.fixture
def builder(division: Division) -> User:
    """A procedure builder of the subsidy's division: builds its stage forms."""
    return make_staff("builder", StaffRole.PROCEDURE_BUILDER, division, password=PASSWORD)


@pytest.fixture
def subsidy(make_subsidy: Callable[..., Any]) -> Any:
    return make_subsidy(subsidy_max_limit=2_000_000)


@pytest.fixture
def stage_versions(subsidy: Any, builder: User, programme_officer: User) -> dict[str, Any]:
    return install_stage_forms(builder=builder, officer=programme_officer, subsidy=subsidy)


VALID_APPLICATION = {
    "plan_summary": "新しい販路を開拓するため、展示会に出展します。",
    "total_cost": 1_500_000,
    "consent": True,
}
VALID_STAGE_DATA = {
    Stage.GRANT_APPLICATION: {
        "grant_amount": 1_000_000,
        "project_start": "2026-12-01",
        "project_end": "2027-03-31",
    },
    Stage.CHANGE_REQUEST: {"change_detail": "出展する展示会を変更します。"},
    Stage.REPORT: {
        "report_detail": "展示会に出展し、商談を20件行いました。",
        "actual_cost": 1_400_000,
        "completed_on": "2027-03-20",
    },
    Stage.PAYMENT_REQUEST: {
        "bank_name": "窓口銀行",
        "branch_name": "霞が関支店",
        "account_number": "1234567",
        "account_holder": "カ）マドグチシヨウジ",
    },
}


def fill_stage(application: Application, actor: User, stage: str) -> None:
    """Fill the stage's form with valid answers, keeping the prefilled ones."""
    from madoguchi.grants.applications.services.save_draft import stage_data_open

    current = stage_data_open(application, stage, actor=actor)
    extra = VALID_APPLICATION if stage == Stage.APPLICATION else VALID_STAGE_DATA[stage]
    services.application_save_draft(
        actor=actor, application=application, stage=stage, data={**current.data, **extra}
    )


@pytest.fixture
def make_draft(subsidy: Any, stage_versions: dict[str, Any]) -> Callable[..., Application]:
    counter = itertools.count(1)

    def make(
        actor: User,
        *,
        organisation: Organisation | None = None,
        fill: bool = True,
        amount: int = 1_000_000,
        key: str | None = None,
        target: Any = None,
    ) -> Application:
        application = services.application_draft_create(
            actor=actor,
            subsidy=target or subsidy,
            organisation=organisation,
            project_title="展示会への出展による販路開拓",
            requested_amount=amount,
            idempotency_key=key or f"key-{next(counter)}",
        )
        if fill:
            fill_stage(application, actor, Stage.APPLICATION)
        return application

    return make


def reload(application: Application) -> Application:
    return Application.objects.get(pk=application.pk)
