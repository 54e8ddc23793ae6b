"""Helpers shared by the applicant and staff pages."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from madoguchi.forms.engine import FormDefinition, answer_rows
from madoguchi.grants.applications.models import StageData


def error_list(
    errors: dict[str, str], anchors: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    return [{"href": (anchors or {}).get(k, f"#f-{k}"), "message": m} for k, m in errors.items()]


def stage_answers(stage_data: StageData, *, for_staff: bool = False) -> list[dict[str, Any]]:
    """The answers of one stage, page by page, with file links to this app's download view."""
    definition: FormDefinition | None = stage_data.definition()
    if definition is None:
        return []
    pages = answer_rows(definition, stage_data.data)
    name = "applications_staff:file" if for_staff else "applications:file"
    for page in pages:
        for item in page.get("items", []):
            if item.get("file_id"):
                item["file_url"] = reverse(name, args=[stage_data.application_id, item["file_id"]])
    return pages


def parse_amount(raw: str | None) -> Any:
    """Forgiving input for yen: full-width digits, commas and 円 are folded; the raw text is kept
    when it cannot be read, so the service names the problem and the page shows it again."""
    import unicodedata

    if raw is None:
        return None
    text = (
        unicodedata.normalize("NFKC", raw)
        .replace(",", "")
        .replace("円", "")
        .replace(" ", "")
        .strip()
    )
    if text == "":
        return None
    return int(text) if text.isdigit() else raw
