"""application_change_request: 計画変更の申請 — after the grant decision."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from madoguchi.grants.applications.enums import Stage
from madoguchi.grants.applications.models import Application
from madoguchi.grants.applications.services._common import (
    applicant_acting,
    fire,
    locked,
    mark_submitted,
    record,
    require_message,
    save_status,
    validate_stage,
)


@transaction.atomic
def application_change_request(
    *, actor: Any, application: Application, message: str
) -> Application:
    """Requires the reason for the change, and the 計画変更 form when the subsidy has one."""
    application = locked(application)
    who = applicant_acting(actor, application.organisation)
    text = require_message(message, "変更の内容と理由")
    stage_data = validate_stage(application, Stage.CHANGE_REQUEST, required=True)
    previous = fire(application, "request_change", who)
    save_status(application)
    mark_submitted(stage_data, timezone.now())
    record(application, who, action="change_request", from_status=previous, message=text)
    return application
