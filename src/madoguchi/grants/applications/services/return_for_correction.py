"""application_return: 差戻し — an officer sends the application back with a message."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from madoguchi.grants.applications.enums import Stage
from madoguchi.grants.applications.models import Application
from madoguchi.grants.applications.services._common import (
    current_stage_data,
    fire,
    locked,
    officer_acting,
    record,
    require_message,
    save_status,
)


@transaction.atomic
def application_return(*, actor: Any, application: Application, message: str) -> Application:
    """Requires a message saying what to correct; e-mails it to the applicant."""
    application = locked(application)
    who = officer_acting(actor, application)
    text = require_message(message, "差戻しの理由（修正してほしい点）")
    previous = fire(application, "return_for_correction", who)
    save_status(application)
    # The application form becomes editable again (the same data, pinned to the same version).
    reopened = current_stage_data(application, Stage.APPLICATION)
    if reopened is not None and reopened.submitted_at is not None:
        reopened.submitted_at = None
        reopened.save(update_fields=["submitted_at", "updated_at"])
    record(application, who, action="return", from_status=previous, message=text)
    return application
