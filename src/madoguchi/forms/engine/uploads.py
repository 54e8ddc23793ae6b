"""Checking an upload against a file question, for every context that stores answers to forms."""

import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile

from madoguchi.forms.engine.definition import FormDefinition
from madoguchi.forms.enums import FieldType


class UploadRejected(Exception):
    """The upload does not fit the question; ``message`` says why, in Japanese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    size: int
    content_type: str

    def answer(self, stored_id: Any) -> dict[str, Any]:
        """What the form's data holds for the stored file."""
        return {
            "id": str(stored_id),
            "name": self.name,
            "size": self.size,
            "content_type": self.content_type,
        }


def check_upload(
    definition: FormDefinition | None, field_name: str, upload: UploadedFile
) -> CheckedUpload:
    """The file question exists, and the file has an accepted extension, is not empty and not too big."""
    field = definition.fields.get(field_name) if definition else None
    if field is None or field.type != FieldType.FILE:
        raise UploadRejected("添付先の項目がありません。")
    name = Path(upload.name or "file").name[:255]
    extension = Path(name).suffix.lower()
    if extension not in field.accepted:
        raise UploadRejected(
            f"「{field.label}」に {extension or '拡張子のない'} ファイルは添付できません"
            f"（添付できる形式: {'、'.join(field.accepted)}）。"
        )
    if not upload.size:
        raise UploadRejected(f"「{field.label}」のファイルが空です。")
    if upload.size > field.max_bytes:
        raise UploadRejected(
            f"「{field.label}」のファイルが大きすぎます（{field.max_size_mb or 10}MBまで、"
            f"添付されたファイルは{upload.size / 1024 / 1024:.1f}MB）。"
        )
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return CheckedUpload(name=name, size=upload.size, content_type=content_type)
