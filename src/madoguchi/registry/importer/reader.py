"""Streaming an NTA file as chunks of checked records; memory stays flat whatever the file size.

Every physical line is one record: a line whose quotes do not close is refused on its own and the next
lines are read as rows of their own, so one broken line never swallows good ones and every reason names
the physical line. Bytes that are not UTF-8 make only their own line fail.

The file is read in blocks of whole lines, each decoded at once and parsed by one ``csv.reader`` (C); a
block where the reader stumbles (bad quoting, a value running over a line end) is parsed again line by
line to find and refuse exactly the bad lines.
"""

import csv
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from madoguchi.registry.importer.files import ImportFile, skip_bom
from madoguchi.registry.importer.rows import RowChecker
from madoguchi.registry.nta_format import RowError

_RAW_LIMIT = 2000  # characters of a refused line kept with the reason
_BLOCK_BYTES = 1 << 20
_BARE_CR = "引用符で囲まれていない値の中に改行文字（CR）があります"
_UNCLOSED = '引用符（"）が閉じていません（行の終わりまでに閉じる " がありません）'

Encoder = Callable[[list[str], bool], Any]


@dataclass(slots=True)
class Rejection:
    line: int  # physical line counted through the whole file (all members of a ZIP)
    location: str  # FILE:LINE as people read it (the member's own line inside a ZIP)
    reason: str
    raw: str


@dataclass(slots=True)
class Chunk:
    rows: list[Any] = field(default_factory=list)  # encoded records
    rejections: list[Rejection] = field(default_factory=list)
    records: int = 0  # rows read, good or refused (blank lines are not rows)
    lines_end: int = 0  # physical lines of the file read up to the end of this chunk
    bytes_read: int = 0  # bytes of CSV text read up to the end of this chunk
    last: bool = False  # the file ends with this chunk


def printable(text: str) -> str:
    """Text safe to print and store: undecodable bytes (kept as surrogates) and NUL become U+FFFD."""
    return (
        text.encode("utf-8", "surrogateescape").decode("utf-8", "replace").replace("\x00", "\ufffd")
    )


class _Stumbled(Exception):
    """The block needs reading line by line."""


class FileReader:
    """Reads one ImportFile from physical line ``skip_lines + 1`` on, in chunks of records."""

    def __init__(self, file: ImportFile, *, skip_lines: int = 0) -> None:
        self.file = file
        self.skip_lines = skip_lines
        self.checker = RowChecker()
        self.bytes_read = 0
        self.lines = 0  # physical lines read and decided
        self._location = ""
        self._member_start = 0

    def chunks(self, *, chunk_rows: int, encode: Encoder) -> Iterator[Chunk]:
        """Chunks of about ``chunk_rows`` records (whole blocks); the last one ends the file."""
        block_bytes = max(1 << 12, min(_BLOCK_BYTES, chunk_rows * 200))
        chunk = Chunk()
        for member, stream in self.file.streams():
            skip_bom(stream)
            self._member_start = self.lines
            self._location = self.file.display_name(member)
            if self.skip_lines > self.lines:
                self._skip(stream, self.skip_lines - self.lines)
            while True:
                raw_lines = stream.readlines(block_bytes)
                if not raw_lines:
                    break
                data = b"".join(raw_lines)
                self.bytes_read += len(data)
                text = data.decode("utf-8", "surrogateescape")
                lines = text.split("\n")
                if not lines[-1]:
                    lines.pop()
                # No value of the block needs escaping for COPY if it has no backslash, tab or NUL
                # and no carriage return but those ending lines.
                clean = not (
                    "\\" in text
                    or "\t" in text
                    or "\x00" in text
                    or text.count("\r") != text.count("\r\n")
                )
                self._block(lines, chunk, encode, clean)
                if chunk.records >= chunk_rows:
                    chunk.lines_end, chunk.bytes_read = self.lines, self.bytes_read
                    yield chunk
                    chunk = Chunk()
        chunk.lines_end, chunk.bytes_read, chunk.last = self.lines, self.bytes_read, True
        yield chunk

    def _skip(self, stream: IO[bytes], count: int) -> None:
        for raw in itertools.islice(stream, count):
            self.bytes_read += len(raw)
            self.lines += 1

    def _block(self, lines: list[str], chunk: Chunk, encode: Encoder, clean: bool) -> None:
        """Check a block of lines into ``chunk``; read it line by line if the CSV reader stumbles."""
        base = self.lines
        rows, rejections = chunk.rows, chunk.rejections
        kept_rows, kept_rejections = len(rows), len(rejections)
        check = self.checker.check
        reader = csv.reader(lines, strict=True)
        blank = number = 0
        try:
            for fields in reader:
                number += 1
                if reader.line_num != number:
                    raise _Stumbled
                if not fields:
                    blank += 1
                    continue
                try:
                    record, special = check(fields, base + number, clean)
                except RowError as error:
                    self._reject(chunk, base + number, str(error), lines[number - 1])
                else:
                    rows.append(encode(record, special))
        except (csv.Error, _Stumbled):
            del rows[kept_rows:]
            del rejections[kept_rejections:]
            blank = self._line_by_line(lines, base, chunk, encode)
        chunk.records += len(lines) - blank
        self.lines = base + len(lines)

    def _line_by_line(self, lines: list[str], base: int, chunk: Chunk, encode: Encoder) -> int:
        """Parse each line on its own; returns the number of blank lines."""
        blank = 0
        for number, line in enumerate(lines, start=base + 1):
            try:
                records = list(csv.reader([line], strict=True))
            except csv.Error as error:
                self._reject(chunk, number, _csv_reason(error), line)
                continue
            if len(records) > 1:
                self._reject(chunk, number, _BARE_CR, line)
                continue
            fields = records[0] if records else []
            if not fields:
                blank += 1
                continue
            try:
                record, special = self.checker.check(fields, number)
            except RowError as error:
                self._reject(chunk, number, str(error), line)
            else:
                chunk.rows.append(encode(record, special))
        return blank

    def _reject(self, chunk: Chunk, line: int, reason: str, raw: str) -> None:
        chunk.rejections.append(
            Rejection(
                line=line,
                location=f"{self._location}:{line - self._member_start}",
                reason=printable(reason),
                raw=printable(raw.rstrip("\r\n"))[:_RAW_LIMIT],
            )
        )


def _csv_reason(error: csv.Error) -> str:
    text = str(error)
    if "field larger than field limit" in text:
        return "値が長すぎます（CSV の 1 つの値の上限を超えています）"
    if "new-line character" in text:
        return _BARE_CR
    if "unexpected end of data" in text:
        return _UNCLOSED
    if "expected after" in text:
        return '引用符（"）の使い方が正しくありません（閉じる " のあとに区切りの , がありません）'
    return f'引用符（"）の使い方が正しくありません（{text}）'
