"""Applications demo (README, "Subsidy applications"): the demo Prime's business has applications
for a subsidy now accepting, in several states — a draft, one submitted, one returned for
correction, one adopted, one with the grant decided and one paid — each with its timeline, made
through the services by the demo Prime and the demo programme officer of the subsidy's division
(identity.demo; the administrator ``staff`` when the division has none). The subsidy gets the
ready-made stage forms. Loading twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.utils import timezone

from madoguchi.grants.applications import services
from madoguchi.grants.applications.documents import STAGE_DOCUMENTS, install_stage_forms
from madoguchi.grants.applications.enums import ApplicationStatus, Stage
from madoguchi.grants.applications.models import Application, StageForm
from madoguchi.grants.applications.services.save_draft import stage_data_open
from madoguchi.grants.enums import SubsidyStatus
from madoguchi.grants.models import Subsidy
from madoguchi.identity.demo import division_officer
from madoguchi.identity.models import User
from madoguchi.identity.roles import ensure_roles

S = ApplicationStatus
PRIME_EMAIL = "prime@madoguchi.example"
STAFF_USERNAME = "staff"
DEMO_DATA: dict[str, dict[str, Any]] = {
    Stage.APPLICATION: {
        "plan_summary": "自社製品の販路を広げるため、展示会に出展し、英語のカタログを作ります。",
        "expected_effect": "新規の取引先を年間10社増やします。",
        "total_cost": 1_800_000,
        "consent": True,
    },
    Stage.GRANT_APPLICATION: {
        "grant_amount": 1_200_000,
        "project_start": "2026-12-01",
        "project_end": "2027-02-28",
    },
    Stage.REPORT: {
        "report_detail": "展示会に出展し、商談を24件行いました。",
        "actual_cost": 1_650_000,
        "completed_on": "2027-02-20",
    },
    Stage.PAYMENT_REQUEST: {
        "bank_name": "窓口銀行",
        "branch_name": "霞が関支店",
        "account_number": "1234567",
        "account_holder": "カ）マドグチ",
    },
}
# (idempotency key, title, amount, target state)
PLAN = [
    ("demo-draft", "新商品の試作と市場調査", 800_000, S.DRAFT),
    ("demo-submitted", "展示会への出展による販路開拓", 1_500_000, S.SUBMITTED),
    ("demo-returned", "ECサイトの多言語化", 1_000_000, S.RETURNED),
    ("demo-adopted", "生産設備の省エネ更新", 2_000_000, S.ADOPTED),
    ("demo-decided", "海外見本市への出展", 1_200_000, S.GRANT_DECIDED),
    ("demo-paid", "受発注システムの導入", 900_000, S.PAID),
]


def _subsidies() -> list[Subsidy]:
    """Published subsidies accepting now (for a few more days), those allowing several
    applications per business first."""
    now = timezone.now()
    return list(
        Subsidy.objects.filter(
            status=SubsidyStatus.PUBLISHED,
            request_reception_presence=True,
            acceptance_start_datetime__lte=now,
            acceptance_end_datetime__gt=now + dt.timedelta(days=3),
        ).order_by("-is_enable_multiple_request", "name")[: len(PLAN)]
    )


def _fill(application: Application, prime: User, stage: str) -> None:
    current = stage_data_open(application, stage, actor=prime)
    services.application_save_draft(
        actor=prime, application=application, stage=stage, data={**current.data, **DEMO_DATA[stage]}
    )


def _advance(application: Application, target: str, prime: User, officer: User) -> None:
    def step(name: str, **kwargs: Any) -> None:
        getattr(services, name)(application=application, **kwargs)

    if target == S.DRAFT:
        return
    step("application_submit", actor=prime)
    if target == S.SUBMITTED:
        return
    if target == S.RETURNED:
        step(
            "application_return",
            actor=officer,
            message="経費の見積書（2社分）を添付して、再申請してください。",
        )
        return
    step("application_review_start", actor=officer)
    step(
        "application_adopt",
        actor=officer,
        amount=application.requested_amount,
        message="審査の結果、採択します。",
    )
    if target == S.ADOPTED:
        return
    _fill(application, prime, Stage.GRANT_APPLICATION)
    step("application_grant_apply", actor=prime)
    step(
        "application_grant_decide",
        actor=officer,
        message="交付を決定しました。交付決定通知書をご確認ください。",
    )
    if target == S.GRANT_DECIDED:
        return
    _fill(application, prime, Stage.REPORT)
    step("application_report", actor=prime)
    step(
        "application_amount_confirm",
        actor=officer,
        amount=(application.requested_amount or 0) - 50_000,
    )
    _fill(application, prime, Stage.PAYMENT_REQUEST)
    step("application_payment_request", actor=prime)
    step("application_pay", actor=officer, message="指定の口座にお振り込みしました。")


def load() -> Iterator[str]:
    ensure_roles()
    prime = User.objects.filter(email=PRIME_EMAIL).first()
    administrator = User.objects.filter(username=STAFF_USERNAME, is_superuser=True).first()
    subsidies = _subsidies()
    if prime is None or administrator is None or not subsidies:
        yield "補助金の申請のデモ: プライムのデモアカウント、職員、受付中の補助金のいずれかがないため省略しました。"
        return
    if Application.objects.filter(
        organisation=prime.organisation, idempotency_key__startswith="demo-"
    ).exists():
        yield "補助金の申請のデモ: 読み込み済みです"
        return
    # One subsidy for all when it allows several applications per business; otherwise one each.
    targets = [subsidies[0]] * len(PLAN) if subsidies[0].is_enable_multiple_request else subsidies
    made = 0
    for (key, title, amount, state), subsidy in zip(PLAN, targets, strict=False):
        officer = division_officer(subsidy.division_id) or administrator
        if StageForm.objects.filter(subsidy=subsidy).count() < len(STAGE_DOCUMENTS):
            install_stage_forms(builder=administrator, officer=officer, subsidy=subsidy)
        if subsidy.subsidy_max_limit is not None:
            amount = min(amount, subsidy.subsidy_max_limit)
        application = services.application_draft_create(
            actor=prime,
            subsidy=subsidy,
            project_title=title,
            requested_amount=amount,
            idempotency_key=key,
        )
        _fill(application, prime, Stage.APPLICATION)
        _advance(application, state, prime, officer)
        made += 1
    yield f"補助金の申請のデモ: {PRIME_EMAIL} の事業者に{made}件（下書き〜支払済）を作成しました"
