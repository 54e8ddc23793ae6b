"""Reading and checking the query parameters of /4/num, /4/diff and /4/name.

Established from public clients of the original (github.com/fillin-inc/go-corp request/*.go,
github.com/sugukurukabe/mcp-houjin-bangou src/api/nta-client.ts, github.com/totechite/houjinbangou-api-wrapper):
``type`` is required (01, 02, 12); ``history`` 0|1 defaults to 0; ``mode`` 1|2 defaults to 1; ``target`` 1|2|3
defaults to 1; ``change`` 0|1 defaults to 0; ``close`` 0|1 defaults to 1; ``kind`` is a comma list of at most
four of 01–04; ``divide`` is 1..99999 and defaults to 1; ``name`` is at most 150 characters (300 for target 3);
``from``/``to`` of /4/name bound the 法人番号指定年月日 (assignmentDate), not the update date (go-corp's
``Name.From`` "法人番号指定年月日開始日", mcp-houjin-bangou "法人番号指定年月日 開始", and clients that send
``from=2015-10-05``, the first assignment date).

Assumed: a parameter given empty (``address=``) counts as not given; the number of days of /4/diff is
``to - from`` ≤ 50 (a client written for a stricter reading still passes); a list item left empty by a stray
comma is ignored; the number list accepts what madoguchi.registry.numbers accepts (full-width digits, hyphens).
"""

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from django.http import QueryDict

from madoguchi.registry.enums import WEBAPI_KIND_GROUPS
from madoguchi.registry.numbers import (
    CorporateNumberErrorCode,
    InvalidCorporateNumber,
    validate_corporate_number,
)
from madoguchi.registry.selectors import NameMatch, NameTarget
from madoguchi.registry.webapi_v4.errors import WebApiError
from madoguchi.registry.webapi_v4.errors import WebApiErrorCode as E

MAX_NUMBERS = 10
MAX_DIVIDE = 99_999
MAX_DIFF_DAYS = 50
EARLIEST_FROM = dt.date(2015, 12, 1)
MAX_NAME_LENGTH = 150
MAX_ENGLISH_NAME_LENGTH = 300
_PREFECTURES = frozenset(f"{n:02d}" for n in range(1, 48))
ABROAD = "99"
_T = TypeVar("_T")


class ResponseType(StrEnum):
    CSV_SHIFT_JIS = "01"
    CSV_UNICODE = "02"
    XML_UNICODE = "12"


@dataclass(frozen=True, slots=True)
class Address:
    """``address``: a prefecture (``city`` empty), a prefecture and city, or abroad (prefecture 99)."""

    prefecture: str
    city: str = ""

    @property
    def abroad(self) -> bool:
        return self.prefecture == ABROAD


@dataclass(frozen=True, slots=True)
class NumParams:
    response_type: ResponseType
    numbers: tuple[str, ...]
    history: bool


@dataclass(frozen=True, slots=True)
class DiffParams:
    response_type: ResponseType
    date_from: dt.date
    date_to: dt.date
    address: Address | None
    kinds: tuple[str, ...]  # 法人種別 codes (101, 201, 301…) the kind groups expand to; empty = all
    divide: int


@dataclass(frozen=True, slots=True)
class NameParams:
    response_type: ResponseType
    name: str
    match: NameMatch
    target: NameTarget
    address: Address | None
    kinds: tuple[str, ...]
    include_former_names: bool
    include_closed: bool
    assigned_from: dt.date | None
    assigned_to: dt.date | None
    divide: int


def _get(query: QueryDict, key: str) -> str:
    return (query.get(key) or "").strip()


def application_id(query: QueryDict) -> str:
    value = _get(query, "id")
    if not value:
        raise WebApiError(
            E.APPLICATION_ID_MISSING,
            "アプリケーションID（id）を指定してください。",
            status=404,
            field="id",
        )
    return value


def response_type_or_none(query: QueryDict) -> ResponseType | None:
    """The requested type if it is a valid one; errors use it to choose their encoding."""
    try:
        return ResponseType(_get(query, "type"))
    except ValueError:
        return None


