"""JSON API of the registry: /api/v1/corporations (search) and /api/v1/corporations/{number} (one).

Query parameters are read as text and checked here, so that every bad value gets a Japanese message
naming the parameter and the reason (422), never a 500; the OpenAPI document still states their types.
"""

import datetime as dt
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
from madoguchi.core.errors import MadoguchiError
from madoguchi.registry import selectors
from madoguchi.registry.enums import CloseCause, Kind, Process
from madoguchi.registry.models import Corporation, CorporationVersion, NtaRecord
from madoguchi.registry.numbers import InvalidCorporateNumber, validate_corporate_number
from madoguchi.registry.selectors import InvalidSearch, SearchStatus

router = Router()

# Each parameter's Japanese name with the parameter itself, as messages show it.
LABELS = {
    "q": "名称（name）",
    "number": "法人番号（number）",
    "prefecture": "都道府県コード（prefecture）",
    "city": "市区町村コード（city）",
    "kind": "法人種別（kind）",
    "status": "閉鎖の有無（status）",
    "page": "ページ（page）",
    "page_size": "1ページの件数（page_size）",
}
# In the search, a corporate number comes in the name parameter.
SEARCH_LABELS = {**LABELS, "number": "法人番号（name）"}
# Selectors name the query "q"; this API calls it "name".
_PARAMETER = {"q": "name"}


# --- schemas ----------------------------------------------------------------------------------


class AddressOut(Schema):
    text: str = Field(
        ..., description="所在地（都道府県・市区町村・丁目番地等、国外ならその所在地）"
    )
    prefecture_code: str = Field(..., description="都道府県コード（JIS X 0401、2桁）")
    city_code: str = Field(..., description="市区町村コード（3桁）")
    prefecture_name: str = Field(..., description="国内所在地（都道府県）")
    city_name: str = Field(..., description="国内所在地（市区町村）")
    street_number: str = Field(..., description="国内所在地（丁目番地等）")
    post_code: str = Field(..., description="郵便番号（7桁）")
    address_outside: str = Field(..., description="国外所在地")
    en_prefecture_name: str = Field(..., description="国内所在地（都道府県）（英語表記）")
    en_city_name: str = Field(..., description="国内所在地（市区町村丁目番地等）（英語表記）")
    en_address_outside: str = Field(..., description="国外所在地（英語表記）")


class RecordOut(Schema):
    corporate_number: str = Field(..., description="法人番号（13桁）", examples=["7000012050002"])
    name: str = Field(..., description="商号又は名称")
    furigana: str = Field(..., description="フリガナ（カタカナ）")
    en_name: str = Field(..., description="商号又は名称（英語表記）")
    kind: str = Field(..., description="法人種別のコード（301 株式会社 など）")
    kind_label: str = Field(..., description="法人種別（日本語）")
    process: str = Field(..., description="処理区分のコード（01 新規 など）")
    process_label: str = Field(..., description="処理区分（日本語）")
    is_correction: bool = Field(..., description="訂正区分: 訂正なら true")
    address: AddressOut
    assignment_date: dt.date | None = Field(None, description="法人番号指定年月日")
    change_date: dt.date = Field(..., description="変更年月日")
    update_date: dt.date = Field(..., description="更新年月日")
    close_date: dt.date | None = Field(
        None, description="登記記録の閉鎖等年月日（閉鎖されていなければ null）"
    )
    close_cause: str = Field(..., description="登記記録の閉鎖等の事由のコード（なければ空）")
    close_cause_label: str = Field(..., description="登記記録の閉鎖等の事由（日本語、なければ空）")
    successor_corporate_number: str = Field(..., description="承継先法人番号（なければ空）")
    change_cause: str = Field(..., description="変更事由の詳細")
    is_closed: bool = Field(..., description="登記記録が閉鎖されていれば true")
    excluded_from_search: bool = Field(..., description="検索対象除外（名称検索の対象外）なら true")


class CorporationOut(RecordOut):
    url: str = Field(..., description="この法人のページ（/registry/法人番号/）")


class RelatedOut(Schema):
    corporate_number: str = Field(..., description="法人番号")
    name: str = Field(..., description="商号又は名称（登録簿にない番号なら空）")
    close_date: dt.date | None = Field(None, description="登記記録の閉鎖等年月日")
    url: str = Field(..., description="この法人のページ")


