"""Stored files: the private storage, unguessable storage names, and one download response.

Every file an applicant or official provides, or the platform renders for one case, lives in the
**private** storage (``settings.STORAGES["private"]``) and is served only by a view that first asks
its context's read rule (docs/architecture.md, "Files"). Published documents (a subsidy's guidelines)
live in the **default** storage and are served by their public view. Neither storage is served
under a URL prefix: model fields name a storage by alias, never a path, so production swaps either
for an object store (django-storages' S3 backend) through settings alone (``config/storages.py``).
"""

from __future__ import annotations

import logging
import re
import unicodedata
import uuid
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import quote

from django.core.files.storage import Storage, storages
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.fields.files import FieldFile, FileField
from django.dispatch import receiver
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django.db.models import Model

logger = logging.getLogger(__name__)

PRIVATE = "private"


class _StorageAlias(LazyObject):
    """``storages[alias]``, looked up at first use and again after ``STORAGES`` changes (tests)."""

    def __init__(self, alias: str) -> None:
        super().__init__()
        self.__dict__["_alias"] = alias

    def _setup(self) -> None:
        self._wrapped = storages[self.__dict__["_alias"]]


_private = _StorageAlias(PRIVATE)


def private_storage() -> Storage:
    """The storage of every private file; model fields pass this callable as ``storage=``."""
    return _private  # type: ignore[return-value]


@receiver(setting_changed)
def _storages_changed(*, setting: str, **kwargs: Any) -> None:
    if setting == "STORAGES":
        _private.__dict__["_wrapped"] = empty


_SUFFIX = re.compile(r"\.[a-z0-9]{1,8}")


def safe_suffix(filename: str) -> str:
    """The file name's extension when it is short and plain (``.pdf``), else nothing."""
    suffix = PurePosixPath(filename.replace("\\", "/")).suffix.lower()
    return suffix if _SUFFIX.fullmatch(suffix) else ""


@deconstructible
class RandomName:
    """``upload_to`` for private files: ``<folder>/<yyyy>/<mm>/<uuid4 hex><.ext>``.

    Nothing of the uploader's name, the receipt number or the row id is in the storage name; the
    original name is kept in a field of the model and sent in ``Content-Disposition``.
    """

    def __init__(self, folder: str) -> None:
        self.folder = folder.strip("/")

    def __call__(self, instance: Any, filename: str) -> str:
        return f"{self.folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{safe_suffix(filename)}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)


def ascii_filename(filename: str) -> str:
    """An ASCII stand-in for old clients: full-width folded, anything else ``_``; never empty."""
    folded = unicodedata.normalize("NFKC", filename)
    suffix = safe_suffix(folded)
    stem = folded[: -len(suffix)] if suffix else folded
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._")
    return f"{stem or 'download'}{suffix}"


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """``attachment`` (or ``inline``) with an ASCII ``filename`` and the real name in ``filename*``
    (RFC 6266 and RFC 5987, so that 開催要項.pdf arrives as 開催要項.pdf)."""
    name = PurePosixPath(filename.replace("\\", "/")).name
    name = "".join(ch for ch in name if ch.isprintable()) or "download"
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_filename(name)}\"; filename*=UTF-8''{quote(name, safe='')}"


def file_response(
    file: FieldFile | None,
    *,
    filename: str,
    content_type: str = "",
    inline: bool = False,
) -> FileResponse:
    """Stream a stored file with the headers every download carries, or 404 when there is none.

    The caller has already checked the reader's permission on the object. Uploads are sent as
    ``attachment``; ``inline`` is for files whose type the platform checked itself (proofs viewed
    by reviewers). ``Content-Security-Policy: sandbox`` and ``nosniff`` keep a file that is opened
    anyway from running script in the site's origin.
    """
    if not file or not file.name:
        raise Http404(_("ファイルが見つかりません。"))
    try:
        handle = file.storage.open(file.name, "rb")
    except FileNotFoundError:
        logger.warning("core.file_missing", extra={"model": _label(file.instance)})
        raise Http404(_("ファイルが見つかりません。")) from None
    response = FileResponse(handle, content_type=content_type or "application/octet-stream")
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def _label(instance: Any) -> str:
    return f"{instance._meta.label}:{instance.pk}"


def move_to_private(
    old: Storage, instance: Model, field_name: str, *, missing: str | None = None
) -> str | None:
    """Copy one file of an existing install from its old place into the private storage under a
    new random name, and delete the old copy once the surrounding transaction commits.

    Returns the new name; ``None`` when there is nothing to move (empty, or already private);
    ``missing`` (e.g. ``""``) when the old file is gone. Safe to run again: a name the private
    storage already holds is left alone. Used by the data migrations ``*_private_files``.
    """
    field = cast(FileField, instance._meta.get_field(field_name))
    name = getattr(instance, field_name).name
    if not name:
        return None
    private = private_storage()
    if private.exists(name):
        return None
    if not old.exists(name):
        logger.warning("core.file_missing", extra={"model": _label(instance)})
        return missing
    with old.open(name, "rb") as handle:
        new_name = private.save(field.generate_filename(instance, name), handle)
    transaction.on_commit(lambda: old.delete(name))
    return new_name


def move_field_to_private(
    model: type[Model], field_name: str, old: Storage, *, missing: str | None = None
) -> int:
    """``move_to_private`` for every row of ``model`` with a file in ``field_name``; the count moved."""
    manager = model._default_manager
    moved = 0
    for instance in list(manager.exclude(**{field_name: ""})):
        new_name = move_to_private(old, instance, field_name, missing=missing)
        if new_name is not None:
            manager.filter(pk=instance.pk).update(**{field_name: new_name})
            moved += 1
    return moved
