"""Reads of the registry. Other contexts look corporations up through these functions."""

from enum import StrEnum
from typing import TypedDict

from django.db.models import Q, QuerySet

from madoguchi.core.text import normalize_for_search
from madoguchi.registry.models import Corporation, CorporationVersion


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
    """
    if target == NameTarget.EXACT:
        lookup = "name__startswith" if match == NameMatch.PREFIX else "name__contains"
        condition = Q(**{lookup: text})
        former = Q(**{lookup: text})
    elif target == NameTarget.ENGLISH:
        folded = normalize_for_search(text)
        lookup = "en_name__istartswith" if match == NameMatch.PREFIX else "en_name__icontains"
        condition = Q(**{lookup: text}) | Q(search_text__contains=folded)
        former = Q(**{lookup: text})
    else:
        folded = normalize_for_search(text)
        if match == NameMatch.PREFIX:
            condition = Q(search_text__startswith=folded) | Q(search_text__contains=" " + folded)
            former = Q(search_name__startswith=folded)
        else:
            condition = Q(search_text__contains=folded)
            former = Q(search_name__contains=folded)
    if include_former_names:
        former_numbers = CorporationVersion.objects.filter(former).values("corporate_number")
        condition |= Q(corporate_number__in=former_numbers)
    return queryset.filter(condition)
