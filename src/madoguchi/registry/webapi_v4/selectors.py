"""Reads behind /4/num, /4/diff and /4/name: which rows, in which order, one page at a time.

Every answer is one ``COUNT`` and one ``SELECT … LIMIT/OFFSET`` of plain columns (``values_list``), so a page
costs two queries whatever its size; the latest update date is one ``MAX`` over an indexed column.

Established about the original: /4/num returns records excluded from search (hihyoji=1) too
(mcp-houjin-bangou tests/unit/nta-client.test.ts answers a number with "株式会社検索対象除外", hihyoji 1), while
/4/name leaves them out (that is what 検索対象除外 means); /4/diff returns the difference records, deletions
(process 99) included. Assumed: deleted corporations (``is_deleted``) are found by /4/num and /4/diff as the
records say and never by /4/name; a /4/diff record abroad is one with prefecture code 99 or with no domestic
prefecture and a foreign address.
"""

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from madoguchi.registry.models import Corporation, CorporationVersion, WebApiApplication
from madoguchi.registry.nta_format import RECORD_FIELDS
from madoguchi.registry.selectors import corporations_name_filter
from madoguchi.registry.webapi_v4.params import Address, DiffParams, NameParams, NumParams

# The order of the versions of one corporation: oldest first.
_VERSION_ORDER = ("update_date", "change_date", "id")


@dataclass(frozen=True, slots=True)
class Page:
    """One page of an answer. ``rows`` hold the values of RECORD_FIELDS in order."""

    last_update_date: dt.date
    count: int
    divide_number: int
    divide_size: int
    first_sequence_number: int
    rows: Sequence[tuple[Any, ...]]


def webapi_application_get(*, application_id: str) -> WebApiApplication | None:
    """The active application with that id, or None (unknown and inactive ids are refused alike)."""
    return WebApiApplication.objects.filter(application_id=application_id, is_active=True).first()


def registry_last_update_date() -> dt.date:
    """The latest update date the registry holds; today in Asia/Tokyo while it holds nothing."""
    latest = Corporation.objects.aggregate(latest=Max("update_date"))["latest"]
    return latest or timezone.localdate()


def records_page(queryset: QuerySet[Any], *, divide: int, page_size: int | None = None) -> Page:
    """Page ``divide`` (1-based) of an ordered queryset of Corporation or CorporationVersion.

    A page past the last one is answered empty with the true count and number of pages (assumed: the
    original's behaviour there is not documented where we could find it).
    """
    size = page_size or settings.REGISTRY_WEBAPI_PAGE_SIZE
    count = queryset.count()
    offset = (divide - 1) * size
    rows = (
        list(queryset.values_list(*RECORD_FIELDS)[offset : offset + size]) if offset < count else []
    )
    return Page(
        last_update_date=registry_last_update_date(),
        count=count,
        divide_number=divide,
        divide_size=math.ceil(count / size),
        first_sequence_number=offset + 1,
        rows=rows,
    )


def _address_q(address: Address) -> Q:
    if address.abroad:
        return Q(prefecture_code=address.prefecture) | (
            Q(prefecture_code="") & ~Q(address_outside="")
        )
    if address.city:
        return Q(prefecture_code=address.prefecture, city_code=address.city)
    return Q(prefecture_code=address.prefecture)


def num_records(params: NumParams) -> QuerySet[Any]:
    """The current state of each number (history=0), or every version of each, oldest first (history=1)."""
    if params.history:
        return CorporationVersion.objects.filter(corporate_number__in=params.numbers).order_by(
            "corporate_number", *_VERSION_ORDER
        )
    return Corporation.objects.filter(corporate_number__in=params.numbers).order_by(
        "corporate_number"
    )


def diff_records(params: DiffParams) -> QuerySet[CorporationVersion]:
    """The versions updated from ``date_from`` to ``date_to`` (both included), by update date then number."""
    queryset = CorporationVersion.objects.filter(
        update_date__gte=params.date_from, update_date__lte=params.date_to
    )
    if params.address:
        queryset = queryset.filter(_address_q(params.address))
    if params.kinds:
        queryset = queryset.filter(kind__in=params.kinds)
    return queryset.order_by("update_date", "corporate_number", "change_date", "id")


def name_records(params: NameParams) -> QuerySet[Corporation]:
    """Corporations whose name matches, by number; never those excluded from search or deleted."""
    queryset = Corporation.objects.filter(hihyoji=False, is_deleted=False)
    if params.address:
        queryset = queryset.filter(_address_q(params.address))
    if params.kinds:
        queryset = queryset.filter(kind__in=params.kinds)
    if not params.include_closed:
        queryset = queryset.filter(close_date__isnull=True)
    if params.assigned_from:
        queryset = queryset.filter(assignment_date__gte=params.assigned_from)
    if params.assigned_to:
        queryset = queryset.filter(assignment_date__lte=params.assigned_to)
    queryset = corporations_name_filter(
        queryset,
        text=params.name,
        match=params.match,
        target=params.target,
        include_former_names=params.include_former_names,
    )
    return queryset.order_by("corporate_number")
