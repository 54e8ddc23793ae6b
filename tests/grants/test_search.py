"""Search semantics: folding of width, case and kana; partial words; filters; accepting now; sort."""

import datetime as dt
from typing import Any

import pytest

from madoguchi.grants import selectors
from madoguchi.grants.selectors import SubsidyQuery
from tests.grants.conftest import NOW

pytestmark = pytest.mark.django_db


def _titles(**query: Any) -> list[str]:
    if "text" in query:
        query["terms"] = selectors.keyword_terms(query.pop("text"))
    return [s.title for s in selectors.subsidy_search(query=SubsidyQuery(now=NOW, **query))]


def test_case_and_width_are_ignored(make_subsidy: Any) -> None:
    make_subsidy(title="IoT導入支援補助金")
    make_subsidy(title="カタカナ事業補助金")
    make_subsidy(title="関係のない助成金")
    for text in ("IoT", "IOT", "ＩｏＴ", "iot", "ｉｏｔ"):
        assert _titles(text=text) == ["IoT導入支援補助金"], text
    assert _titles(text="ｶﾀｶﾅ") == ["カタカナ事業補助金"]
    assert _titles(text="かたかな") == ["カタカナ事業補助金"]


def test_part_of_a_word_matches(make_subsidy: Any) -> None:
    make_subsidy(title="ものづくり補助金")
    make_subsidy(title="雇用調整助成金", detail="")
    assert _titles(text="補助") == ["ものづくり補助金"]
    assert sorted(_titles(text="金")) == ["ものづくり補助金", "雇用調整助成金"]
    assert _titles(text="補助 ものづくり") == ["ものづくり補助金"]
    assert _titles(text="補助 雇用") == []


def test_keyword_also_searches_detail_institution_and_number(make_subsidy: Any) -> None:
    subsidy = make_subsidy(
        title="一般型",
        detail="<p>展示会への<strong>出展</strong>費用</p>",
        institution_name="青森県商工労働部",
    )
    assert _titles(text="展示会への出展") == ["一般型"]
    assert _titles(text="青森県") == ["一般型"]
    assert _titles(text=subsidy.name) == ["一般型"]
    assert _titles(text="strong") == []  # markup is not text


def test_area_finds_what_a_business_there_may_apply_for(make_subsidy: Any) -> None:
    make_subsidy(title="全国向け", target_area_search=["全国"])
    make_subsidy(title="東京都向け", target_area_search=["東京都"])
    make_subsidy(title="関東向け", target_area_search=["関東・甲信越地方"])
    make_subsidy(title="大阪府向け", target_area_search=["大阪府"])
    assert sorted(_titles(area="東京都")) == ["全国向け", "東京都向け", "関東向け"]
    assert sorted(_titles(area="関東・甲信越地方")) == ["全国向け", "東京都向け", "関東向け"]
    assert sorted(_titles(area="近畿地方")) == ["全国向け", "大阪府向け"]
    assert _titles(area="全国") == ["全国向け"]


def test_purposes_and_industries_match_any_of_the_values(make_subsidy: Any) -> None:
    make_subsidy(title="承継", use_purpose=["事業を引き継ぎたい"], industry=["建設業"])
    make_subsidy(title="省エネ", use_purpose=["エコ・SDGs活動支援がほしい"], industry=["製造業"])
    assert _titles(purposes=["事業を引き継ぎたい"]) == ["承継"]
    assert sorted(_titles(purposes=["事業を引き継ぎたい", "エコ・SDGs活動支援がほしい"])) == [
        "承継",
        "省エネ",
    ]
    assert _titles(industries=["製造業"]) == ["省エネ"]
    assert _titles(industries=["漁業"]) == []


def test_employees_fit_the_business_size(make_subsidy: Any) -> None:
    make_subsidy(title="制約なし", target_number_of_employees="従業員数の制約なし")
    make_subsidy(title="20名以下", target_number_of_employees="20名以下")
    make_subsidy(title="300名以下", target_number_of_employees="300名以下")
    make_subsidy(title="大企業", target_number_of_employees="901名以上")
    assert sorted(_titles(employees="5名以下")) == ["20名以下", "300名以下", "制約なし"]
    assert sorted(_titles(employees="100名以下")) == ["300名以下", "制約なし"]
    assert sorted(_titles(employees="901名以上")) == ["制約なし", "大企業"]


def test_accepting_now_and_sort(make_subsidy: Any) -> None:
    day = dt.timedelta(days=1)
    make_subsidy(
        title="募集中・締切遠い",
        acceptance_start_datetime=NOW - day,
        acceptance_end_datetime=NOW + 30 * day,
        project_end_deadline=None,
    )
    make_subsidy(
        title="募集中・締切近い",
        acceptance_start_datetime=NOW - day,
        acceptance_end_datetime=NOW + 2 * day,
        project_end_deadline=None,
    )
    make_subsidy(
        title="終了",
        acceptance_start_datetime=NOW - 30 * day,
        acceptance_end_datetime=NOW - day,
        project_end_deadline=None,
    )
    make_subsidy(
        title="開始前",
        acceptance_start_datetime=NOW + 5 * day,
        acceptance_end_datetime=NOW + 9 * day,
        project_end_deadline=None,
    )
    assert _titles(accepting_now=True, sort="acceptance_end_datetime", descending=False) == [
        "募集中・締切近い",
        "募集中・締切遠い",
    ]
    assert _titles(sort="deadline") == ["募集中・締切近い", "開始前", "募集中・締切遠い", "終了"]
    assert _titles(sort="acceptance_end_datetime", descending=True)[0] == "募集中・締切遠い"
    assert _titles(sort="created_date", descending=True)[0] == "開始前"  # the newest


def test_drafts_and_withdrawn_are_not_found(make_subsidy: Any, officer: Any) -> None:
    from madoguchi.grants import services

    make_subsidy(title="下書き", publish=False)
    withdrawn = make_subsidy(title="停止")
    services.subsidy_withdraw(actor=officer, subsidy=withdrawn)
    assert _titles() == []
