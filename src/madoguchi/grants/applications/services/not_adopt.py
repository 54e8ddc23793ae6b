"""application_not_adopt: 不採択 — with a message to the applicant."""

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
def application_not_adopt(
    *, actor: Any, application: Application, message: str = ""
) -> Application:
    application = locked(application)
    who = officer_acting(actor, application)
    previous = fire(application, "not_adopt", who)
    application.adopted_at = timezone.now()
    save_status(application, "adopted_at")
    record(
        application,
        who,
        action="not_adopt",
        from_status=previous,
        message=(message or "").strip()[:4000],
    )
    return application
