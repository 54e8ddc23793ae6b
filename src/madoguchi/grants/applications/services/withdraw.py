"""application_withdraw: 取下げ — the applicant withdraws, until the grant decision."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from madoguchi.grants.applications.enums import ApplicationStatus
from madoguchi.grants.applications.models import Application
from madoguchi.grants.applications.services._common import (
    applicant_acting,
    fire,
    locked,
    record,
    save_status,
)


@transaction.atomic
def application_withdraw(*, actor: Any, application: Application, message: str = "") -> Application:
    """Frees the organisation's place in a single-application subsidy."""
    application = locked(application)
    who = applicant_acting(actor, application.organisation)
    if application.status == ApplicationStatus.WITHDRAWN:
        return application
    previous = fire(application, "withdraw", who)
    application.exclusive_key = None
    save_status(application, "exclusive_key")
    record(
        application,
        who,
        action="withdraw",
        from_status=previous,
        message=(message or "").strip()[:4000],
        mail=previous != ApplicationStatus.DRAFT,
    )
    return application
