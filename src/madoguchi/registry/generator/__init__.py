"""Synthetic corporate-number files in the NTA bulk layout (``madoguchi registry generate``).

The file looks like the NTA's Unicode 全件データ: UTF-8, no header, no BOM, 30 columns, CRLF, free text
quoted. Every corporation appears with all its versions (oldest first, the last marked latest), built
on the real prefecture and municipality codes shipped in ``registry/data``. The same seed gives the
same bytes; rows are streamed, so memory does not grow with the number of rows.
"""

import io
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

from madoguchi.registry.generator.corporations import RegistryGenerator
from madoguchi.registry.generator.text import LAST_DAY
from madoguchi.registry.nta_format import write_rows

__all__ = ["ZIP_MEMBER", "generate_file", "generate_rows"]

# The NTA names the national full file 00_zenkoku_all_YYYYMMDD; the date is fixed, not today.
ZIP_MEMBER = f"00_zenkoku_all_{LAST_DAY:%Y%m%d}.csv"
_ZIP_TIME = (LAST_DAY.year, LAST_DAY.month, LAST_DAY.day, 0, 0, 0)
_ZIP64_ROWS = 2_000_000  # beyond this the member may pass 2 GiB (a row is about 300 bytes)
_BUFFER = 1 << 20


def generate_rows(rows: int, *, seed: int) -> Iterator[list[str]]:
    """The rows of the file, each a list of 30 strings in column order."""
    return RegistryGenerator(seed).rows(rows)


def generate_file(path: Path | str, *, rows: int, seed: int) -> int:
    """Write ``rows`` rows to ``path`` (.zip: one CSV member; anything else: a plain CSV file).

    The file is written next to its destination and renamed into place when complete.
    Returns the number of rows written.
    """
    if rows < 1:
        raise ValueError("rows must be at least 1")
    path = Path(path)
    partial = path.with_name(path.name + ".part")
    try:
        if path.suffix.lower() == ".zip":
            _write_zip(partial, rows=rows, seed=seed)
        else:
            with partial.open("w", encoding="utf-8", newline="", buffering=_BUFFER) as stream:
                write_rows(generate_rows(rows, seed=seed), stream)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return rows


def _write_zip(path: Path, *, rows: int, seed: int) -> None:
    """One deflated member with a fixed name and timestamp, so the same seed gives the same bytes."""
    info = zipfile.ZipInfo(ZIP_MEMBER, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    with (
        zipfile.ZipFile(path, "w") as archive,
        archive.open(info, "w", force_zip64=rows > _ZIP64_ROWS) as member,
        io.TextIOWrapper(member, encoding="utf-8", newline="") as stream,
    ):
        write_rows(generate_rows(rows, seed=seed), stream)