class CorporationDetailOut(CorporationOut):
    successor: RelatedOut | None = Field(None, description="承継先の法人（あれば）")
    predecessors: list[RelatedOut] = Field(
        ..., description="この法人を承継先とする法人（合併により閉鎖された法人など）"
    )
    history: list[RecordOut] = Field(..., description="変更履歴（古いものから順に）")


class CorporationPageOut(Schema):
    count: int = Field(..., description=f"一致した件数（{selectors.SEARCH_RESULT_CAP:,} 件まで）")
    count_is_capped: bool = Field(
        ..., description=f"{selectors.SEARCH_RESULT_CAP:,} 件を超えて一致したなら true"
    )
    page: int = Field(..., description="このページの番号（1から）")
    page_size: int = Field(..., description="1ページの件数")
    num_pages: int = Field(..., description="ページ数")
    items: list[CorporationOut] = Field(
        ...,
        description="一致した法人（完全一致、前方一致、部分一致の順。同じ順位なら名称の短い順、法人番号順）",
    )


class SearchParams(Schema):
    # Required (an empty name is answered 422 in Japanese by the endpoint, not by the library).
    model_config = {"json_schema_extra": {"required": ["name"]}}

    name: str = text_parameter(
        "法人名（商号又は名称・フリガナ・英語表記の一部）または13桁の法人番号。"
        "全角・半角、ひらがな・カタカナ、大文字・小文字の違いは区別しません。法人番号なら絞り込みは適用しません。",
        minLength=1,
        maxLength=selectors.SEARCH_MAX_QUERY_LENGTH,
    )
    prefecture: str = text_parameter(
        "都道府県コード（01〜47）で絞り込み", pattern="^(0[1-9]|[1-3][0-9]|4[0-7])$"
    )
    city: str = text_parameter(
        "市区町村コード（3桁、prefecture と一緒に指定）。政令指定都市のコードはその区を含みます",
        pattern="^[0-9]{3}$",
    )
    kind: str = text_parameter("法人種別のコードで絞り込み", enum=[str(k) for k in Kind.values])
    status: str = Field(
        SearchStatus.ALL.value,
        description="all: すべて、open: 閉鎖されていない法人、closed: 閉鎖された法人",
        json_schema_extra={"enum": [s.value for s in SearchStatus]},
    )
    page: str = integer_parameter("ページ番号（1から）", default=1, minimum=1)
    page_size: str = integer_parameter(
        f"1ページの件数（1〜{selectors.SEARCH_MAX_PAGE_SIZE}）",
        default=selectors.SEARCH_PAGE_SIZE,
        minimum=1,
        maximum=selectors.SEARCH_MAX_PAGE_SIZE,
    )


# --- output -----------------------------------------------------------------------------------


def _record(record: NtaRecord) -> dict[str, Any]:
    return {
        "corporate_number": record.corporate_number,
        "name": record.name,
        "furigana": record.furigana,
        "en_name": record.en_name,
        "kind": record.kind,
        "kind_label": Kind(record.kind).label if record.kind in Kind.values else "",
        "process": record.process,
        "process_label": Process(record.process).label if record.process in Process.values else "",
        "is_correction": record.correct == "1",
        "address": {
            "text": record.address,
            "prefecture_code": record.prefecture_code,
            "city_code": record.city_code,
            "prefecture_name": record.prefecture_name,
            "city_name": record.city_name,
            "street_number": record.street_number,
            "post_code": record.post_code,
            "address_outside": record.address_outside,
            "en_prefecture_name": record.en_prefecture_name,
            "en_city_name": record.en_city_name,
            "en_address_outside": record.en_address_outside,
        },
        "assignment_date": record.assignment_date,
        "change_date": record.change_date,
        "update_date": record.update_date,
        "close_date": record.close_date,
        "close_cause": record.close_cause,
        "close_cause_label": (
            CloseCause(record.close_cause).label if record.close_cause in CloseCause.values else ""
        ),
        "successor_corporate_number": record.successor_corporate_number,
        "change_cause": record.change_cause,
        "is_closed": record.is_closed,
        "excluded_from_search": record.hihyoji,
    }


def _corporation(corporation: Corporation) -> dict[str, Any]:
    return {**_record(corporation), "url": corporation.get_absolute_url()}


