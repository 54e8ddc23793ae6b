"""Reads of the registry. Other contexts look corporations up through these functions.

Search (``corporation_search``) is designed to stay fast on millions of rows: the folded name is matched in
tiers (exact, prefix, partial), each tier read through its index with a LIMIT, and the count is capped
(``SEARCH_RESULT_CAP``); see docs/decisions/0003-registry-search-tiers.md.
"""

import dataclasses
import math
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any, TypedDict

from django.db import connections, transaction
from django.db.models import BooleanField, F, Q, QuerySet
from django.db.models.expressions import Expression, RawSQL

from madoguchi.core.errors import MadoguchiError
from madoguchi.core.text import forbidden_control, normalize_for_search
from madoguchi.registry import regions
from madoguchi.registry.enums import CloseCause, Kind, Process
from madoguchi.registry.models import Corporation, CorporationVersion
from madoguchi.registry.numbers import normalize_corporate_number, validate_corporate_number


class RegistryStats(TypedDict):
    total: int


def registry_stats() -> RegistryStats:
    return {"total": Corporation.objects.filter(is_deleted=False).count()}


def corporation_get(*, corporate_number: str) -> Corporation | None:
    return Corporation.objects.filter(corporate_number=corporate_number).first()


def corporation_versions(*, corporate_number: str) -> list[CorporationVersion]:
    return list(
        CorporationVersion.objects.filter(corporate_number=corporate_number).order_by(
            "update_date", "change_date", "id"
        )
    )


def corporation_predecessors(*, corporate_number: str) -> list[Corporation]:
    """Corporations whose successor (承継先) is this one: those merged into it, oldest closure first."""
    return list(
        Corporation.objects.filter(
            successor_corporate_number=corporate_number, is_deleted=False
        ).order_by(F("close_date").asc(nulls_last=True), "corporate_number")
    )


def corporations_by_number(numbers: list[str]) -> dict[str, Corporation]:
    return Corporation.objects.in_bulk([n for n in numbers if n])


# --- history ----------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class HistoryChange:
    """One field that differs from the previous version: 商号又は名称 旧 → 新."""

    label: str
    before: str
    after: str


@dataclasses.dataclass(frozen=True, slots=True)
class HistoryEntry:
    version: CorporationVersion
    process_label: str
    changes: tuple[HistoryChange, ...]
    is_first: bool


def _version_values(version: CorporationVersion) -> dict[str, str]:
    close = ""
    if version.close_date:
        close = f"{version.close_date.year}年{version.close_date.month}月{version.close_date.day}日"
        if version.close_cause:
            close += f"（{CloseCause(version.close_cause).label}）"
    return {
        "商号又は名称": version.name,
        "フリガナ": version.furigana,
        "商号又は名称（英語表記）": version.en_name,
        "法人種別": version.get_kind_display(),
        "所在地": version.address,
        "郵便番号": version.post_code,
        "登記記録の閉鎖等": close,
        "承継先法人番号": version.successor_corporate_number,
    }


def corporation_history(*, corporate_number: str) -> list[HistoryEntry]:
    """The versions of a corporation, oldest first, each with what changed since the one before."""
    entries: list[HistoryEntry] = []
    previous: dict[str, str] | None = None
    for version in corporation_versions(corporate_number=corporate_number):
        values = _version_values(version)
        changes: tuple[HistoryChange, ...] = ()
        if previous is not None:
            changes = tuple(
                HistoryChange(label=label, before=previous[label], after=value)
                for label, value in values.items()
                if value != previous[label]
            )
        entries.append(
            HistoryEntry(
                version=version,
                process_label=Process(version.process).label,
                changes=changes,
                is_first=previous is None,
            )
        )
        previous = values
    return entries


# --- name matching ----------------------------------------------------------------------------

# Trigram indexes (pg_trgm, SQLite FTS5 trigram) match substrings of three characters or more;
# PostgreSQL matches shorter ones through the characters and pairs in registry_search_grams.
TRIGRAM_MIN_LENGTH = 3


def _vendor(queryset: QuerySet[Any]) -> str:
    return connections[queryset.db].vendor


def _fts_phrase(folded: str) -> str:
    return '"' + folded.replace('"', '""') + '"'


class _GramsContain(Expression):
    """PostgreSQL: registry_search_grams(search_text) @> ARRAY[gram], read through its GIN index."""

    output_field = BooleanField()

    def __init__(self, gram: str, column: Any = None) -> None:
        super().__init__()
        self.gram = gram
        self.column = column if column is not None else F("search_text")

    def get_source_expressions(self) -> list[Any]:
        return [self.column]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.column,) = exprs

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        column_sql, params = compiler.compile(self.column)
        return f"registry_search_grams({column_sql}) @> ARRAY[%s]::text[]", [*params, self.gram]


