"""application_submit: 申請 — inside the acceptance window, judged at the moment of the write."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone

from madoguchi.grants.applications.enums import ApplicationErrorCode, ApplicationStatus, Stage
from madoguchi.grants.applications.errors import ApplicationError
from madoguchi.grants.applications.models import Application, ReceiptSerial
from madoguchi.grants.applications.selectors import window_locked
from madoguchi.grants.applications.services._common import (
    applicant_acting,
    fire,
    locked,
    mark_submitted,
    record,
    save_status,
    validate_stage,
)

JST = ZoneInfo("Asia/Tokyo")


def jst(value: Any) -> str:
    return f"{value.astimezone(JST):%Y年%-m月%-d日 %H時%M分%S秒}"


def check_window(start: Any, end: Any, now: Any) -> None:
    """Accepted when start ≤ now ≤ end (as ``Subsidy.is_accepting``), compared as instants; the
    message states the window in Japan time."""
    if start is None or end is None:
        raise ApplicationError(
            ApplicationErrorCode.NOT_ACCEPTING,
            "この補助金は現在、申請を受け付けていません（募集期間が未定です）。",
        )
    if now < start:
        raise ApplicationError(
            ApplicationErrorCode.WINDOW_NOT_OPEN,
            f"募集はまだ始まっていません。受付開始は{jst(start)}（日本時間）です。下書きは保存されています。",
        )
    if now > end:
        raise ApplicationError(
            ApplicationErrorCode.WINDOW_CLOSED,
            f"申請の受付は{jst(end)}（日本時間）に締め切りました。"
            f"送信を受け付けた時刻は{jst(now)}で、締切を過ぎていたため申請できませんでした。"
            "下書きは保存されています。",
        )


def check_requested_amount(application: Application) -> int:
    amount = application.requested_amount
    if amount is None:
        raise ApplicationError(
            ApplicationErrorCode.REQUIRED,
            "申請額（円）を入力してください。",
            field="requested_amount",
        )
    limit = application.subsidy.subsidy_max_limit
    if limit is not None and amount > limit:
        raise ApplicationError(
            ApplicationErrorCode.INVALID,
            f"申請額（{amount:,}円）が補助上限額（{limit:,}円）を超えています。",
            field="requested_amount",
        )
    return amount


@transaction.atomic
def application_submit(*, actor: Any, application: Application) -> Application:
    """Submit a draft. A second click on an application already submitted returns it unchanged."""
    application = locked(application)
    who = applicant_acting(actor, application.organisation)
    if application.status != ApplicationStatus.DRAFT and application.receipt_number:
        return application  # double click / client retry: exactly one submission
    check_requested_amount(application)
    stage_data = validate_stage(application, Stage.APPLICATION, required=True)
    # The window and the single-application rule are read under a shared lock on the subsidy row,
    # and judged on the server clock taken after the lock is granted.
    start, end, multiple = window_locked(application.subsidy_id, application.round_id)
    now = timezone.now()
    check_window(start, end, now)
    previous = fire(application, "submit", who)
    if not multiple:
        application.exclusive_key = application.single_slot
    serial = ReceiptSerial.objects.create()
    application.receipt_number = f"{application.subsidy.name}-{serial.pk:07d}"
    application.submitted_at = now
    if who.agent_organisation is not None:
        application.agent_organisation = who.agent_organisation
    try:
        with transaction.atomic():
            save_status(
                application, "exclusive_key", "receipt_number", "submitted_at", "agent_organisation"
            )
    except IntegrityError:
        raise ApplicationError(
            ApplicationErrorCode.DUPLICATE,
            "この補助金は1事業者につき1件しか申請できません。この事業者の申請は既に受け付けています"
            "（「申請の一覧」で確認できます）。",
        ) from None
    mark_submitted(stage_data, now)
    record(
        application,
        who,
        action="submit",
        from_status=previous,
        amount=application.requested_amount,
        message=f"受付番号 {application.receipt_number}",
    )
    return application
