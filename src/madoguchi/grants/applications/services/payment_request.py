"""application_payment_request: 精算払請求 — the applicant asks to be paid."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from madoguchi.grants.applications.enums import ApplicationStatus, Stage
from madoguchi.grants.applications.models import Application
from madoguchi.grants.applications.services._common import (
    applicant_acting,
    fire,
    locked,
    mark_submitted,
    record,
    save_status,
    validate_stage,
)


@transaction.atomic
def application_payment_request(
    *, actor: Any, application: Application, message: str = ""
) -> Application:
    """The subsidy's 支払請求 form, when it has one, must be filled in and valid."""
    application = locked(application)
    who = applicant_acting(actor, application.organisation)
    if application.status == ApplicationStatus.PAYMENT_REQUESTED:
        return application
    stage_data = validate_stage(application, Stage.PAYMENT_REQUEST, required=True)
    previous = fire(application, "request_payment", who)
    save_status(application)
    mark_submitted(stage_data, timezone.now())
    record(
        application,
        who,
        action="payment_request",
        from_status=previous,
        amount=application.confirmed_amount,
        message=(message or "").strip()[:4000],
    )
    return application
