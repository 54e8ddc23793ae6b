"""CSV and Excel (openpyxl) exports of a subsidy's applications and of its award results.

CSV is UTF-8 with a BOM so that Excel opens the Japanese text correctly; dates are in Japan time.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import timezone

from madoguchi.grants.applications.enums import ApplicationStatus
from madoguchi.grants.applications.models import Application
from madoguchi.grants.models import Subsidy
from madoguchi.grants.review.selectors import award_results, ranking

APPLICATION_HEADER = [
    "受付番号",
    "法人番号",
    "事業者名",
    "事業計画名",
    "状態",
    "申請日時",
    "申請額（円）",
    "加重合計点（100点満点）",
    "評価済みの審査員数",
    "採択額（円）",
    "採否の決定日時",
    "交付決定額（円）",
    "確定額（円）",
    "支払日時",
]
AWARD_HEADER = [
    "法人番号",
    "事業者名",
    "補助金番号",
    "補助金名",
    "公募回",
    "受付番号",
    "事業計画名",
    "状態",
    "採択日",
    "採択額（円）",
    "交付決定日",
    "交付決定額（円）",
    "額の確定日",
    "確定額（円）",
    "支払日",
    "実施機関",
]


def _when(value: Any) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _day(value: Any) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d") if value else ""


def application_rows(subsidy: Subsidy) -> list[list[Any]]:
    scores = {row.application.pk: row for row in ranking(subsidy).rows}
    applications = (
        Application.objects.filter(subsidy=subsidy)
        .exclude(status=ApplicationStatus.DRAFT)
        .select_related("organisation")
        .order_by("submitted_at", "receipt_number")
    )
    rows = []
    for a in applications:
        ranked = scores.get(a.pk)
        rows.append(
            [
                a.receipt_number or "",
                a.organisation.corporate_number or "",
                a.organisation.name,
                a.project_title,
                a.get_status_display(),
                _when(a.submitted_at),
                a.requested_amount,
                ranked.total if ranked else None,
                ranked.done_count if ranked else None,
                a.adopted_amount,
                _when(a.adopted_at),
                a.decided_amount,
                a.confirmed_amount,
                _when(a.paid_at),
            ]
        )
    return rows


def award_rows(subsidy: Subsidy) -> list[list[Any]]:
    return [
        [
            r.corporate_number,
            r.organisation_name,
            r.subsidy_name,
            r.subsidy_title,
            r.round,
            r.receipt_number,
            r.project_title,
            r.status,
            _day(r.adopted_at),
            r.adopted_amount,
            _day(r.decided_at),
            r.decided_amount,
            _day(r.confirmed_at),
            r.confirmed_amount,
            _day(r.paid_at),
            r.institution_name,
        ]
        for r in award_results(subsidy=subsidy)
    ]


def _safe(value: Any) -> Any:
    """Neutralise spreadsheet formulas in text cells (CSV/formula injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_safe(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    sheet = workbook.create_sheet(index=0)
    for extra in workbook.worksheets[1:]:
        workbook.remove(extra)
    sheet.title = title[:31]
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_safe(v) if isinstance(v, str) else v for v in row])
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = max(
            12, len(name) * 2
        )
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
