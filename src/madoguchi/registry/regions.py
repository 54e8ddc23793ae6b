"""Prefectures (都道府県) and municipalities (市区町村) for the search filters.

Read once from the CSV files shipped in ``registry/data`` (see its README). A designated city (政令指定都市)
is listed together with its wards; the NTA gives corporations in such a city the ward's code, so choosing
the city means any of its wards.
"""

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Prefecture:
    code: str  # 2 digits, JIS X 0401
    name: str


@dataclass(frozen=True, slots=True)
class City:
    prefecture_code: str
    code: str  # 3 digits within the prefecture
    name: str  # 札幌市中央区: as the NTA writes it
    codes: tuple[str, ...]  # this city's code and, for a designated city, its wards'


def _rows(file_name: str) -> list[dict[str, str]]:
    text = (resources.files("madoguchi.registry") / "data" / file_name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@cache
def prefectures() -> tuple[Prefecture, ...]:
    return tuple(
        Prefecture(code=f"{int(row['pid']):02d}", name=row["pref"])
        for row in _rows("prefectures.csv")
    )


@cache
def _cities() -> dict[str, tuple[City, ...]]:
    rows = [row for row in _rows("municipalities.csv") if len(row["lgcode"]) == 6]
    wards: dict[tuple[str, str], list[str]] = {}  # (prefecture, designated city) → ward codes
    for row in rows:
        if " " in row["city"]:
            key = (row["lgcode"][:2], row["city"].split(" ", 1)[0])
            wards.setdefault(key, []).append(row["lgcode"][2:5])
    by_prefecture: dict[str, list[City]] = {}
    for row in rows:
        prefecture_code, code = row["lgcode"][:2], row["lgcode"][2:5]
        by_prefecture.setdefault(prefecture_code, []).append(
            City(
                prefecture_code=prefecture_code,
                code=code,
                name=row["city"].replace(" ", ""),
                codes=(code, *wards.get((prefecture_code, row["city"]), ())),
            )
        )
    return {key: tuple(value) for key, value in by_prefecture.items()}


def cities(prefecture_code: str) -> tuple[City, ...]:
    """The municipalities of a prefecture, in the order of their codes (empty for an unknown code)."""
    return _cities().get(prefecture_code, ())


def prefecture_get(code: str) -> Prefecture | None:
    return next((p for p in prefectures() if p.code == code), None)


def city_get(prefecture_code: str, code: str) -> City | None:
    return next((c for c in cities(prefecture_code) if c.code == code), None)
