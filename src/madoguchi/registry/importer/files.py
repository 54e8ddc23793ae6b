"""The files given to ``registry import``: what they hold, in which order they apply, how to read them.

A file is a plain CSV or a ZIP holding one or more CSV members (read in name order, as one stream).
Full files (全件データ, ``…_all_YYYYMMDD``) apply first, then difference files (差分データ) by date: the
date in the file name (YYYYMMDD), else the latest updateDate in the file.
"""

import datetime as dt
import hashlib
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

from django.core.management.base import CommandError

from madoguchi.core.errors import MadoguchiError

_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{8})(?!\d)")
_FULL_IN_NAME = re.compile(r"(?:^|[_\-.])all(?:[_\-.]|$)", re.IGNORECASE)
_BOM = b"\xef\xbb\xbf"
_READ_BUFFER = 1 << 20


class RegistryImportErrorCode(StrEnum):
    MISSING = "missing"
    NOT_CSV_OR_ZIP = "not_csv_or_zip"
    BAD_ZIP = "bad_zip"
    EMPTY_ZIP = "empty_zip"
    ANOTHER_IMPORT_RUNNING = "another_import_running"


class RegistryImportError(MadoguchiError, CommandError):
    """An import that cannot start: a path that is not an NTA file, or another import running.

    Also a CommandError, so that ``madoguchi registry import`` prints the message, not a traceback.
    """


class FileKind(StrEnum):
    FULL = "full"  # 全件データ
    DIFFERENCE = "difference"  # 差分データ


@dataclass
class ImportFile:
    """One path on the command line."""

    path: Path
    members: tuple[str, ...] = ()  # CSV members of a ZIP, in name order; empty for a plain CSV
    size: int = 0  # bytes of CSV text (uncompressed), for the progress bar
    kind: FileKind = FileKind.DIFFERENCE
    date: dt.date | None = None
    _sha256: str = field(default="", repr=False)

    @property
    def name(self) -> str:
        return str(self.path)

    @property
    def is_zip(self) -> bool:
        return bool(self.members)

    def sha256(self) -> str:
        if not self._sha256:
            with self.path.open("rb") as stream:
                self._sha256 = hashlib.file_digest(stream, "sha256").hexdigest()
        return self._sha256

    def display_name(self, member: str) -> str:
        """How messages name a stream: the path, or path/member inside a ZIP."""
        return f"{self.path}/{member}" if member else str(self.path)

    def streams(self) -> Iterator[tuple[str, BinaryIO]]:
        """(member name or "", binary stream) for each CSV stream of the file, in order."""
        if not self.members:
            with self.path.open("rb", buffering=_READ_BUFFER) as stream:
                yield "", stream
            return
        with zipfile.ZipFile(self.path) as archive:
            for member in self.members:
                with archive.open(member) as raw:
                    yield member, io.BufferedReader(raw, _READ_BUFFER)  # type: ignore[type-var]

    def latest_update_date(self) -> dt.date | None:
        """The latest updateDate (5th column) in the file, read cheaply (those columns are never quoted)."""
        latest = b""
        for _, stream in self.streams():
            for raw in stream:
                parts = raw.split(b",", 5)
                if len(parts) > 5 and len(parts[4]) == 10 and parts[4] > latest:
                    latest = parts[4]
        try:
            return dt.date.fromisoformat(latest.decode("ascii"))
        except ValueError:
            return None


def open_file(path: Path) -> ImportFile:
    """Check that ``path`` is a CSV or a ZIP of CSVs, and classify it by its name."""
    if not path.is_file():
        raise RegistryImportError(
            RegistryImportErrorCode.MISSING, f"{path}: ファイルがありません。", field="paths"
        )
    suffix = path.suffix.lower()
    if suffix == ".zip":
        try:
            with zipfile.ZipFile(path) as archive:
                infos = sorted(
                    (i for i in archive.infolist() if i.filename.lower().endswith(".csv")),
                    key=lambda i: i.filename,
                )
        except zipfile.BadZipFile:
            raise RegistryImportError(
                RegistryImportErrorCode.BAD_ZIP, f"{path}: ZIP として読めません。", field="paths"
            ) from None
        if not infos:
            raise RegistryImportError(
                RegistryImportErrorCode.EMPTY_ZIP,
                f"{path}: ZIP に CSV がありません。",
                field="paths",
            )
        file = ImportFile(
            path=path,
            members=tuple(i.filename for i in infos),
            size=sum(i.file_size for i in infos),
        )
    elif suffix in (".csv", ".txt"):
        file = ImportFile(path=path, size=path.stat().st_size)
    else:
        raise RegistryImportError(
            RegistryImportErrorCode.NOT_CSV_OR_ZIP,
            f"{path}: .csv か .zip のファイルを指定してください。",
            field="paths",
        )
    names = [path.name, *(Path(m).name for m in file.members)]
    if any(_FULL_IN_NAME.search(Path(n).stem) for n in names):
        file.kind = FileKind.FULL
    file.date = next(filter(None, (_date_in_name(n) for n in names)), None)
    return file


def _date_in_name(name: str) -> dt.date | None:
    for match in reversed(_DATE_IN_NAME.findall(Path(name).stem)):
        try:
            return dt.datetime.strptime(match, "%Y%m%d").date()  # noqa: DTZ007 (a date, no time)
        except ValueError:
            continue
    return None


def order_files(paths: list[Path]) -> list[ImportFile]:
    """Full files first, then difference files by date; a path given twice is read once."""
    files: list[ImportFile] = []
    seen: set[Path] = set()
    for path in paths:
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            files.append(open_file(path))
    if len(files) > 1:
        for file in files:
            if file.date is None:
                file.date = file.latest_update_date()
    position = {id(f): i for i, f in enumerate(files)}
    return sorted(
        files,
        key=lambda f: (
            f.kind != FileKind.FULL,
            f.date or dt.date.min,
            position[id(f)],
        ),
    )


def skip_bom(stream: BinaryIO) -> None:
    """Move past a UTF-8 byte order mark at the start of ``stream`` (the NTA files have none)."""
    if isinstance(stream, io.BufferedReader) and stream.peek(3)[:3] == _BOM:
        stream.read(3)
