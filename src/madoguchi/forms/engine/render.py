"""Rendering a page of a form as the applicant sees it (the builder's preview uses the same code).

``render_page`` returns the HTML of the page's fields (without the ``<form>`` element, so that a
caller — a procedure, a subsidy application — adds its own buttons and URLs).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from madoguchi.forms.engine.definition import Field, FormDefinition, Page
from madoguchi.forms.engine.validation import field_required, field_visible
from madoguchi.forms.engine.values import display_value, input_name, repeat_totals
from madoguchi.forms.enums import FieldType


@dataclasses.dataclass
class BoundField:
    field: Field
    key: str
    id: str
    value: str = ""
    chosen: list[str] = dataclasses.field(default_factory=list)
    error: str = ""
    required: bool = False
    controls: bool = False
    file: dict[str, Any] | None = None
    rows: list[list[BoundField]] = dataclasses.field(default_factory=list)
    row_errors: list[str] = dataclasses.field(default_factory=list)
    totals: list[dict[str, str]] = dataclasses.field(default_factory=list)
    note: str = ""
    prefilled: bool = False

    @property
    def type(self) -> str:
        return str(self.field.type)

    @property
    def described_by(self) -> str:
        ids = []
        if self.field.help:
            ids.append(f"{self.id}-help")
        if self.error:
            ids.append(f"{self.id}-error")
        if self.note:
            ids.append(f"{self.id}-note")
        if self.prefilled:
            ids.append(f"{self.id}-prefill")
        return " ".join(ids)


def controlling_fields(definition: FormDefinition) -> set[str]:
    """Fields some condition looks at: changing them re-renders the page (htmx)."""
    names: set[str] = set()

    def walk(condition: dict[str, Any] | None) -> None:
        if not condition:
            return
        for key in ("all", "any"):
            for part in condition.get(key, []):
                walk(part)
        if "field" in condition:
            names.add(condition["field"])

    for page in definition.pages:
        walk(page.visible_when)
    for field in definition.fields.values():
        walk(field.visible_when)
        walk(field.required_when)
    return names


def _scalar_text(field: Field, value: Any) -> str:
    if value is None:
        return ""
    if field.type in (FieldType.YES_NO,):
        return {True: "yes", False: "no"}.get(value, str(value))
    return str(value)


def bind(
    definition: FormDefinition,
    field: Field,
    data: dict[str, Any],
    errors: dict[str, str],
    *,
    controls: set[str],
    extra_rows: int = 0,
    notes: dict[str, str] | None = None,
) -> BoundField:
    value = data.get(field.name)
    bound = BoundField(
        field=field,
        key=field.name,
        id=f"f-{field.name}",
        error=errors.get(field.name, ""),
        required=field_required(definition, field, data),
        controls=field.name in controls,
        note=(notes or {}).get(field.name, ""),
        prefilled=bool(field.prefill) and value not in (None, ""),
    )
    if field.type == FieldType.MULTIPLE_CHOICE:
        bound.chosen = [str(v) for v in value] if isinstance(value, list) else []
    elif field.type == FieldType.FILE:
        bound.file = value if isinstance(value, dict) else None
    elif field.type == FieldType.REPEAT:
        rows = value if isinstance(value, list) else []
        count = max(len(rows) + extra_rows, 1 if not rows else len(rows))
        for i in range(count):
            row = rows[i] if i < len(rows) and isinstance(rows[i], dict) else {}
            cells = []
            for column in field.columns:
                key = input_name(field.name, i, column.name)
                cells.append(
                    BoundField(
                        field=column,
                        key=key,
                        id=f"f-{key}",
                        value=_scalar_text(column, row.get(column.name)),
                        error=errors.get(key, ""),
                        required=column.required,
                    )
                )
            bound.rows.append(cells)
        bound.row_errors = [errors[c.key] for cells in bound.rows for c in cells if c.key in errors]
        totals = repeat_totals(field, rows)
        bound.totals = [
            {"label": c.label, "value": display_value(c, totals[c.name]) or "0"}
            for c in field.columns
            if c.name in totals
        ]
    else:
        bound.value = _scalar_text(field, value)
    return bound


def bound_sections(
    definition: FormDefinition,
    page: Page,
    data: dict[str, Any],
    errors: dict[str, str],
    *,
    extra_rows: dict[str, int] | None = None,
    notes: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    controls = controlling_fields(definition)
    sections = []
    for section in page.sections:
        fields = [
            bind(
                definition,
                definition.fields[name],
                data,
                errors,
                controls=controls,
                extra_rows=(extra_rows or {}).get(name, 0),
                notes=notes,
            )
            for name in section.fields
            if field_visible(definition, definition.fields[name], data)
        ]
        if fields:
            sections.append({"title": section.title, "fields": fields})
    return sections


def render_page(
    definition: FormDefinition,
    page: Page,
    data: dict[str, Any],
    errors: dict[str, str] | None = None,
    *,
    refresh_url: str = "",
    extra_rows: dict[str, int] | None = None,
    notes: dict[str, str] | None = None,
) -> SafeString:
    """The fields of ``page`` with the answers in ``data`` and the messages in ``errors``."""
    sections = bound_sections(
        definition, page, data, errors or {}, extra_rows=extra_rows, notes=notes
    )
    return SafeString(
        render_to_string(
            "forms/engine/page.html",
            {"sections": sections, "refresh_url": refresh_url, "page": page},
        )
    )


def answer_rows(definition: FormDefinition, data: dict[str, Any]) -> list[dict[str, Any]]:
    """Pages with (label, value as read) pairs, for the check-your-answers page, the PDF and e-mails."""
    from madoguchi.forms.engine.validation import clean, visible_pages

    answers = clean(definition, data)
    out = []
    for page in visible_pages(definition, answers):
        items = []
        for field in definition.page_fields(page):
            if not field.holds_data or not field_visible(definition, field, answers):
                continue
            value = answers.get(field.name)
            item: dict[str, Any] = {
                "name": field.name,
                "label": field.label,
                "text": display_value(field, value),
                "field": field,
                "file_id": value.get("id")
                if field.type == FieldType.FILE and isinstance(value, dict)
                else None,
            }
            if field.type == FieldType.REPEAT and isinstance(value, list):
                totals = repeat_totals(field, value)
                item["table"] = {
                    "columns": [c.label for c in field.columns],
                    "rows": [
                        [display_value(c, row.get(c.name)) for c in field.columns] for row in value
                    ],
                    "totals": [
                        display_value(c, totals[c.name]) if c.name in totals else ""
                        for c in field.columns
                    ],
                    "has_totals": bool(totals),
                }
            items.append(item)
        out.append({"page": page, "items": items})
    return out
