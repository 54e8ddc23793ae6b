"""Fixtures for review and decisions: a programme officer and reviewers (through their staff
role groups), businesses, and applications brought to 審査中 through the lifecycle services."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from madoguchi.grants.applications import services as lifecycle
from madoguchi.grants.applications.models import Application
from madoguchi.grants.review import services
from madoguchi.grants.review.models import Assignment, Criterion
from madoguchi.identity.enums import AccountType, CorpType, StaffRole
from madoguchi.identity.models import Division, Organisation, User
from tests.staff import make_staff as staff_user

PASSWORD = "review-pass-2026"
_numbers = itertools.count(1)


def make_org(name: str) -> Organisation:
    from tests.registry.factories import corporate_number_from

    return Organisation.objects.create(
        corp_type=CorpType.CORPORATION,
        corporate_number=corporate_number_from(800_000_000 + next(_numbers)),
        name=name,
        prefecture_name="東京都",
        address1="千代田区霞が関",
        address2="1-3-1",
        rep_last_name="山田",
        rep_first_name="太郎",
        verified_at=timezone.now(),
    )


def make_prime(org: Organisation) -> User:
    email = f"prime{next(_numbers)}@example.jp"
    return User.objects.create_user(
        username=email,
        email=email,
        password=PASSWORD,
        organisation=org,
        account_type=AccountType.PRIME,
        last_name="山田",
        first_name="太郎",
    )


def make_staff(
    username: str,
    role: str,
    *divisions: Division,
    organisation: Organisation | None = None,
    last_name: str = "",
) -> User:
    return staff_user(
        username,
        role,
        *divisions,
        password=PASSWORD,
        organisation=organisation,
        last_name=last_name or username,
        first_name="",
    )


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def po(division: Division) -> User:
    """The programme officer of the subsidy's division."""
    return make_staff("po", StaffRole.PROGRAMME_OFFICER, division, last_name="担当")


@pytest.fixture
def reviewers(db: Any) -> list[User]:
    return [make_staff(f"rev{i}", StaffRole.REVIEWER, last_name=f"審査員{i}") for i in (1, 2, 3)]


@pytest.fixture
def subsidy(make_subsidy: Callable[..., Any]) -> Any:
    return make_subsidy(subsidy_max_limit=5_000_000, title="ものづくり補助金")


@pytest.fixture
def criteria(subsidy: Any, po: User) -> list[Criterion]:
    return services.criteria_set(
        actor=po,
        subsidy=subsidy,
        criteria=[
            services.CriterionInput(name="事業の新規性", weight=3, max_score=5),
            services.CriterionInput(name="実現可能性", weight=2, max_score=10),
            services.CriterionInput(name="政策への貢献", weight=1, max_score=5),
        ],
    )


@pytest.fixture
def make_application(subsidy: Any, po: User) -> Callable[..., Application]:
    def make(
        name: str = "株式会社申請",
        amount: int = 1_000_000,
        *,
        review: bool = True,
        org: Organisation | None = None,
        target: Any = None,
        subsidy_round: Any = None,
    ) -> Application:
        org = org or make_org(name)
        prime = make_prime(org)
        application = lifecycle.application_draft_create(
            actor=prime,
            subsidy=target or subsidy,
            round=subsidy_round,
            project_title=f"{name}の設備導入",
            requested_amount=amount,
            idempotency_key=uuid.uuid4().hex,
        )
        application = lifecycle.application_submit(actor=prime, application=application)
        if review:
            application = lifecycle.application_review_start(actor=po, application=application)
        return Application.objects.get(pk=application.pk)

    return make


def score_all(
    reviewer: User, assignment: Assignment, values: list[int], *, finalise: bool = True
) -> Assignment:
    criteria = list(
        Criterion.objects.filter(subsidy_id=assignment.application.subsidy_id).order_by("position")
    )
    return services.score_submit(
        actor=reviewer,
        assignment=assignment,
        scores={c.pk: (v, f"{c.name}のコメント") for c, v in zip(criteria, values, strict=True)},
        finalise=finalise,
    )
