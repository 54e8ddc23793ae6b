"""application_amount_confirm: 額の確定 — the confirmed amount; issues the 額の確定通知書."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from madoguchi.grants.applications.enums import NoticeKind
from madoguchi.grants.applications.models import Application
from madoguchi.grants.applications.services._common import (
    fire,
    issue_notice,
    locked,
    officer_acting,
    record,
    require_amount,
    save_status,
)


@transaction.atomic
def application_amount_confirm(
    *, actor: Any, application: Application, amount: int, message: str = ""
) -> Application:
    """``amount`` is required and may not exceed the decided amount."""
    application = locked(application)
    who = officer_acting(actor, application)
    value = require_amount(
        amount, label="確定額", maximum=application.decided_amount, max_label="交付決定額"
    )
    previous = fire(application, "confirm_amount", who)
    application.confirmed_amount = value
    application.confirmed_at = timezone.now()
    save_status(application, "confirmed_amount", "confirmed_at")
    record(
        application,
        who,
        action="amount_confirm",
        from_status=previous,
        amount=value,
        message=(message or "").strip()[:4000],
    )
    issue_notice(application, NoticeKind.AMOUNT_CONFIRMATION)
    return application