def _partial_q(folded: str, *, vendor: str) -> Q:
    """``search_text`` contains ``folded``, read through the database's index."""
    if vendor == "sqlite" and len(folded) >= TRIGRAM_MIN_LENGTH:
        # The FTS5 table indexes registry_corporation's rowid; the nested subquery names no outer table,
        # so the condition stays right when Django aliases this queryset inside another query.
        return Q(
            corporate_number__in=RawSQL(
                "SELECT corporate_number FROM registry_corporation WHERE rowid IN "
                "(SELECT rowid FROM registry_corporation_fts WHERE registry_corporation_fts MATCH %s)",
                [_fts_phrase(folded)],
            )
        )
    if vendor == "postgresql" and 0 < len(folded) < TRIGRAM_MIN_LENGTH:
        # A query holds no space, so containing it is the same as having it among the grams.
        return Q(_GramsContain(folded))
    # PostgreSQL: LIKE '%…%' on the pg_trgm GIN index; SQLite with 1-2 characters: a scan.
    return Q(search_text__contains=folded)


# Above every character: a string starts with ``p`` exactly when it lies in [p, p + _TOP).
_TOP = "\U0010ffff"


def _name_prefix_q(folded: str, *, vendor: str) -> Q:
    """``search_name`` starts with ``folded``, read through the btree on search_name."""
    if vendor == "sqlite":
        # SQLite's LIKE is case-insensitive and cannot use a plain index; a range can.
        return Q(search_name__gte=folded, search_name__lt=folded + _TOP)
    return Q(search_name__startswith=folded)  # LIKE 'x%' on the text_pattern_ops btree


class NameMatch(StrEnum):
    PREFIX = "prefix"  # 前方一致
    PARTIAL = "partial"  # 部分一致


class NameTarget(StrEnum):
    FUZZY = "fuzzy"  # あいまい検索: width, case, kana and spacing folded; name, furigana, English
    EXACT = "exact"  # 完全一致: the name as written
    ENGLISH = "english"  # 英語表記


def corporations_name_filter(
    queryset: QuerySet[Corporation],
    *,
    text: str,
    match: NameMatch = NameMatch.PARTIAL,
    target: NameTarget = NameTarget.FUZZY,
    include_former_names: bool = False,
) -> QuerySet[Corporation]:
    """Narrow ``queryset`` to corporations whose name matches ``text``.

    The one place name matching is defined: the search page, the JSON API and the /4/name Web-API use it.
    Fuzzy matching reads the trigram index (pg_trgm on PostgreSQL, FTS5 on SQLite).
    """
    vendor = _vendor(queryset)
    if target == NameTarget.EXACT:
        lookup = "name__startswith" if match == NameMatch.PREFIX else "name__contains"
        condition = Q(**{lookup: text})
        former = Q(**{lookup: text})
    elif target == NameTarget.ENGLISH:
        folded = normalize_for_search(text)
        lookup = "en_name__istartswith" if match == NameMatch.PREFIX else "en_name__icontains"
        condition = Q(**{lookup: text}) | _partial_q(folded, vendor=vendor)
        former = Q(**{lookup: text})
    else:
        folded = normalize_for_search(text)
        if match == NameMatch.PREFIX:
            # The name, the furigana or the English name starts with the text (each part of
            # search_text follows a space). The trigram index narrows, LIKE checks the position.
            starts = Q(search_text__startswith=folded) | Q(search_text__contains=" " + folded)
            condition = _partial_q(folded, vendor=vendor) & starts if vendor == "sqlite" else starts
            former = Q(search_name__startswith=folded)
        else:
            condition = _partial_q(folded, vendor=vendor)
            former = Q(search_name__contains=folded)
    if include_former_names:
        former_numbers = CorporationVersion.objects.filter(former).values("corporate_number")
        condition |= Q(corporate_number__in=former_numbers)
    return queryset.filter(condition)


# --- search -----------------------------------------------------------------------------------

SEARCH_PAGE_SIZE = 20
SEARCH_MAX_PAGE_SIZE = 100
# Results beyond this many are not ranked or counted: the page says 「1,000 件以上」.
SEARCH_RESULT_CAP = 1000
SEARCH_MAX_QUERY_LENGTH = 100
# A run of this many digits or more is taken for a corporate number, never for part of a name.
NUMBER_MIN_DIGITS = 10


