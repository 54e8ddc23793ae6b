"""Attaching documents (公募要領, 交付要綱, 申請様式) to a subsidy and removing them."""

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max

from madoguchi.core.audit import audit_record
from madoguchi.grants.enums import DocumentKind
from madoguchi.grants.models import Subsidy, SubsidyChange, SubsidyDocument
from madoguchi.grants.services.subsidies import require_right
from madoguchi.grants.services.validation import document_validate
from madoguchi.identity.roles import Right

CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".zip": "application/zip",
    ".txt": "text/plain",
    ".csv": "text/csv",
}


@transaction.atomic
def subsidy_document_add(
    *, actor: Any, subsidy: Subsidy, kind: str, upload: UploadedFile
) -> SubsidyDocument:
    require_right(actor, Right.SUBSIDY_EDIT, subsidy.division_id)
    name = document_validate(kind=kind, upload=upload)
    position = (subsidy.documents.filter(kind=kind).aggregate(p=Max("position"))["p"] or 0) + 1
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    document = SubsidyDocument(
        subsidy=subsidy,
        kind=kind,
        name=name,
        size=upload.size or 0,
        content_type=CONTENT_TYPES.get(suffix, "application/octet-stream"),
        position=position,
    )
    document.file.save(name, upload, save=False)
    document.save()
    if subsidy.published_at is not None:
        SubsidyChange.objects.create(
            subsidy=subsidy,
            changed_by=actor,
            summary=f"{DocumentKind(kind).label}「{name}」を追加",
        )
    audit_record(
        action="grants.document_add",
        actor=actor,
        target=subsidy,
        data={"document": document.pk, "name": name},
    )
    return document


@transaction.atomic
def subsidy_document_remove(*, actor: Any, document: SubsidyDocument) -> None:
    subsidy = document.subsidy
    require_right(actor, Right.SUBSIDY_EDIT, subsidy.division_id)
    name, kind, file_name = document.name, document.kind, document.file.name
    shared = SubsidyDocument.objects.filter(file=file_name).exclude(pk=document.pk).exists()
    document.delete()
    if not shared:
        storage = document.file.storage
        transaction.on_commit(lambda: storage.delete(file_name))
    if subsidy.published_at is not None:
        SubsidyChange.objects.create(
            subsidy=subsidy,
            changed_by=actor,
            summary=f"{DocumentKind(kind).label}「{name}」を削除",
        )
    audit_record(action="grants.document_remove", actor=actor, target=subsidy, data={"name": name})