def response_type(query: QueryDict) -> ResponseType:
    value = _get(query, "type")
    if not value:
        raise WebApiError(E.TYPE_MISSING, "応答形式（type）を指定してください。", field="type")
    try:
        return ResponseType(value)
    except ValueError:
        raise WebApiError(
            E.TYPE_INVALID,
            "応答形式（type）は 01（CSV Shift-JIS）・02（CSV Unicode）・12（XML Unicode）のいずれかです。",
            field="type",
        ) from None


def _flag(query: QueryDict, key: str, *, default: bool, code: E, label: str) -> bool:
    value = _get(query, key)
    if not value:
        return default
    if value not in ("0", "1"):
        raise WebApiError(code, f"{label}（{key}）は 0 か 1 で指定してください。", field=key)
    return value == "1"


def _choice(query: QueryDict, key: str, choices: dict[str, _T], *, code: E, label: str) -> _T:
    value = _get(query, key) or next(iter(choices))
    if value not in choices:
        allowed = "・".join(choices)
        raise WebApiError(code, f"{label}（{key}）は {allowed} のいずれかです。", field=key)
    return choices[value]


def _required_date(query: QueryDict, key: str, *, label: str, missing: E, invalid: E) -> dt.date:
    date = _date(query, key, label=label, invalid=invalid)
    if date is None:
        raise WebApiError(missing, f"{label}（{key}）を YYYY-MM-DD で指定してください。", field=key)
    return date


def _date(query: QueryDict, key: str, *, label: str, invalid: E) -> dt.date | None:
    value = _get(query, key)
    if not value:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise WebApiError(
            invalid, f"{label}（{key}）「{value}」は YYYY-MM-DD の日付ではありません。", field=key
        ) from None


def _divide(query: QueryDict) -> int:
    value = _get(query, "divide")
    if not value:
        return 1
    digits = value.isascii() and value.isdigit() and len(value) <= len(str(MAX_DIVIDE))
    if not digits or not 1 <= int(value) <= MAX_DIVIDE:
        raise WebApiError(
            E.DIVIDE_INVALID,
            f"分割番号（divide）は 1 から {MAX_DIVIDE} までの数字で指定してください。",
            field="divide",
        )
    return int(value)


def _address(query: QueryDict) -> Address | None:
    value = _get(query, "address")
    if not value:
        return None
    if value.isascii() and value.isdigit():
        if len(value) == 2 and (value in _PREFECTURES or value == ABROAD):
            return Address(prefecture=value)
        if len(value) == 5 and value[:2] in _PREFECTURES:
            return Address(prefecture=value[:2], city=value[2:])
    raise WebApiError(
        E.ADDRESS_INVALID,
        "所在地（address）は都道府県コード2桁（国外は 99）か、都道府県コードと市区町村コードの5桁で指定してください。",
        field="address",
    )


def _kinds(query: QueryDict) -> tuple[str, ...]:
    value = _get(query, "kind")
    if not value:
        return ()
    groups = [item.strip() for item in value.split(",") if item.strip()]
    if len(groups) > len(WEBAPI_KIND_GROUPS) or any(g not in WEBAPI_KIND_GROUPS for g in groups):
        raise WebApiError(
            E.KIND_INVALID,
            "法人種別（kind）は 01・02・03・04 を最大4つまで、カンマ区切りで指定してください。",
            field="kind",
        )
    return tuple(sorted({code for g in groups for code in WEBAPI_KIND_GROUPS[g]}))


def _numbers(query: QueryDict) -> tuple[str, ...]:
    items = [item.strip() for item in _get(query, "number").split(",") if item.strip()]
    if not items:
        raise WebApiError(
            E.NUMBER_MISSING, "法人番号（number）を指定してください。", field="number"
        )
    if len(items) > MAX_NUMBERS:
        raise WebApiError(
            E.NUMBER_TOO_MANY,
            f"法人番号（number）は一度に {MAX_NUMBERS} 件までです（{len(items)} 件指定されています）。",
            field="number",
        )
    numbers: list[str] = []
    for item in items:
        try:
            numbers.append(validate_corporate_number(item))
        except InvalidCorporateNumber as error:
            if error.code == CorporateNumberErrorCode.WRONG_CHECK_DIGIT:
                raise WebApiError(
                    E.NUMBER_CHECK_DIGIT,
                    f"法人番号「{item}」のチェックディジットが正しくありません。",
                    field="number",
                ) from None
            raise WebApiError(
                E.NUMBER_FORMAT,
                f"法人番号「{item}」は13桁の数字ではありません。",
                field="number",
            ) from None
    return tuple(dict.fromkeys(numbers))


