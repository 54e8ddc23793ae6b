"""The NTA corporate-number file layout (Unicode version): reading, checking and writing rows.

One layout serves the bulk files (全件データ, 差分データ), the generator and the /4/ Web-API output.
"""

import datetime as dt
import hashlib
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from madoguchi.registry.enums import CloseCause, Correct, Kind, Process
from madoguchi.registry.numbers import InvalidCorporateNumber, validate_corporate_number

# (column name in the NTA documents, model field), in file order.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("sequenceNumber", "sequence_number"),
    ("corporateNumber", "corporate_number"),
    ("process", "process"),
    ("correct", "correct"),
    ("updateDate", "update_date"),
    ("changeDate", "change_date"),
    ("name", "name"),
    ("nameImageId", "name_image_id"),
    ("kind", "kind"),
    ("prefectureName", "prefecture_name"),
    ("cityName", "city_name"),
    ("streetNumber", "street_number"),
    ("addressImageId", "address_image_id"),
    ("prefectureCode", "prefecture_code"),
    ("cityCode", "city_code"),
    ("postCode", "post_code"),
    ("addressOutside", "address_outside"),
    ("addressOutsideImageId", "address_outside_image_id"),
    ("closeDate", "close_date"),
    ("closeCause", "close_cause"),
    ("successorCorporateNumber", "successor_corporate_number"),
    ("changeCause", "change_cause"),
    ("assignmentDate", "assignment_date"),
    ("latest", "latest"),
    ("enName", "en_name"),
    ("enPrefectureName", "en_prefecture_name"),
    ("enCityName", "en_city_name"),
    ("enAddressOutside", "en_address_outside"),
    ("furigana", "furigana"),
    ("hihyoji", "hihyoji"),
)
COLUMN_NAMES = tuple(name for name, _ in COLUMNS)
FIELD_NAMES = tuple(field for _, field in COLUMNS)
# The model fields (every column but the sequence number).
RECORD_FIELDS = FIELD_NAMES[1:]
DATE_FIELDS = ("update_date", "change_date", "close_date", "assignment_date")
REQUIRED_DATE_FIELDS = ("update_date", "change_date")
# Fields that do not make a version different from another: the row number and the latest flag.
_FINGERPRINT_FIELDS = tuple(f for f in RECORD_FIELDS if f != "latest")

_PROCESS = frozenset(Process.values)
_KIND = frozenset(Kind.values)
_CLOSE_CAUSE = frozenset(CloseCause.values)
_CORRECT = frozenset(Correct.values)

_LABELS = dict(zip(FIELD_NAMES, COLUMN_NAMES, strict=True))


class RowError(ValueError):
    """A row that cannot be imported; the message (Japanese) says which column and why."""


@dataclass(frozen=True, slots=True)
class NtaRow:
    """One checked row. ``values`` maps model field names to Python values (str, date, bool, None)."""

    values: dict[str, Any]
    fingerprint: str

    @property
    def corporate_number(self) -> str:
        return str(self.values["corporate_number"])


def _date(field: str, text: str) -> dt.date | None:
    if not text:
        if field in REQUIRED_DATE_FIELDS:
            raise RowError(f"{_LABELS[field]}（{field}）が空です")
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise RowError(
            f"{_LABELS[field]} の日付「{text}」が YYYY-MM-DD の形ではありません"
        ) from None


def fingerprint(values: Mapping[str, Any]) -> str:
    """A 32-character digest of a version's content (every column but sequence and latest)."""
    joined = "\x1f".join("" if values[f] is None else str(values[f]) for f in _FINGERPRINT_FIELDS)
    return hashlib.blake2b(joined.encode("utf-8"), digest_size=16).hexdigest()


def parse_row(fields: list[str]) -> NtaRow:
    """Check one CSV row of 30 columns (28 in the older layout) and return its values."""
    if len(fields) == 28:
        fields = [*fields, "", "0"]
    if len(fields) != 30:
        raise RowError(f"列の数が {len(fields)} です（30 列のはずです）")
    values: dict[str, Any] = dict(zip(FIELD_NAMES[1:], fields[1:], strict=True))
    try:
        values["corporate_number"] = validate_corporate_number(fields[1], field="法人番号")
    except InvalidCorporateNumber as error:
        raise RowError(f"corporateNumber「{fields[1]}」: {error.message}") from None
    if values["process"] not in _PROCESS:
        raise RowError(f"処理区分（process）「{values['process']}」はコード表にありません")
    if values["kind"] not in _KIND:
        raise RowError(f"法人種別（kind）「{values['kind']}」はコード表にありません")
    if values["correct"] not in _CORRECT:
        raise RowError(f"訂正区分（correct）「{values['correct']}」は 0 か 1 のはずです")
    if values["close_cause"] and values["close_cause"] not in _CLOSE_CAUSE:
        raise RowError(
            f"閉鎖等の事由（closeCause）「{values['close_cause']}」はコード表にありません"
        )
    if not values["name"]:
        raise RowError("商号又は名称（name）が空です")
    for field in DATE_FIELDS:
        values[field] = _date(field, values[field])
    for flag in ("latest", "hihyoji"):
        if values[flag] not in ("0", "1"):
            raise RowError(f"{_LABELS[flag]}（{flag}）「{values[flag]}」は 0 か 1 のはずです")
        values[flag] = values[flag] == "1"
    successor = values["successor_corporate_number"]
    if successor:
        try:
            validate_corporate_number(successor)
        except InvalidCorporateNumber as error:
            raise RowError(f"承継先法人番号「{successor}」: {error.message}") from None
    for field, length in (("prefecture_code", 2), ("city_code", 3), ("post_code", 7)):
        text = values[field]
        if text and (len(text) != length or not text.isdigit()):
            raise RowError(f"{_LABELS[field]}（{field}）「{text}」は {length} 桁の数字のはずです")
    return NtaRow(values=values, fingerprint=fingerprint(values))


def format_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def record_to_fields(record: Any, sequence_number: int) -> list[str]:
    """A model instance (or any object with the fields) as one row of the file, in column order."""
    return [str(sequence_number)] + [format_value(getattr(record, f)) for f in RECORD_FIELDS]


# Free-text columns are quoted in the NTA files; codes, numbers and dates are not.
QUOTED_FIELDS = frozenset(
    {
        "name",
        "prefecture_name",
        "city_name",
        "street_number",
        "address_outside",
        "change_cause",
        "en_name",
        "en_prefecture_name",
        "en_city_name",
        "en_address_outside",
        "furigana",
    }
)
_QUOTED_POSITIONS = frozenset(i for i, f in enumerate(FIELD_NAMES) if f in QUOTED_FIELDS)


def format_line(fields: list[str]) -> str:
    """One line as the NTA writes it: free text quoted (quotes doubled), CRLF at the end."""
    out = []
    for position, text in enumerate(fields):
        if position in _QUOTED_POSITIONS and text:
            out.append('"' + text.replace('"', '""') + '"')
        else:
            out.append(text)
    return ",".join(out) + "\r\n"


def write_rows(rows: Iterable[list[str]], stream: io.TextIOBase | Any) -> None:
    """Write rows in the NTA layout to a text stream."""
    for fields in rows:
        stream.write(format_line(fields))
