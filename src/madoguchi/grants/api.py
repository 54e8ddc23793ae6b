"""Our own JSON API of subsidies: /api/v1/subsidies (search with paging) and /api/v1/subsidies/{id}.

Richer than the jGrants-compatible API (/exp/…): paging, free text of several words, institution and sort
by deadline, amounts as integers and ISO 8601 datetimes with offset. Parameters are read as text and
checked here, so every bad value gets a Japanese message naming the parameter (422), never a 500.
"""

import datetime as dt
import re
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from madoguchi.core.api import (
    ErrorOut,
    error_detail,
    integer_parameter,
    invalid_body,
    text_parameter,
)
from madoguchi.grants import selectors
from madoguchi.grants.enums import TARGET_AREAS, DocumentKind, EmployeeBracket, Industry, UsePurpose
from madoguchi.grants.models import Subsidy

router = Router()

MAX_PAGE_SIZE = 100
PAGE_SIZE = 20
SORTS = ("newest", "deadline", "acceptance_start", "oldest")
_SPLIT = re.compile(r"\s*/\s*|\s*,\s*")


class RoundOut(Schema):
    id: str
    fiscal_year_round: str = Field(..., description="年度・回")
    target_areas: list[str]
    target_area_detail: str
    acceptance_start: dt.datetime | None
    acceptance_end: dt.datetime | None
    project_end_deadline: dt.datetime | None


class DocumentOut(Schema):
    kind: str = Field(
        ...,
        description="application_guidelines（公募要領）、outline_of_grant（交付要綱）、application_form（申請様式）",
    )
    kind_label: str
    name: str
    size: int = Field(..., description="バイト数")
    url: str = Field(..., description="ダウンロード URL")


class SubsidyOut(Schema):
    id: str = Field(..., description="補助金ID（18文字）")
    number: str = Field(..., description="補助金番号（S-…）")
    title: str
    catch_phrase: str
    institution_name: str = Field(..., description="実施機関")
    granttype: str = Field(..., description="種別（補助金・助成金など）")
    purposes: list[str] = Field(..., description="利用目的")
    industries: list[str] = Field(..., description="業種")
    target_areas: list[str] = Field(..., description="補助対象地域")
    target_area_detail: str
    target_number_of_employees: str = Field(..., description="従業員数（空なら指定なし）")
    subsidy_rate: str = Field(..., description="補助率")
    subsidy_max_limit: int | None = Field(None, description="補助額上限（円、なければ null）")
    acceptance_start: dt.datetime | None = Field(None, description="募集開始日時")
    acceptance_end: dt.datetime | None = Field(None, description="募集終了日時")
    project_end_deadline: dt.datetime | None = Field(None, description="事業終了期限")
    is_accepting: bool = Field(..., description="いま募集中なら true")
    request_reception_presence: bool = Field(..., description="電子申請を受け付けるなら true")
    is_enable_multiple_request: bool = Field(..., description="複数回申請できるなら true")
    url: str = Field(..., description="公開ページ")


class SubsidyDetailOut(SubsidyOut):
    detail_html: str = Field(..., description="概要（HTML、サニタイズ済み）")
    rounds: list[RoundOut]
    documents: list[DocumentOut]


class SubsidyPageOut(Schema):
    count: int
    page: int
    page_size: int
    num_pages: int
    items: list[SubsidyOut]


class SearchParams(Schema):
    q: str = text_parameter(
        "キーワード（スペース区切りで複数語、すべてを含むもの）。全角・半角、大文字・小文字、ひらがな・カタカナを区別しません",
        maxLength=200,
    )
    purpose: str = text_parameter("利用目的（複数は「 / 」または「,」区切り、いずれかに該当）")
    industry: str = text_parameter("業種（複数は「 / 」または「,」区切り、いずれかに該当）")
    area: str = text_parameter(
        "地域（全国・8地方・47都道府県）: その地域の事業者が申請できるもの",
        enum=list(TARGET_AREAS),
    )
    employees: str = text_parameter("従業員数", enum=list(EmployeeBracket.values))
    institution: str = text_parameter("実施機関（部分一致）", maxLength=200)
    accepting: str = text_parameter("true ならいま募集中のものだけ", enum=["true", "false"])
    sort: str = Field(
        "newest",
        description="newest（新着順）、oldest、deadline（締切が近い順）、acceptance_start（募集開始の新しい順）",
        json_schema_extra={"enum": list(SORTS)},
    )
    page: str = integer_parameter("ページ番号（1から）", default=1, minimum=1)
    page_size: str = integer_parameter(
        f"1ページの件数（1〜{MAX_PAGE_SIZE}）", default=PAGE_SIZE, minimum=1, maximum=MAX_PAGE_SIZE
    )


def _error(field: str, message: str) -> dict[str, Any]:
    return error_detail(field, "invalid", message)


def _values(
    field: str, label: str, text: str, allowed: list[str], errors: list[dict[str, Any]]
) -> list[str]:
    values = [v for v in _SPLIT.split(text.strip()) if v] if text.strip() else []
    unknown = [v for v in values if v not in allowed]
    if unknown:
        errors.append(
            _error(
                field,
                f"{label}（{field}）: 「{'」「'.join(u[:50] for u in unknown[:3])}」は選べる値ではありません。",
            )
        )
    return [v for v in values if v in allowed]


def _int(
    field: str,
    label: str,
    text: str,
    default: int,
    maximum: int | None,
    errors: list[dict[str, Any]],
) -> int:
    text = text.strip()
    if not text:
        return default
    if (
        not text.isascii()
        or not text.isdigit()
        or len(text) > 9
        or int(text) < 1
        or (maximum and int(text) > maximum)
    ):
        limit = f"1〜{maximum}" if maximum else "1 以上"
        errors.append(_error(field, f"{label}（{field}）: {limit}の整数で指定してください。"))
        return default
    return int(text)