class SearchStatus(StrEnum):
    ALL = "all"
    OPEN = "open"  # 存続（閉鎖されていない）
    CLOSED = "closed"  # 閉鎖


class SearchMode(StrEnum):
    EMPTY = "empty"
    NUMBER = "number"
    NAME = "name"


class SearchErrorCode(StrEnum):
    QUERY_EMPTY = "query_empty"
    QUERY_TOO_LONG = "query_too_long"
    QUERY_CONTROL_CHARACTERS = "query_control_characters"
    PREFECTURE = "invalid_prefecture"
    CITY = "invalid_city"
    CITY_WITHOUT_PREFECTURE = "city_without_prefecture"
    KIND = "invalid_kind"
    STATUS = "invalid_status"
    PAGE = "invalid_page"
    PAGE_SIZE = "invalid_page_size"


class InvalidSearch(MadoguchiError):
    pass


# The Japanese name of each search input, used in messages. The JSON API adds the parameter name.
SEARCH_FIELD_LABELS: Mapping[str, str] = {
    "q": "検索語",
    "number": "法人番号",
    "prefecture": "都道府県",
    "city": "市区町村",
    "kind": "法人種別",
    "status": "閉鎖の有無",
    "page": "ページ",
    "page_size": "1ページの件数",
}


def _shown(value: str) -> str:
    return value if len(value) <= 20 else value[:20] + "…"


@dataclasses.dataclass(frozen=True, slots=True)
class SearchFilters:
    prefecture: str = ""  # 2-digit code
    city: str = ""  # 3-digit code within the prefecture
    kind: str = ""  # a Kind code
    status: SearchStatus = SearchStatus.ALL

    @property
    def city_codes(self) -> tuple[str, ...]:
        city = regions.city_get(self.prefecture, self.city) if self.city else None
        return city.codes if city else ()


def search_filters_parse(
    *,
    prefecture: str = "",
    city: str = "",
    kind: str = "",
    status: str = "",
    labels: Mapping[str, str] = SEARCH_FIELD_LABELS,
) -> tuple[SearchFilters, list[InvalidSearch]]:
    """Check the filter inputs. Returns the filters (invalid ones left out) and one error per bad input."""
    errors: list[InvalidSearch] = []
    prefecture, city, kind, status = (v.strip() for v in (prefecture, city, kind, status))
    if prefecture and regions.prefecture_get(prefecture) is None:
        errors.append(
            InvalidSearch(
                SearchErrorCode.PREFECTURE,
                f"{labels['prefecture']}は 01〜47 の2桁の都道府県コードで指定してください"
                f"（「{_shown(prefecture)}」は都道府県コードではありません）。",
                field="prefecture",
            )
        )
        prefecture = ""
    if city and not prefecture:
        if not errors:
            errors.append(
                InvalidSearch(
                    SearchErrorCode.CITY_WITHOUT_PREFECTURE,
                    f"{labels['city']}を指定するときは、{labels['prefecture']}も指定してください。",
                    field="city",
                )
            )
        city = ""
    elif city and regions.city_get(prefecture, city) is None:
        found = regions.prefecture_get(prefecture)
        errors.append(
            InvalidSearch(
                SearchErrorCode.CITY,
                f"{labels['city']}は3桁の市区町村コードで指定してください"
                f"（「{_shown(city)}」は{found.name if found else ''}の市区町村コードではありません）。",
                field="city",
            )
        )
        city = ""
    if kind and kind not in Kind.values:
        choices = "、".join(f"{k.value}（{k.label}）" for k in Kind)
        errors.append(
            InvalidSearch(
                SearchErrorCode.KIND,
                f"{labels['kind']}は次のコードのいずれかで指定してください: {choices}"
                f"（「{_shown(kind)}」は法人種別のコードではありません）。",
                field="kind",
            )
        )
        kind = ""
    if status and status not in {s.value for s in SearchStatus}:
        errors.append(
            InvalidSearch(
                SearchErrorCode.STATUS,
                f"{labels['status']}は all（すべて）、open（閉鎖されていない法人）、closed（閉鎖された法人）"
                f"のいずれかで指定してください（「{_shown(status)}」は指定できません）。",
                field="status",
            )
        )
        status = ""
    filters = SearchFilters(
        prefecture=prefecture,
        city=city,
        kind=kind,
        status=SearchStatus(status) if status else SearchStatus.ALL,
    )
    return filters, errors


_MAX_PAGE_DIGITS = 6


