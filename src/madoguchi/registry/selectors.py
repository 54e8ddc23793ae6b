"""Reads of the registry. Other contexts look corporations up through these functions."""

from typing import TypedDict

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
