"""Submission rules: the acceptance window judged on the server at the write (edges included),
double clicks and retries making exactly one application, one application per business unless the
subsidy allows several, receipt numbers and the confirmation e-mail."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from madoguchi.grants.applications import services
from madoguchi.grants.applications.enums import ApplicationErrorCode, ApplicationStatus
from madoguchi.grants.applications.errors import ApplicationError
from madoguchi.grants.applications.models import Application
from madoguchi.grants.models import Subsidy
from tests.grants.applications.conftest import reload

S = ApplicationStatus
pytestmark = pytest.mark.django_db

END = dt.datetime(2026, 12, 25, 8, 0, 0, tzinfo=dt.UTC)  # 17:00:00 in Japan


def set_window(
    subsidy: Subsidy, *, start: dt.datetime, end: dt.datetime, multiple: bool | None = None
) -> None:
    values: dict[str, Any] = {"acceptance_start_datetime": start, "acceptance_end_datetime": end}
    if multiple is not None:
        values["is_enable_multiple_request"] = multiple
    Subsidy.objects.filter(pk=subsidy.pk).update(**values)


def at(monkeypatch: pytest.MonkeyPatch, moment: dt.datetime) -> None:
    """The server clock reads ``moment`` (timezone.now is what the submit service reads)."""
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_just_before_the_deadline_is_accepted(
    make_draft: Any, prime: Any, subsidy: Subsidy, monkeypatch: Any
) -> None:
    application = make_draft(prime)
    set_window(subsidy, start=END - dt.timedelta(days=30), end=END)
    at(monkeypatch, END - dt.timedelta(microseconds=1))
    services.application_submit(actor=prime, application=application)
    application = reload(application)
    assert application.status == S.SUBMITTED
    assert application.submitted_at == END - dt.timedelta(microseconds=1)


def test_exactly_at_the_deadline_is_accepted(
    make_draft: Any, prime: Any, subsidy: Subsidy, monkeypatch: Any
) -> None:
    application = make_draft(prime)
    set_window(subsidy, start=END - dt.timedelta(days=30), end=END)
    at(monkeypatch, END)
    services.application_submit(actor=prime, application=application)
    assert reload(application).status == S.SUBMITTED


def test_just_after_the_deadline_is_refused_in_japan_time(
    make_draft: Any, prime: Any, subsidy: Subsidy, monkeypatch: Any
) -> None:
    application = make_draft(prime)
    set_window(subsidy, start=END - dt.timedelta(days=30), end=END)
    at(monkeypatch, END + dt.timedelta(seconds=1))
    with pytest.raises(ApplicationError) as refused:
        services.application_submit(actor=prime, application=application)
    assert refused.value.code == ApplicationErrorCode.WINDOW_CLOSED
    assert refused.value.message.startswith(
        "申請の受付は2026年12月25日 17時00分00秒（日本時間）に締め切りました。"
    )
    assert "2026年12月25日 17時00分01秒" in refused.value.message
    application = reload(application)
    assert application.status == S.DRAFT and application.receipt_number is None
    assert application.stage_data.get().data["plan_summary"]  # the draft is kept


def test_before_the_start_is_refused(
    make_draft: Any, prime: Any, subsidy: Subsidy, monkeypatch: Any
) -> None:
    application = make_draft(prime)
    start = END - dt.timedelta(days=1)
    set_window(subsidy, start=start, end=END)
    at(monkeypatch, start - dt.timedelta(seconds=1))
    with pytest.raises(ApplicationError, match="受付開始は2026年12月24日 17時00分00秒（日本時間）"):
        services.application_submit(actor=prime, application=application)


def test_a_round_window_overrides_the_subsidy(
    make_draft: Any, prime: Any, subsidy: Subsidy, monkeypatch: Any
) -> None:
    from madoguchi.grants.models import SubsidyRound

    set_window(subsidy, start=END - dt.timedelta(days=30), end=END)
    round_ = SubsidyRound.objects.create(
        subsidy=subsidy,
        fiscal_year_round="令和8年度 第1回",
        acceptance_start_datetime=END - dt.timedelta(days=30),
        acceptance_end_datetime=END - dt.timedelta(days=10),
    )
    application = make_draft(prime)
    Application.objects.filter(pk=application.pk).update(round=round_)
    at(monkeypatch, END - dt.timedelta(days=5))
    with pytest.raises(ApplicationError, match="締め切りました"):
        services.application_submit(actor=prime, application=application)


def test_double_click_on_start_makes_one_draft(
    subsidy: Subsidy, stage_versions: Any, prime: Any
) -> None:
    kwargs = {
        "actor": prime,
        "subsidy": subsidy,
        "project_title": "計画",
        "idempotency_key": "same-token",
    }
    first = services.application_draft_create(**kwargs)
    second = services.application_draft_create(**kwargs)
    assert first.pk == second.pk
    assert Application.objects.filter(subsidy=subsidy).count() == 1
    other = services.application_draft_create(**{**kwargs, "idempotency_key": "another-token"})
    assert other.pk != first.pk


def test_double_click_on_submit_makes_one_submission(
    make_draft: Any, prime: Any, django_capture_on_commit_callbacks: Any
) -> None:
    application = make_draft(prime)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.application_submit(actor=prime, application=application)
        second = services.application_submit(actor=prime, application=application)
    assert first.receipt_number == second.receipt_number
    assert application.events.filter(action="submit").count() == 1
    assert len(mail.outbox) == 1
    assert first.receipt_number in mail.outbox[0].body


def test_one_application_per_business_unless_multiple_allowed(
    make_draft: Any, prime: Any, member: Any, subsidy: Subsidy
) -> None:
    first = make_draft(prime)
    second = make_draft(member)
    services.application_submit(actor=prime, application=first)
    with pytest.raises(ApplicationError) as duplicate:
        services.application_submit(actor=member, application=second)
    assert duplicate.value.code == ApplicationErrorCode.DUPLICATE
    assert "1事業者につき1件" in duplicate.value.message
    assert reload(second).status == S.DRAFT
    # Withdrawing the first frees the place.
    services.application_withdraw(actor=prime, application=first)
    services.application_submit(actor=member, application=second)
    assert reload(second).status == S.SUBMITTED


def test_several_applications_when_the_subsidy_allows(
    make_draft: Any, prime: Any, subsidy: Subsidy
) -> None:
    Subsidy.objects.filter(pk=subsidy.pk).update(is_enable_multiple_request=True)
    first, second = make_draft(prime), make_draft(prime)
    services.application_submit(actor=prime, application=first)
    services.application_submit(actor=prime, application=second)
    numbers = {reload(first).receipt_number, reload(second).receipt_number}
    assert len(numbers) == 2


def test_other_businesses_are_independent(make_draft: Any, prime: Any, other_prime: Any) -> None:
    mine, theirs = make_draft(prime), make_draft(other_prime)
    services.application_submit(actor=prime, application=mine)
    services.application_submit(actor=other_prime, application=theirs)
    assert {reload(mine).status, reload(theirs).status} == {S.SUBMITTED}


def test_unpublished_or_paper_only_subsidy_refuses_drafts(make_subsidy: Any, prime: Any) -> None:
    draft_subsidy = make_subsidy(publish=False)
    with pytest.raises(ApplicationError, match="電子申請を受け付けていません"):
        services.application_draft_create(
            actor=prime, subsidy=draft_subsidy, project_title="計画", idempotency_key="k"
        )
    with pytest.raises(ApplicationError, match="もう一度「申請する」から"):
        services.application_draft_create(
            actor=prime, subsidy=make_subsidy(), project_title="計画", idempotency_key=""
        )