def search_page_parse(
    value: str | int | None,
    *,
    field: str = "page",
    maximum: int | None = None,
    labels: Mapping[str, str] = SEARCH_FIELD_LABELS,
) -> int:
    """A page number (or page size) from 1 to ``maximum``; raises InvalidSearch with the reason."""
    if value is None or value == "":
        return 1 if field == "page" else SEARCH_PAGE_SIZE
    text = normalize_corporate_number(str(value))  # full-width digits, stray spaces
    code = SearchErrorCode.PAGE if field == "page" else SearchErrorCode.PAGE_SIZE
    label = labels[field]
    if len(text) > _MAX_PAGE_DIGITS and text.isascii() and text.isdigit():
        raise InvalidSearch(
            code, f"{label}が大きすぎます（{_MAX_PAGE_DIGITS}桁まで）。", field=field
        )
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise InvalidSearch(
            code,
            f"{label}は1以上の整数で指定してください（「{_shown(str(value))}」は指定できません）。",
            field=field,
        )
    number = int(text)
    if maximum is not None and number > maximum:
        raise InvalidSearch(code, f"{label}は{maximum}以下で指定してください。", field=field)
    return number


@dataclasses.dataclass(frozen=True)
class CorporationSearchResult:
    mode: SearchMode
    query: str  # the corporate number, or the folded name that was searched
    items: list[Corporation]
    total: int  # at most SEARCH_RESULT_CAP
    total_is_capped: bool  # there are more than SEARCH_RESULT_CAP matches
    page: int
    page_size: int

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.page_size))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def start_index(self) -> int:
        return (self.page - 1) * self.page_size + 1 if self.items else 0

    @property
    def end_index(self) -> int:
        return (self.page - 1) * self.page_size + len(self.items)


def search_query_kind(text: str) -> SearchMode:
    """Whether ``text`` is empty, a corporate number (10 digits or more) or a name."""
    if not normalize_for_search(text):
        return SearchMode.EMPTY
    digits = normalize_corporate_number(text)
    if digits.isascii() and digits.isdigit() and len(digits) >= NUMBER_MIN_DIGITS:
        return SearchMode.NUMBER
    return SearchMode.NAME


def _filtered(filters: SearchFilters) -> QuerySet[Corporation]:
    queryset = Corporation.objects.filter(hihyoji=False, is_deleted=False)
    if filters.prefecture:
        queryset = queryset.filter(prefecture_code=filters.prefecture)
        if filters.city:
            queryset = queryset.filter(city_code__in=filters.city_codes)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.status == SearchStatus.OPEN:
        queryset = queryset.filter(close_date__isnull=True)
    elif filters.status == SearchStatus.CLOSED:
        queryset = queryset.filter(close_date__isnull=False)
    return queryset


# PostgreSQL reads a text_pattern_ops btree in order only for ORDER BY … USING ~<~ (its operator
# class has no plain <), which Django's order_by cannot write: the tier query gets it appended.
_PATTERN_OPS_ORDER = (
    ' ORDER BY "registry_corporation"."search_name" USING ~<~, '
    '"registry_corporation"."corporate_number" LIMIT %s'
)


# The partial tier is read through the trigram (or grams) bitmap only, serially: never an index walk
# in key order filtering rows one by one (slow when matches are rarer than estimated), never a
# parallel scan (rows in a different order each time). So LIMIT stops after that many rows, and the
# same search gives the same rows, page after page.
_BITMAP_ONLY = (
    "SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true), "
    "set_config('max_parallel_workers_per_gather', '0', true)"
)


def _tier_rows(queryset: QuerySet[Corporation], *, tier: str, limit: int) -> list[tuple[str, str]]:
    """(corporate number, search_name) of up to ``limit`` rows of one tier, read in the order its
    index gives cheaply: the exact tier by number, the prefix tier by name, the partial tier as the
    index gives them."""
    rows = queryset.values_list("corporate_number", "search_name")
    if _vendor(queryset) == "postgresql" and tier != "exact":
        sql, params = rows.order_by().query.sql_with_params()
        with connections[queryset.db].cursor() as cursor:
            if tier == "prefix":
                cursor.execute(sql + _PATTERN_OPS_ORDER, [*params, limit])
                return [(number, name) for number, name in cursor.fetchall()]
            with transaction.atomic(using=queryset.db):
                # The settings are local to the transaction; rolling back to the savepoint ends them
                # even when an outer transaction goes on.
                savepoint = transaction.savepoint(using=queryset.db)
                cursor.execute(_BITMAP_ONLY)
                cursor.execute(sql + " LIMIT %s", [*params, limit])
                found = [(number, name) for number, name in cursor.fetchall()]
                transaction.savepoint_rollback(savepoint, using=queryset.db)
                return found
    if tier == "partial":
        # SQLite reads the FTS matches (or scans the table) in rowid order: stable, and no sort.
        return list(rows.order_by()[:limit])
    order = ("search_name", "corporate_number") if tier == "prefix" else ("corporate_number",)
    return list(rows.order_by(*order)[:limit])


