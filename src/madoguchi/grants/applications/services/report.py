"""application_report: 実績報告 — the applicant reports the work done."""

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
def application_report(*, actor: Any, application: Application, message: str = "") -> Application:
    """The subsidy's 実績報告 form, when it has one, must be filled in and valid."""
    application = locked(application)
    who = applicant_acting(actor, application.organisation)
    if application.status == ApplicationStatus.REPORTED:
        return application
    stage_data = validate_stage(application, Stage.REPORT, required=True)
    previous = fire(application, "report", who)
    save_status(application)
    mark_submitted(stage_data, timezone.now())
    record(
        application,
        who,
        action="report",
        from_status=previous,
        message=(message or "").strip()[:4000],
    )
    return application
