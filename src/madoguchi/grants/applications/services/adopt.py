"""application_adopt: 採択 — with the adopted amount; issues the 採択通知 (review context)."""

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
def application_adopt(
    *, actor: Any, application: Application, amount: int | None = None, message: str = ""
) -> Application:
    """``amount`` defaults to the requested amount and may not exceed it."""
    application = locked(application)
    who = officer_acting(actor, application)
    value = require_amount(
        application.requested_amount if amount is None else amount,
        label="採択額",
        maximum=application.requested_amount,
        max_label="申請額",
    )
    previous = fire(application, "adopt", who)
    application.adopted_amount = value
    application.adopted_at = timezone.now()
    save_status(application, "adopted_amount", "adopted_at")
    record(
        application,
        who,
        action="adopt",
        from_status=previous,
        amount=value,
        message=(message or "").strip()[:4000],
    )
    issue_notice(application, NoticeKind.ADOPTION)
    return application