def parse_num(query: QueryDict) -> NumParams:
    return NumParams(
        response_type=response_type(query),
        numbers=_numbers(query),
        history=_flag(
            query, "history", default=False, code=E.HISTORY_INVALID, label="変更履歴要否"
        ),
    )


def parse_diff(query: QueryDict) -> DiffParams:
    kind = response_type(query)
    date_from = _required_date(
        query, "from", label="取得期間開始日", missing=E.FROM_MISSING, invalid=E.FROM_INVALID
    )
    date_to = _required_date(
        query, "to", label="取得期間終了日", missing=E.TO_MISSING, invalid=E.TO_INVALID
    )
    if date_from < EARLIEST_FROM:
        raise WebApiError(
            E.FROM_TOO_EARLY,
            f"取得期間開始日（from）は {EARLIEST_FROM.isoformat()} 以降の日付で指定してください。",
            field="from",
        )
    if date_from > date_to:
        raise WebApiError(
            E.FROM_AFTER_TO,
            "取得期間終了日（to）は取得期間開始日（from）以降の日付で指定してください。",
            field="to",
        )
    if (date_to - date_from).days > MAX_DIFF_DAYS:
        raise WebApiError(
            E.RANGE_TOO_LONG,
            f"取得期間（from から to まで）は {MAX_DIFF_DAYS} 日以内で指定してください。",
            field="to",
        )
    return DiffParams(
        response_type=kind,
        date_from=date_from,
        date_to=date_to,
        address=_address(query),
        kinds=_kinds(query),
        divide=_divide(query),
    )


_MODES = {"1": NameMatch.PREFIX, "2": NameMatch.PARTIAL}
_TARGETS = {"1": NameTarget.FUZZY, "2": NameTarget.EXACT, "3": NameTarget.ENGLISH}


def parse_name(query: QueryDict) -> NameParams:
    kind = response_type(query)
    name = _get(query, "name")
    if not name:
        raise WebApiError(E.NAME_MISSING, "商号又は名称（name）を指定してください。", field="name")
    match = _choice(query, "mode", _MODES, code=E.MODE_INVALID, label="検索方式")
    target = _choice(query, "target", _TARGETS, code=E.TARGET_INVALID, label="検索対象")
    limit = MAX_ENGLISH_NAME_LENGTH if target == NameTarget.ENGLISH else MAX_NAME_LENGTH
    if len(name) > limit:
        raise WebApiError(
            E.NAME_TOO_LONG,
            f"商号又は名称（name）は {limit} 文字以内で指定してください。",
            field="name",
        )
    assigned_from = _date(query, "from", label="法人番号指定年月日の開始日", invalid=E.FROM_INVALID)
    assigned_to = _date(query, "to", label="法人番号指定年月日の終了日", invalid=E.TO_INVALID)
    if assigned_from and assigned_to and assigned_from > assigned_to:
        raise WebApiError(
            E.FROM_AFTER_TO,
            "法人番号指定年月日の終了日（to）は開始日（from）以降の日付で指定してください。",
            field="to",
        )
    return NameParams(
        response_type=kind,
        name=name,
        match=match,
        target=target,
        address=_address(query),
        kinds=_kinds(query),
        include_former_names=_flag(
            query, "change", default=False, code=E.CHANGE_INVALID, label="変更履歴"
        ),
        include_closed=_flag(
            query, "close", default=True, code=E.CLOSE_INVALID, label="登記記録の閉鎖等"
        ),
        assigned_from=assigned_from,
        assigned_to=assigned_to,
        divide=_divide(query),
    )
