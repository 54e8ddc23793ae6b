"""The lifecycle through the services: the whole walk, who may fire each transition, what each
requires (messages, amounts, valid forms) and what it records and sends."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail

from madoguchi.core.models import AuditEvent
from madoguchi.grants.applications import services
from madoguchi.grants.applications.enums import (
    ActorRole,
    ApplicationErrorCode,
    ApplicationStatus,
    Stage,
)
from madoguchi.grants.applications.errors import ApplicationError, InvalidAnswers
from madoguchi.grants.applications.models import Application
from tests.grants.applications.conftest import fill_stage, reload

S = ApplicationStatus
pytestmark = pytest.mark.django_db(transaction=False)


def advance(application: Application, target: str, applicant: Any, officer: Any) -> Application:
    """Walk the main path with ``applicant`` and ``officer`` until ``target`` is reached."""
    steps: list[tuple[str, Callable[[], Any]]] = [
        (
            S.SUBMITTED,
            lambda: services.application_submit(actor=applicant, application=application),
        ),
        (
            S.UNDER_REVIEW,
            lambda: services.application_review_start(actor=officer, application=application),
        ),
        (
            S.ADOPTED,
            lambda: services.application_adopt(
                actor=officer, application=application, amount=900_000
            ),
        ),
        (
            S.GRANT_APPLIED,
            lambda: (
                fill_stage(application, applicant, Stage.GRANT_APPLICATION),
                services.application_grant_apply(actor=applicant, application=application),
            ),
        ),
        (
            S.GRANT_DECIDED,
            lambda: services.application_grant_decide(
                actor=officer, application=application, amount=800_000
            ),
        ),
        (
            S.REPORTED,
            lambda: (
                fill_stage(application, applicant, Stage.REPORT),
                services.application_report(actor=applicant, application=application),
            ),
        ),
        (
            S.AMOUNT_CONFIRMED,
            lambda: services.application_amount_confirm(
                actor=officer, application=application, amount=750_000
            ),
        ),
        (
            S.PAYMENT_REQUESTED,
            lambda: (
                fill_stage(application, applicant, Stage.PAYMENT_REQUEST),
                services.application_payment_request(actor=applicant, application=application),
            ),
        ),
        (S.PAID, lambda: services.application_pay(actor=officer, application=application)),
    ]
    order = [S.DRAFT] + [state for state, _step in steps]
    current = order.index(reload(application).status)
    for state, step in steps[current:]:
        if reload(application).status == target:
            break
        step()
        assert reload(application).status == state
    return reload(application)


def test_walk_from_draft_to_paid(
    make_draft: Any, prime: Any, programme_officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    application = make_draft(prime)
    with django_capture_on_commit_callbacks(execute=True):
        application = advance(application, S.PAID, prime, programme_officer)
    assert application.status == S.PAID
    assert application.receipt_number.startswith(application.subsidy.name + "-")
    assert (application.requested_amount, application.adopted_amount) == (1_000_000, 900_000)
    assert (application.decided_amount, application.confirmed_amount) == (800_000, 750_000)
    assert application.submitted_at and application.paid_at
    actions = list(application.events.values_list("action", flat=True))
    assert actions == [
        "draft_create",
        "submit",
        "review_start",
        "adopt",
        "grant_apply",
        "grant_decide",
        "report",
        "amount_confirm",
        "payment_request",
        "pay",
    ]
    roles = set(application.events.exclude(action="draft_create").values_list("role", flat=True))
    assert roles == {ActorRole.PRIME, ActorRole.OFFICER}
    # One e-mail per step after the draft, to the applicant, after commit.
    assert len(mail.outbox) == 9
    assert mail.outbox[0].to == [prime.email]
    assert "申請を受け付けました" in mail.outbox[0].subject
    assert application.receipt_number in mail.outbox[0].body
    # Every step is audited.
    assert AuditEvent.objects.filter(
        target_id=str(application.pk), action="applications.pay"
    ).exists()
    # Stage data pinned to the form version it was filled with.
    report = application.stage_data.get(stage=Stage.REPORT)
    assert report.form_version_id is not None and report.submitted_at is not None


def test_return_and_resubmit_with_message(
    make_draft: Any, prime: Any, programme_officer: Any
) -> None:
    application = advance(make_draft(prime), S.SUBMITTED, prime, programme_officer)
    with pytest.raises(ApplicationError) as blank:
        services.application_return(actor=programme_officer, application=application, message="  ")
    assert blank.value.code == ApplicationErrorCode.REQUIRED
    assert "差戻しの理由" in blank.value.message
    services.application_return(
        actor=programme_officer, application=application, message="経費の内訳を添えてください。"
    )
    assert reload(application).status == S.RETURNED
    # The applicant corrects (the stage is editable again) and resubmits.
    fill_stage(application, prime, Stage.APPLICATION)
    services.application_resubmit(
        actor=prime, application=application, message="内訳を追記しました。"
    )
    application = reload(application)
    assert application.status == S.RESUBMITTED
    events = list(application.events.values_list("action", "message"))
    assert ("return", "経費の内訳を添えてください。") in events
    assert ("resubmit", "内訳を追記しました。") in events
    services.application_review_start(actor=programme_officer, application=application)
    assert reload(application).status == S.UNDER_REVIEW


def test_change_request_approved_and_refused(
    make_draft: Any, prime: Any, programme_officer: Any
) -> None:
    application = advance(make_draft(prime), S.GRANT_DECIDED, prime, programme_officer)
    with pytest.raises(ApplicationError, match="変更の内容と理由"):
        services.application_change_request(actor=prime, application=application, message="")
    fill_stage(application, prime, Stage.CHANGE_REQUEST)
    services.application_change_request(
        actor=prime, application=application, message="展示会を変更します。"
    )
    with pytest.raises(ApplicationError, match="不承認の理由"):
        services.application_change_decide(
            actor=programme_officer, application=application, approved=False
        )
    services.application_change_decide(
        actor=programme_officer, application=application, approved=True, amount=700_000
    )
    application = reload(application)
    assert (application.status, application.decided_amount) == (S.GRANT_DECIDED, 700_000)
    # A second change request is numbered 2 and may be refused.
    fill_stage(application, prime, Stage.CHANGE_REQUEST)
    services.application_change_request(
        actor=prime, application=application, message="もう一度変更します。"
    )
    services.application_change_decide(
        actor=programme_officer,
        application=application,
        approved=False,
        message="必要性が認められません。",
    )
    application = reload(application)
    assert application.status == S.GRANT_DECIDED and application.decided_amount == 700_000
    assert sorted(
        application.stage_data.filter(stage=Stage.CHANGE_REQUEST).values_list("number", flat=True)
    ) == [1, 2]


def test_not_adopted_and_withdraw_limits(
    make_draft: Any, prime: Any, programme_officer: Any
) -> None:
    application = advance(make_draft(prime), S.UNDER_REVIEW, prime, programme_officer)
    services.application_not_adopt(
        actor=programme_officer, application=application, message="予算の範囲を超えました。"
    )
    assert reload(application).status == S.NOT_ADOPTED
    with pytest.raises(ApplicationError) as late:
        services.application_withdraw(actor=prime, application=application)
    assert late.value.code == ApplicationErrorCode.TRANSITION
    assert "「不採択」のため、取下げはできません" in late.value.message


def test_withdraw_possible_until_grant_decision(
    make_draft: Any, prime: Any, programme_officer: Any
) -> None:
    application = advance(make_draft(prime), S.GRANT_APPLIED, prime, programme_officer)
    services.application_withdraw(
        actor=prime, application=application, message="事業を中止します。"
    )
    assert reload(application).status == S.WITHDRAWN
    decided = advance(make_draft(prime, key="other"), S.GRANT_DECIDED, prime, programme_officer)
    with pytest.raises(ApplicationError, match="「交付決定」のため、取下げはできません"):
        services.application_withdraw(actor=prime, application=decided)


def test_amounts_are_checked(make_draft: Any, prime: Any, programme_officer: Any) -> None:
    application = advance(make_draft(prime), S.UNDER_REVIEW, prime, programme_officer)
    with pytest.raises(
        ApplicationError, match=r"採択額（1,500,000円）は申請額（1,000,000円）を超えられません"
    ):
        services.application_adopt(
            actor=programme_officer, application=application, amount=1_500_000
        )
    application = advance(application, S.REPORTED, prime, programme_officer)
    with pytest.raises(ApplicationError, match="確定額を入力してください"):
        services.application_amount_confirm(
            actor=programme_officer, application=application, amount=None
        )  # type: ignore[arg-type]
    with pytest.raises(ApplicationError, match="交付決定額（800,000円）を超えられません"):
        services.application_amount_confirm(
            actor=programme_officer, application=application, amount=800_001
        )
    with pytest.raises(ApplicationError, match="半角数字"):
        services.application_amount_confirm(
            actor=programme_officer, application=application, amount="八十万"
        )  # type: ignore[arg-type]
    assert reload(application).status == S.REPORTED


def test_submit_requires_a_valid_application_form(make_draft: Any, prime: Any) -> None:
    application = make_draft(prime, fill=False)
    with pytest.raises(InvalidAnswers) as invalid:
        services.application_submit(actor=prime, application=application)
    assert set(invalid.value.errors) >= {"plan_summary", "total_cost", "consent"}
    assert all(invalid.value.errors.values())
    assert reload(application).status == S.DRAFT
    # Prefilled business data was kept (the once-only principle).
    data = application.stage_data.get(stage=Stage.APPLICATION).data
    assert data["org_name"] == application.organisation.name
    assert data["org_address"] == "東京都千代田区霞が関1-3-1"


def test_requested_amount_over_the_limit_is_refused(make_draft: Any, prime: Any) -> None:
    with pytest.raises(ApplicationError, match="補助上限額（2,000,000円）を超えられません"):
        services.application_save_draft(
            actor=prime,
            application=make_draft(prime),
            requested_amount=2_000_001,
            set_requested_amount=True,
        )


def test_a_stage_cannot_be_edited_outside_its_state(make_draft: Any, prime: Any) -> None:
    application = make_draft(prime)
    with pytest.raises(ApplicationError, match="交付申請の内容は変更できません"):
        services.application_save_draft(
            actor=prime, application=application, stage=Stage.GRANT_APPLICATION, data={}
        )


def test_agent_acts_under_mandate_and_is_recorded(
    make_draft: Any, agent: Any, mandate: Any, org: Any, agent_org: Any
) -> None:
    application = make_draft(agent, organisation=org)
    services.application_submit(actor=agent, application=application)
    application = reload(application)
    assert application.organisation == org and application.agent_organisation == agent_org
    event = application.events.get(action="submit")
    assert event.role == ActorRole.AGENT and event.agent_organisation == agent_org
    audit = AuditEvent.objects.get(action="applications.submit", target_id=str(application.pk))
    assert audit.organisation_id == str(org.pk)
    assert audit.agent_organisation_id == str(agent_org.pk)
    assert audit.data["agent"] == f"代理 {agent_org.name} が {org.name} のために操作"
    # Prefill uses the business applied for, not the agent's own organisation.
    assert application.stage_data.get().data["org_name"] == org.name


def test_decisions_ask_the_review_context_for_notices(
    make_draft: Any,
    prime: Any,
    programme_officer: Any,
    client: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django.apps import apps

    if not apps.is_installed("madoguchi.grants.review"):
        pytest.skip("the review context (notices) is not installed")
    from django.urls import reverse

    from madoguchi.grants.review.models import Notice

    with django_capture_on_commit_callbacks(execute=True):
        application = advance(make_draft(prime), S.GRANT_DECIDED, prime, programme_officer)
    kinds = set(Notice.objects.filter(application=application).values_list("kind", flat=True))
    assert kinds == {"adoption", "grant_decision"}
    client.force_login(prime)
    page = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert "採択通知" in page and "交付決定通知書" in page
