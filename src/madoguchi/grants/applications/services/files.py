"""application_file_attach: an attachment for a file question of a stage's form."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from madoguchi.core.audit import audit_record
from madoguchi.forms.enums import FieldType
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
    definition = stage_data.definition()
    field = definition.fields.get(field_name) if definition else None
    if field is None or field.type != FieldType.FILE:
        raise ApplicationError(
            ApplicationErrorCode.INVALID_FILE, "添付先の項目がありません。", field=field_name
        )
    name = Path(upload.name or "file").name[:255]
    extension = Path(name).suffix.lower()
    if extension not in field.accepted:
        raise ApplicationError(
            ApplicationErrorCode.INVALID_FILE,
            f"「{field.label}」に {extension or '拡張子のない'} ファイルは添付できません"
            f"（添付できる形式: {'、'.join(field.accepted)}）。",
            field=field_name,
        )
    if not upload.size:
        raise ApplicationError(
            ApplicationErrorCode.INVALID_FILE,
            f"「{field.label}」のファイルが空です。",
            field=field_name,
        )
    if upload.size > field.max_bytes:
        raise ApplicationError(
            ApplicationErrorCode.INVALID_FILE,
            f"「{field.label}」のファイルが大きすぎます（{field.max_size_mb or 10}MBまで、"
            f"添付されたファイルは{upload.size / 1024 / 1024:.1f}MB）。",
            field=field_name,
        )
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    stored = ApplicationFile(
        stage_data=stage_data,
        field=field_name,
        name=name,
        size=upload.size,
        content_type=content_type,
    )
    stored.file.save(name, upload, save=False)
    stored.save()
    stage_data.data = {
        **stage_data.data,
        field_name: {
            "id": str(stored.id),
            "name": name,
            "size": upload.size,
            "content_type": content_type,
        },
    }
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
