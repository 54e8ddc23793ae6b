"""application_review_start: 審査開始 — an officer starts the review."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from madoguchi.grants.applications.models import Application
from madoguchi.grants.applications.services._common import (
    fire,
    locked,
    officer_acting,
    record,
    save_status,
)


@transaction.atomic
def application_review_start(
    *, actor: Any, application: Application, message: str = ""
) -> Application:
    application = locked(application)
    who = officer_acting(actor, application)
    previous = fire(application, "start_review", who)
    save_status(application)
    record(
        application,
        who,
        action="review_start",
        from_status=previous,
        message=(message or "").strip()[:4000],
    )
    return application
