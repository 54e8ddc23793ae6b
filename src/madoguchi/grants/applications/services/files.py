"""application_file_attach: an attachment for a file question of a stage's form."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from madoguchi.core.audit import audit_record
from madoguchi.forms.engine import UploadRejected, check_upload
from madoguchi.grants.applications.enums import ApplicationErrorCode, Stage
from madoguchi.grants.applications.errors import ApplicationError
from madoguchi.grants.applications.models import Application, ApplicationFile, StageData
from madoguchi.grants.applications.services._common import applicant_acting, locked
from madoguchi.grants.applications.services.save_draft import check_stage_editable, stage_data_open


@transaction.atomic
def application_file_attach(
    *,
    actor: Any,
    application: Application,
    stage: str = Stage.APPLICATION,
    field_name: str,
    upload: UploadedFile,
) -> StageData:
    application = locked(application)
    who = applicant_acting(actor, application.organisation)
    check_stage_editable(application, stage)
    stage_data = stage_data_open(application, stage, actor=actor)
    try:
        checked = check_upload(stage_data.definition(), field_name, upload)
    except UploadRejected as rejected:
        raise ApplicationError(
            ApplicationErrorCode.INVALID_FILE, rejected.message, field=field_name
        ) from None
    stored = ApplicationFile(
        stage_data=stage_data,
        field=field_name,
        name=checked.name,
        size=checked.size,
        content_type=checked.content_type,
    )
    stored.file.save(checked.name, upload, save=False)
    stored.save()
    stage_data.data = {**stage_data.data, field_name: checked.answer(stored.id)}
    stage_data.save(update_fields=["data", "updated_at"])
    audit_record(
        action="applications.file_attach",
        actor=actor,
        target=application,
        organisation=application.organisation_id,
        agent_organisation=who.agent_organisation,
        data={"stage": stage, "field": field_name},
    )
    return stage_data
