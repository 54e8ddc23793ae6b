"""application_grant_decide: 交付決定 — with the decided amount; issues the 交付決定通知書."""

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
def application_grant_decide(
    *, actor: Any, application: Application, amount: int | None = None, message: str = ""
) -> Application:
    """``amount`` defaults to the adopted amount and may not exceed it."""
    application = locked(application)
    who = officer_acting(actor, application)
    value = require_amount(
        application.adopted_amount if amount is None else amount,
        label="交付決定額",
        maximum=application.adopted_amount,
        max_label="採択額",
    )
    previous = fire(application, "grant_decide", who)
    application.decided_amount = value
    application.decided_at = timezone.now()
    save_status(application, "decided_amount", "decided_at")
    record(
        application,
        who,
        action="grant_decide",
        from_status=previous,
        amount=value,
        message=(message or "").strip()[:4000],
    )
    issue_notice(application, NoticeKind.GRANT_DECISION)
    return application
