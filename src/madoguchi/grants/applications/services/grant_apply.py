"""application_grant_apply: 交付申請 — the applicant applies for the grant after adoption."""

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
def application_grant_apply(
    *, actor: Any, application: Application, message: str = ""
) -> Application:
    """The subsidy's 交付申請 form, when it has one, must be filled in and valid."""
    application = locked(application)
    who = applicant_acting(actor, application.organisation)
    if application.status == ApplicationStatus.GRANT_APPLIED:
        return application
    stage_data = validate_stage(application, Stage.GRANT_APPLICATION, required=True)
    previous = fire(application, "grant_apply", who)
    save_status(application)
    mark_submitted(stage_data, timezone.now())
    record(
        application,
        who,
        action="grant_apply",
        from_status=previous,
        message=(message or "").strip()[:4000],
    )
    return application