def _related(number: str, corporation: Corporation | None) -> dict[str, Any]:
    from django.urls import reverse

    return {
        "corporate_number": number,
        "name": corporation.name if corporation else "",
        "close_date": corporation.close_date if corporation else None,
        "url": reverse("registry:corporation", args=[number]),
    }


def _invalid(errors: list[MadoguchiError]) -> Status:
    return Status(
        422,
        invalid_body(
            [
                error_detail(_PARAMETER.get(e.field or "", e.field), str(e.code), e.message)
                for e in errors
            ]
        ),
    )


def _not_found(message: str) -> Status:
    return Status(404, {"code": "not_found", "message": message, "errors": []})


# --- endpoints --------------------------------------------------------------------------------


@router.get(
    "",
    response={200: CorporationPageOut, 400: ErrorOut, 422: ErrorOut},
    summary="法人を名称または法人番号で検索する",
    description=(
        "名称（前方一致・部分一致）または法人番号で法人を探します。検索対象除外の法人と削除された"
        "法人は名称検索に含みません。結果は完全一致、前方一致、部分一致の順に並び、"
        f"{selectors.SEARCH_RESULT_CAP:,} 件を超える一致は数えません（count_is_capped）。"
    ),
)
def corporation_list(request: HttpRequest, params: Query[SearchParams]) -> Status:
    filters, errors = selectors.search_filters_parse(
        prefecture=params.prefecture,
        city=params.city,
        kind=params.kind,
        status=params.status,
        labels=LABELS,
    )
    field_errors: list[MadoguchiError] = list(errors)
    page = page_size = 1
    for field in ("page", "page_size"):
        try:
            value = selectors.search_page_parse(
                getattr(params, field),
                field=field,
                maximum=selectors.SEARCH_MAX_PAGE_SIZE if field == "page_size" else None,
                labels=LABELS,
            )
        except InvalidSearch as error:
            field_errors.append(error)
            continue
        if field == "page":
            page = value
        else:
            page_size = value
    if not params.name.strip():
        field_errors.insert(
            0,
            InvalidSearch(
                selectors.SearchErrorCode.QUERY_EMPTY,
                f"{LABELS['q']}を指定してください（法人名の一部または法人番号）。",
                field="q",
            ),
        )
    if field_errors:
        return _invalid(field_errors)
    try:
        result = selectors.corporation_search(
            text=params.name, filters=filters, page=page, page_size=page_size, labels=SEARCH_LABELS
        )
    except (InvalidCorporateNumber, InvalidSearch) as error:
        error.field = "q"
        return _invalid([error])
    return Status(
        200,
        {
            "count": result.total,
            "count_is_capped": result.total_is_capped,
            "page": result.page,
            "page_size": result.page_size,
            "num_pages": result.num_pages,
            "items": [_corporation(c) for c in result.items],
        },
    )


@router.get(
    "/{number}",
    response={200: CorporationDetailOut, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="法人番号で法人を取得する（変更履歴つき）",
    description=(
        "法人番号（13桁、全角数字やハイフンを含んでもかまいません）の法人の最新の情報と、"
        "変更履歴、承継先、この法人に承継された法人を返します。"
    ),
)
def corporation_detail(request: HttpRequest, number: str) -> Status:
    try:
        corporate_number = validate_corporate_number(number, field=LABELS["number"])
    except InvalidCorporateNumber as error:
        error.field = "number"
        return _invalid([error])
    corporation = selectors.corporation_get(corporate_number=corporate_number)
    if corporation is None:
        return _not_found(f"法人番号 {corporate_number} の法人は登録されていません。")
    if corporation.is_deleted:
        return _not_found(
            f"法人番号 {corporate_number} の法人の情報は、国税庁により削除されています（処理区分「削除」）。"
        )
    successor_number = corporation.successor_corporate_number
    related = selectors.corporations_by_number([successor_number])
    versions: list[CorporationVersion] = selectors.corporation_versions(
        corporate_number=corporate_number
    )
    return Status(
        200,
        {
            **_corporation(corporation),
            "successor": (
                _related(successor_number, related.get(successor_number))
                if successor_number
                else None
            ),
            "predecessors": [
                _related(p.corporate_number, p)
                for p in selectors.corporation_predecessors(corporate_number=corporate_number)
            ],
            "history": [_record(v) for v in versions],
        },
    )
