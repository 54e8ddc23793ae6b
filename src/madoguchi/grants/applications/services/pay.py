"""application_pay: 支払済 — an officer records the payment."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from madoguchi.grants.applications.models import Application
from madoguchi.grants.applications.services._common import (
    fire,
    locked,
    officer_acting,
    record,
    save_status,
)


@transaction.atomic
def application_pay(*, actor: Any, application: Application, message: str = "") -> Application:
    application = locked(application)
    who = officer_acting(actor, application)
    previous = fire(application, "pay", who)
    application.paid_at = timezone.now()
    save_status(application, "paid_at")
    record(
        application,
        who,
        action="pay",
        from_status=previous,
        amount=application.confirmed_amount,
        message=(message or "").strip()[:4000],
    )
    return application