def _ranked_numbers(folded: str, filters: SearchFilters, limit: int) -> list[str]:
    """Up to ``limit`` corporate numbers in rank order: exact name, prefix, partial (name, furigana or
    English), each tier by shorter name then number.

    Each tier is read through its index with a LIMIT in an order the index gives cheaply, so a query
    that matches half the registry reads ``limit`` rows, not half the registry. When a tier has more
    matches than the rows still wanted, the ranking by length applies to those read.
    """
    base = _filtered(filters)
    vendor = _vendor(base)
    exact = Q(search_name=folded)
    prefix = _name_prefix_q(folded, vendor=vendor)
    tiers: list[tuple[str, QuerySet[Corporation]]] = [
        ("exact", base.filter(exact)),
        ("prefix", base.filter(prefix).exclude(exact)),
        ("partial", base.filter(_partial_q(folded, vendor=vendor)).exclude(prefix)),
    ]
    ranked: list[str] = []
    for tier, queryset in tiers:
        remaining = limit - len(ranked)
        if remaining <= 0:
            break
        rows = _tier_rows(queryset, tier=tier, limit=remaining)
        rows.sort(key=lambda row: (len(row[1]), row[0]))
        ranked.extend(number for number, _ in rows)
    return ranked


def corporation_search(
    *,
    text: str,
    filters: SearchFilters | None = None,
    page: int = 1,
    page_size: int = SEARCH_PAGE_SIZE,
    labels: Mapping[str, str] = SEARCH_FIELD_LABELS,
) -> CorporationSearchResult:
    """Search by corporate number or by name; see the module docstring for how it stays fast.

    A number (10 digits or more once full-width digits, spaces and hyphens are folded) is looked up
    exactly and must be a valid 13-digit corporate number (InvalidCorporateNumber otherwise, its
    message naming ``labels["number"]``); filters do not apply to it. A name is folded
    (``normalize_for_search``) and matched against the name, furigana and English name of
    corporations that are neither excluded from search (検索対象除外) nor deleted, with ``filters``.
    Raises InvalidSearch for a query longer than SEARCH_MAX_QUERY_LENGTH characters.
    """
    filters = filters or SearchFilters()
    page, page_size = max(1, page), max(1, min(page_size, SEARCH_MAX_PAGE_SIZE))
    mode = search_query_kind(text)
    empty = CorporationSearchResult(
        mode=mode,
        query="",
        items=[],
        total=0,
        total_is_capped=False,
        page=page,
        page_size=page_size,
    )
    if mode == SearchMode.EMPTY:
        return empty
    if mode == SearchMode.NUMBER:
        number = validate_corporate_number(text, field=labels["number"])
        found = Corporation.objects.filter(corporate_number=number, is_deleted=False).first()
        items = [found] if found is not None and page == 1 else []
        return dataclasses.replace(
            empty, query=number, items=items, total=1 if found is not None else 0
        )
    if forbidden_control(text):
        raise InvalidSearch(
            SearchErrorCode.QUERY_CONTROL_CHARACTERS,
            f"{labels['q']}に使えない文字（制御文字）が含まれています。",
            field="q",
        )
    if len(text) > SEARCH_MAX_QUERY_LENGTH:
        raise InvalidSearch(
            SearchErrorCode.QUERY_TOO_LONG,
            f"{labels['q']}は{SEARCH_MAX_QUERY_LENGTH}文字以内で入力してください"
            f"（入力は{len(text)}文字です）。",
            field="q",
        )
    folded = normalize_for_search(text)
    ranked = _ranked_numbers(folded, filters, SEARCH_RESULT_CAP + 1)
    start = (page - 1) * page_size
    numbers = ranked[start : min(start + page_size, SEARCH_RESULT_CAP)]
    found_rows = Corporation.objects.in_bulk(numbers)
    return dataclasses.replace(
        empty,
        query=folded,
        items=[found_rows[n] for n in numbers if n in found_rows],
        total=min(len(ranked), SEARCH_RESULT_CAP),
        total_is_capped=len(ranked) > SEARCH_RESULT_CAP,
    )
