"""Finding subsidies: keyword (folded, partial), the jGrants filters, accepting-now and sort.

A keyword matches when its folded form (``normalize_for_search``: width, case, kana, spaces) is a substring
of the subsidy's folded search text (title, catch phrase, detail, institution, number, area detail), so
IoT = ＩｏＴ, カタカナ = ｶﾀｶﾅ and 補助 finds 補助金. On PostgreSQL a pg_trgm GIN index serves the partial
match of three characters or more (migration 0002) and a GIN index of characters and character pairs
the shorter ones (0003); on SQLite it is a scan of one short column, fast at catalogue sizes.

Multi-valued filters are bit masks (see models): a purpose or industry filter with several values matches a
subsidy having any of them; an area filter matches the subsidies open to a business in that area: the area
itself, 全国, and the region of a prefecture or the prefectures of a region.
"""

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.html import strip_tags

from madoguchi.core.text import normalize_for_search
from madoguchi.grants.enums import (
    EMPLOYEE_RANK,
    NATIONWIDE,
    REGION_OF,
    REGIONS,
    TARGET_AREAS,
    EmployeeBracket,
    Industry,
    SubsidyStatus,
    UsePurpose,
    bitmask,
)
from madoguchi.grants.models import Subsidy
from madoguchi.identity.roles import Right
from madoguchi.identity.selectors import staff_division_filter

SORT_FIELDS = {
    "created_date": "created_at",
    "acceptance_start_datetime": "acceptance_start_datetime",
    "acceptance_end_datetime": "acceptance_end_datetime",
}
SPACES = " \u3000\t\r\n"


def search_text_of(
    *, title: str, catch_phrase: str, detail: str, institution: str, number: str, area_detail: str
) -> str:
    """Folded parts joined by a space (a folded keyword never holds one, so never spans two parts)."""
    parts = (title, catch_phrase, strip_tags(detail), institution, number, area_detail)
    return " ".join(normalize_for_search(part) for part in parts if part)


def keyword_terms(text: str) -> list[str]:
    """Words of a free-text query, each folded; empty words dropped."""
    words = "".join(" " if c in SPACES else c for c in text).split(" ")
    return [term for term in (normalize_for_search(w) for w in words) if term]


def area_bits(area: str) -> int:
    """The areas whose subsidies a business in ``area`` may apply for."""
    if area == NATIONWIDE:
        areas = [NATIONWIDE]
    elif area in REGIONS:
        areas = [NATIONWIDE, area, *REGIONS[area]]
    else:
        areas = [NATIONWIDE, area, REGION_OF.get(area, "")]
    return bitmask(areas, TARGET_AREAS)


@dataclasses.dataclass(kw_only=True)
class SubsidyQuery:
    terms: Sequence[str] = ()  # folded words, all must match
    purposes: Sequence[str] = ()
    industries: Sequence[str] = ()
    employees: str = ""
    area: str = ""
    institution: str = ""
    accepting_now: bool = False
    sort: str = "created_date"  # a key of SORT_FIELDS, or "deadline" (open ones, soonest first)
    descending: bool = True
    now: dt.datetime | None = None


def subsidies_published() -> QuerySet[Subsidy]:
    return Subsidy.objects.filter(status=SubsidyStatus.PUBLISHED)


def subsidies_for_staff(
    *, user: Any, terms: Sequence[str] = (), status: str = ""
) -> QuerySet[Subsidy]:
    """Subsidies of the divisions the user's staff right reaches, whatever their state, last
    changed first (staff list)."""
    qs = (
        Subsidy.objects.filter(staff_division_filter(user, Right.SUBSIDY_VIEW))
        .select_related("division")
        .order_by("-updated_at", "id")
    )
    if status in SubsidyStatus.values:
        qs = qs.filter(status=status)
    for term in terms:
        qs = qs.filter(search_text__contains=term)
    return qs


def subsidy_search(
    *, query: SubsidyQuery, base: QuerySet[Subsidy] | None = None
) -> QuerySet[Subsidy]:
    """Published subsidies (or ``base``) matching ``query``, in its order."""
    now = query.now or timezone.now()
    qs = subsidies_published() if base is None else base
    postgresql = connections[qs.db].vendor == "postgresql"
    for term in query.terms:
        if postgresql and len(term) <= 2:
            # Shorter than a trigram: the characters and pairs index (migration 0003) answers exactly.
            qs = qs.filter(
                ExpressionWrapper(
                    RawSQL(
                        'grants_search_grams("grants_subsidy"."search_text") @> ARRAY[%s]::text[]',
                        [term],
                    ),
                    output_field=BooleanField(),
                )
            )
        else:
            qs = qs.filter(search_text__contains=term)
    if query.purposes:
        qs = qs.alias(
            _p=F("purpose_mask").bitand(bitmask(list(query.purposes), UsePurpose.values))
        ).exclude(_p=0)
    if query.industries:
        qs = qs.alias(
            _i=F("industry_mask").bitand(bitmask(list(query.industries), Industry.values))
        ).exclude(_i=0)
    if query.area:
        qs = qs.alias(_a=F("area_mask").bitand(area_bits(query.area))).exclude(_a=0)
    if query.employees:
        rank = EMPLOYEE_RANK[query.employees]
        top = EMPLOYEE_RANK[EmployeeBracket.UP_TO_900]
        if rank == 0:
            qs = qs.filter(employee_rank=0)
        elif rank > top:
            qs = qs.filter(employee_rank__in=[0, rank])
        else:
            # A business of this size fits subsidies for its bracket or any larger "N名以下".
            qs = qs.filter(Q(employee_rank=0) | Q(employee_rank__gte=rank, employee_rank__lte=top))
    if query.institution:
        qs = qs.filter(institution_name__icontains=query.institution)
    if query.accepting_now:
        qs = qs.filter(acceptance_start_datetime__lte=now, acceptance_end_datetime__gte=now)
    if query.sort == "deadline":
        qs = qs.annotate(
            _closed=Case(
                When(acceptance_end_datetime__gte=now, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        ).order_by("_closed", F("acceptance_end_datetime").asc(nulls_last=True), "id")
    else:
        field = F(SORT_FIELDS.get(query.sort, "created_at"))
        ordering = field.desc(nulls_last=True) if query.descending else field.asc(nulls_last=True)
        qs = qs.order_by(ordering, "-id" if query.descending else "id")
    return qs
