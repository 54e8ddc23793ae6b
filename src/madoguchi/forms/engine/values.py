"""From what people type to stored values, and from stored values back to what people read.

Typing is forgiving: full-width digits, hyphens, commas, 円 and 〒 are folded away. When a value cannot
be understood (``１２あ`` in a number field) the raw text is kept as it was typed, so that validation
can name the problem and the page shows the text again: nothing typed is lost.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from django.http import QueryDict

from madoguchi.forms.engine.definition import Field, FormDefinition, Page
from madoguchi.forms.enums import FieldType
from madoguchi.registry.numbers import normalize_corporate_number

_DIGIT_SEPARATORS = {ord(c): None for c in " \u3000-‐‑‒–—―−ーｰ()（）〒"}
_AMOUNT_NOISE = {ord(c): None for c in " \u3000,，円¥￥"}
_DATE_RE = re.compile(r"^(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?$")


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def parse_scalar(field: Field, raw: str | None) -> Any:
    """One typed string → the stored value; ``None`` when nothing was typed."""
    if raw is None:
        return None
    text = raw.replace("\r\n", "\n").strip()
    if text == "":
        return None
    t = field.type
    if t in (FieldType.NUMBER, FieldType.YEN):
        folded = _nfkc(text).translate(_AMOUNT_NOISE)
        try:
            number = Decimal(folded)
        except InvalidOperation:
            return text
        if not number.is_finite():
            return text
        if number == number.to_integral_value():
            return int(number)
        return float(number) if t == FieldType.NUMBER else text
    if t == FieldType.DATE:
        match = _DATE_RE.match(_nfkc(text))
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day).isoformat()
            except ValueError:
                return text
        return text
    if t in (FieldType.PHONE, FieldType.POSTAL_CODE):
        folded = _nfkc(text).translate(_DIGIT_SEPARATORS)
        return folded if folded.isdigit() and folded.isascii() else text
    if t == FieldType.CORPORATE_NUMBER:
        folded = normalize_corporate_number(text)
        return folded if folded.isdigit() and folded.isascii() else text
    if t == FieldType.EMAIL:
        return _nfkc(text)
    if t == FieldType.YES_NO:
        return {"yes": True, "no": False}.get(text, text)
    if t == FieldType.CONSENT:
        return True if text else None
    if t == FieldType.LONG_TEXT:
        return raw.replace("\r\n", "\n").strip("\n").rstrip()
    return text


def input_name(field_name: str, row: int | None = None, column: str | None = None) -> str:
    """The HTML name (and error key) of a field, or of one cell of a repeating group."""
    if row is None:
        return field_name
    return f"{field_name}__{row}__{column}"


def rows_requested(field: Field, post: QueryDict) -> int:
    try:
        return max(0, min(int(post.get(f"{field.name}__rows", "0")), 200))
    except ValueError:
        return 0


def parse_field(field: Field, post: QueryDict, previous: Any) -> Any:
    """The value of ``field`` in a POSTed page. Files are stored by the caller and keep ``previous``."""
    t = field.type
    if t == FieldType.GUIDANCE:
        return None
    if t == FieldType.FILE:
        return None if post.get(f"{field.name}__remove") else previous
    if t == FieldType.MULTIPLE_CHOICE:
        chosen = [v for v in post.getlist(field.name) if v]
        return chosen or None
    if t == FieldType.REPEAT:
        rows = []
        for i in range(rows_requested(field, post)):
            if post.get(f"{field.name}__remove") == str(i):
                continue
            row = {}
            for column in field.columns:
                value = parse_scalar(column, post.get(input_name(field.name, i, column.name)))
                if value is not None:
                    row[column.name] = value
            if row:
                rows.append(row)
        return rows or None
    return parse_scalar(field, post.get(field.name))


def parse_page(
    definition: FormDefinition, page: Page, post: QueryDict, data: dict[str, Any]
) -> dict[str, Any]:
    """A copy of ``data`` with the answers of ``page`` replaced by those in ``post``.

    Only the fields the page showed (listed in ``_fields``) are read; answers to hidden fields are
    kept as they were, so that showing the field again brings them back.
    """
    updated = dict(data)
    listed = "_fields" in post  # pages rendered by render_page list what they showed
    shown = set(post.getlist("_fields"))
    for field in definition.page_fields(page):
        if not field.holds_data or (listed and field.name not in shown):
            continue
        value = parse_field(field, post, data.get(field.name))
        if value is None:
            updated.pop(field.name, None)
        else:
            updated[field.name] = value
    return updated


# --- reading back ---------------------------------------------------------------------------------


def format_date(value: str) -> str:
    try:
        day = dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return str(value)
    return f"{day.year}年{day.month}月{day.day}日"


def format_number(value: Any, field: Field) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.10g}"
    return f"{text}円" if field.type == FieldType.YEN else text


def display_value(field: Field, value: Any) -> str:
    """A stored value as people read it (check-your-answers page, PDF, CSV, e-mails)."""
    if value is None or value == "" or value == []:
        return ""
    t = field.type
    if t in (FieldType.NUMBER, FieldType.YEN):
        return format_number(value, field)
    if t == FieldType.DATE:
        return format_date(value)
    if t == FieldType.SINGLE_CHOICE:
        return field.option_labels.get(value, str(value))
    if t == FieldType.MULTIPLE_CHOICE:
        labels = field.option_labels
        return "、".join(labels.get(v, str(v)) for v in value)
    if t == FieldType.YES_NO:
        return {True: "はい", False: "いいえ"}.get(value, str(value))
    if t == FieldType.CONSENT:
        return "同意する" if value is True else ""
    if t == FieldType.POSTAL_CODE and isinstance(value, str) and len(value) == 7:
        return f"〒{value[:3]}-{value[3:]}"
    if t == FieldType.FILE:
        if isinstance(value, dict):
            return f"{value.get('name', '')}（{_size(value.get('size', 0))}）"
        return str(value)
    if t == FieldType.REPEAT:
        if not isinstance(value, list):
            return str(value)
        parts = []
        for row in value:
            cells = [
                f"{c.label}: {display_value(c, row.get(c.name))}"
                for c in field.columns
                if isinstance(row, dict) and row.get(c.name) not in (None, "")
            ]
            parts.append("／".join(cells))
        totals = repeat_totals(field, value)
        for column in field.columns:
            if column.name in totals:
                parts.append(f"{column.label}の合計: {format_number(totals[column.name], column)}")
        return "\n".join(parts)
    return str(value)


def _size(size: Any) -> str:
    if not isinstance(size, int):
        return ""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f}MB"
    return f"{max(1, round(size / 1024))}KB"


def repeat_totals(field: Field, rows: Any) -> dict[str, int | float]:
    """The computed totals of a repeating group (e.g. the 経費明細's 金額 column)."""
    totals: dict[str, int | float] = {}
    if not isinstance(rows, list):
        return totals
    for name in field.totals:
        total: int | float = 0
        for row in rows:
            value = row.get(name) if isinstance(row, dict) else None
            if isinstance(value, int | float) and not isinstance(value, bool):
                total += value
        totals[name] = total
    return totals