def _subsidy(subsidy: Subsidy) -> dict[str, Any]:
    return {
        "id": subsidy.id,
        "number": subsidy.name,
        "title": subsidy.title,
        "catch_phrase": subsidy.subsidy_catch_phrase,
        "institution_name": subsidy.institution_name,
        "granttype": subsidy.granttype,
        "purposes": subsidy.purposes,
        "industries": subsidy.industries,
        "target_areas": subsidy.target_areas,
        "target_area_detail": subsidy.target_area_detail,
        "target_number_of_employees": subsidy.target_number_of_employees,
        "subsidy_rate": subsidy.subsidy_rate,
        "subsidy_max_limit": subsidy.subsidy_max_limit,
        "acceptance_start": subsidy.acceptance_start_datetime,
        "acceptance_end": subsidy.acceptance_end_datetime,
        "project_end_deadline": subsidy.project_end_deadline,
        "is_accepting": subsidy.is_accepting(),
        "request_reception_presence": subsidy.request_reception_presence,
        "is_enable_multiple_request": subsidy.is_enable_multiple_request,
        "url": subsidy.get_absolute_url(),
    }


@router.get(
    "",
    response={200: SubsidyPageOut, 400: ErrorOut, 422: ErrorOut},
    summary="補助金を検索する",
    description="公開中の補助金をキーワードと条件で探します。ページ送りつき。",
)
def subsidy_list(request: HttpRequest, params: Query[SearchParams]) -> Status:
    errors: list[dict[str, Any]] = []
    if len(params.q) > 200:
        errors.append(_error("q", "キーワード（q）: 200 文字以内で指定してください。"))
    if len(params.institution) > 200:
        errors.append(
            _error("institution", "実施機関（institution）: 200 文字以内で指定してください。")
        )
    purposes = _values("purpose", "利用目的", params.purpose, UsePurpose.values, errors)
    industries = _values("industry", "業種", params.industry, Industry.values, errors)
    if params.area and params.area not in TARGET_AREAS:
        errors.append(
            _error(
                "area", "地域（area）: 全国、8つの地方、47都道府県のいずれかを指定してください。"
            )
        )
    if params.employees and params.employees not in EmployeeBracket.values:
        errors.append(
            _error(
                "employees",
                "従業員数（employees）: "
                + "、".join(EmployeeBracket.values)
                + " のいずれかを指定してください。",
            )
        )
    if params.accepting not in ("", "true", "false"):
        errors.append(
            _error("accepting", "募集中のみ（accepting）: true または false を指定してください。")
        )
    if params.sort not in SORTS:
        errors.append(
            _error(
                "sort", "並び順（sort）: " + "、".join(SORTS) + " のいずれかを指定してください。"
            )
        )
    page = _int("page", "ページ", params.page, 1, None, errors)
    page_size = _int(
        "page_size", "1ページの件数", params.page_size, PAGE_SIZE, MAX_PAGE_SIZE, errors
    )
    if errors:
        return Status(422, invalid_body(errors))
    sort = {
        "newest": "created_date",
        "oldest": "created_date",
        "acceptance_start": "acceptance_start_datetime",
    }.get(params.sort, "deadline")
    query = selectors.SubsidyQuery(
        terms=selectors.keyword_terms(params.q),
        purposes=purposes,
        industries=industries,
        area=params.area,
        employees=params.employees,
        institution=params.institution.strip(),
        accepting_now=params.accepting == "true",
        sort=sort,
        descending=params.sort != "oldest",
    )
    qs = selectors.subsidy_search(query=query)
    count = qs.count()
    start = (page - 1) * page_size
    items = list(qs[start : start + page_size]) if start < count else []
    return Status(
        200,
        {
            "count": count,
            "page": page,
            "page_size": page_size,
            "num_pages": max(1, -(-count // page_size)),
            "items": [_subsidy(s) for s in items],
        },
    )


@router.get(
    "/{subsidy_id}",
    response={200: SubsidyDetailOut, 400: ErrorOut, 404: ErrorOut},
    summary="補助金を1件取得する（公募回・資料つき）",
)
def subsidy_detail(request: HttpRequest, subsidy_id: str) -> Status:
    subsidy = (
        selectors.subsidy_get_public(subsidy_id=subsidy_id[:18]) if len(subsidy_id) <= 18 else None
    )
    if subsidy is None:
        return Status(
            404,
            {
                "code": "not_found",
                "message": "この ID の補助金は公開されていません。",
                "errors": [],
            },
        )
    from django.urls import reverse

    body = _subsidy(subsidy)
    body["detail_html"] = subsidy.detail
    body["rounds"] = [
        {
            "id": r.id,
            "fiscal_year_round": r.fiscal_year_round,
            "target_areas": [a for a in r.target_area_search.split(" / ") if a],
            "target_area_detail": r.target_area_detail,
            "acceptance_start": r.acceptance_start_datetime,
            "acceptance_end": r.acceptance_end_datetime,
            "project_end_deadline": r.project_end_deadline,
        }
        for r in subsidy.rounds.all()
    ]
    body["documents"] = [
        {
            "kind": d.kind,
            "kind_label": DocumentKind(d.kind).label,
            "name": d.name,
            "size": d.size,
            "url": reverse("grants:document", args=[subsidy.id, d.id]),
        }
        for d in subsidy.documents.all()
    ]
    return Status(200, body)
