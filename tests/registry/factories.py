"""Factories for registry rows. Corporations get valid corporate numbers and their search columns."""

import datetime as dt
from typing import Any

import factory

from madoguchi.registry.enums import Kind, Process
from madoguchi.registry.models import Corporation, CorporationVersion
from madoguchi.registry.nta_format import fingerprint
from madoguchi.registry.numbers import check_digit
from madoguchi.registry.searchtext import search_fields


def corporate_number_from(serial: int) -> str:
    base = f"{serial:012d}"
    return f"{check_digit(base)}{base}"


class CorporationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Corporation

    corporate_number = factory.Sequence(lambda n: corporate_number_from(100_000_000 + n))
    process = Process.NEW
    update_date = dt.date(2024, 4, 1)
    change_date = dt.date(2024, 4, 1)
    assignment_date = dt.date(2015, 10, 5)
    name = factory.Sequence(lambda n: f"株式会社テスト{n}")
    furigana = factory.Sequence(lambda n: f"テスト{n}")
    en_name = factory.Sequence(lambda n: f"Test {n} Co., Ltd.")
    kind = Kind.KABUSHIKI_KAISHA
    prefecture_name = "東京都"
    city_name = "千代田区"
    street_number = "霞が関１丁目３－１"
    prefecture_code = "13"
    city_code = "101"
    post_code = "1000013"
    en_prefecture_name = "Tokyo"
    en_city_name = "1-3-1, Kasumigaseki, Chiyoda ku"
    latest = True

    @classmethod
    def _create(cls, model_class: type[Corporation], *args: Any, **kwargs: Any) -> Corporation:
        kwargs.update(
            search_fields(
                name=kwargs.get("name", ""),
                furigana=kwargs.get("furigana", ""),
                en_name=kwargs.get("en_name", ""),
            )
        )
        return super()._create(model_class, *args, **kwargs)


def version_of(corporation: Corporation, **changes: Any) -> CorporationVersion:
    """Store a version of ``corporation`` (its current values with ``changes``)."""
    from madoguchi.registry.nta_format import RECORD_FIELDS

    values = {field: getattr(corporation, field) for field in RECORD_FIELDS}
    values.update(changes)
    return CorporationVersion.objects.create(
        **values,
        fingerprint=fingerprint(values),
        search_name=search_fields(name=values["name"], furigana="", en_name="")["search_name"],
    )
