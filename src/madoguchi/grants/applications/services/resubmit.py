"""application_resubmit: 再申請 — the applicant answers a return for correction."""

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
def application_resubmit(*, actor: Any, application: Application, message: str = "") -> Application:
    """The corrected application form must be valid. No acceptance window: the return reopened it.
    A second click on an application already resubmitted returns it unchanged."""
    from madoguchi.grants.applications.services.submit import check_requested_amount

    application = locked(application)
    who = applicant_acting(actor, application.organisation)
    if application.status == ApplicationStatus.RESUBMITTED:
        return application
    check_requested_amount(application)
    stage_data = validate_stage(application, Stage.APPLICATION, required=True)
    previous = fire(application, "resubmit", who)
    save_status(application)
    mark_submitted(stage_data, timezone.now())
    record(
        application,
        who,
        action="resubmit",
        from_status=previous,
        message=(message or "").strip()[:4000],
    )
    return application
