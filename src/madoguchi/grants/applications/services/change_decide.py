"""application_change_decide: 計画変更の承認・不承認 — back to the grant decision."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from madoguchi.grants.applications.models import Application
from madoguchi.grants.applications.services._common import (
    fire,
    locked,
    officer_acting,
    record,
    require_amount,
    require_message,
    save_status,
)


@transaction.atomic
def application_change_decide(
    *,
    actor: Any,
    application: Application,
    approved: bool,
    message: str = "",
    amount: int | None = None,
) -> Application:
    """An approval may change the decided amount (at most the adopted amount); a refusal needs a
    message saying why."""
    application = locked(application)
    who = officer_acting(actor, application)
    text = (message or "").strip()[:4000]
    if not approved:
        text = require_message(message, "不承認の理由")
    value = None
    if approved and amount is not None and amount != "":
        value = require_amount(
            amount,
            label="変更後の交付決定額",
            maximum=application.adopted_amount,
            max_label="採択額",
        )
    previous = fire(application, "decide_change", who)
    fields = []
    if value is not None:
        application.decided_amount = value
        fields.append("decided_amount")
    save_status(application, *fields)
    record(
        application,
        who,
        action="change_approve" if approved else "change_refuse",
        from_status=previous,
        amount=value,
        message=text,
    )
    return application
