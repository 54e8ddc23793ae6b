"""Registry search: folding, filters, ranking, exclusions, pagination and number lookup, on both databases."""

import datetime as dt
import importlib

import pytest
from django.db import connection

from madoguchi.registry import selectors
from madoguchi.registry.enums import Kind
from madoguchi.registry.models import Corporation
from madoguchi.registry.numbers import InvalidCorporateNumber
from madoguchi.registry.search_indexes import search_indexes_create, search_indexes_drop
from madoguchi.registry.searchtext import search_fields
from madoguchi.registry.selectors import (
    InvalidSearch,
    NameMatch,
    SearchFilters,
    SearchMode,
    SearchStatus,
    corporation_search,
    corporations_name_filter,
    search_filters_parse,
    search_page_parse,
)
from tests.registry.factories import CorporationFactory

pytestmark = pytest.mark.django_db


def names(text: str, **kwargs: object) -> list[str]:
    return [c.name for c in corporation_search(text=text, **kwargs).items]  # type: ignore[arg-type]


def rename(corporation: Corporation, name: str) -> None:
    corporation.name = name
    for field, value in search_fields(
        name=name, furigana=corporation.furigana, en_name=corporation.en_name
    ).items():
        setattr(corporation, field, value)
    corporation.save()


# --- folding ------------------------------------------------------------------------------------


def test_half_width_katakana_finds_full_width() -> None:
    CorporationFactory(name="カブシキガイシャ山田", furigana="カブシキガイシャヤマダ")
    assert names("ｶﾌﾞｼｷｶﾞｲｼｬ") == ["カブシキガイシャ山田"]


def test_hiragana_finds_katakana() -> None:
    CorporationFactory(name="カブシキ商事", furigana="カブシキショウジ")
    assert names("かぶしき") == ["カブシキ商事"]


def test_full_width_and_case_fold_latin() -> None:
    CorporationFactory(name="株式会社IoTラボ", furigana="アイオーティーラボ", en_name="IoT Lab")
    assert names("ＩｏＴ") == ["株式会社IoTラボ"]
    assert names("iot") == ["株式会社IoTラボ"]


def test_spaces_and_middle_dots_are_ignored() -> None:
    CorporationFactory(name="株式会社 山田・商事", furigana="ヤマダショウジ")
    assert names("山田商事") == ["株式会社 山田・商事"]
    assert names("株式会社　山田") == ["株式会社 山田・商事"]


def test_furigana_and_english_name_are_searched() -> None:
    CorporationFactory(
        name="東和精機株式会社", furigana="トウワセイキ", en_name="Towa Seiki Co., Ltd."
    )
    assert names("とうわせいき") == ["東和精機株式会社"]
    assert names("TOWA SEIKI") == ["東和精機株式会社"]


def test_short_queries_of_one_or_two_characters_match_inside_names() -> None:
    CorporationFactory(name="株式会社花王堂", furigana="カオウドウ")
    CorporationFactory(name="桜商事株式会社", furigana="サクラショウジ")
    assert names("花王") == ["株式会社花王堂"]
    assert names("桜") == ["桜商事株式会社"]


def test_like_wildcards_and_quotes_are_plain_characters() -> None:
    CorporationFactory(name="株式会社100%果汁", furigana="カジュウ")
    CorporationFactory(name="株式会社100円", furigana="エン")
    CorporationFactory(name='株式会社"引用"社', furigana="インヨウシャ")
    assert names("100%") == ["株式会社100%果汁"]
    assert names("_") == []
    assert names('"引用"') == ['株式会社"引用"社']


# --- exclusions ---------------------------------------------------------------------------------


def test_excluded_from_search_and_deleted_are_not_found_by_name() -> None:
    CorporationFactory(name="山田工業株式会社")
    CorporationFactory(name="山田建設株式会社", hihyoji=True)
    CorporationFactory(name="山田運輸株式会社", is_deleted=True)
    assert names("山田") == ["山田工業株式会社"]


def test_excluded_from_search_is_found_by_number_but_deleted_is_not() -> None:
    hidden = CorporationFactory(name="山田建設株式会社", hihyoji=True)
    deleted = CorporationFactory(name="山田運輸株式会社", is_deleted=True)
    assert names(hidden.corporate_number) == ["山田建設株式会社"]
    assert names(deleted.corporate_number) == []


# --- ranking ------------------------------------------------------------------------------------


def test_ranking_exact_then_prefix_then_partial_then_shorter_then_number() -> None:
    partial_long = CorporationFactory(name="株式会社東和商事ホールディングス")
    partial_short = CorporationFactory(name="新東和商事株式会社")
    prefix_long = CorporationFactory(name="東和商事グループ株式会社")
    same_length = sorted(
        [CorporationFactory(name="東和商事株式会社"), CorporationFactory(name="東和商事有限会社")],
        key=lambda c: c.corporate_number,
    )
    exact = CorporationFactory(name="東和商事")
    CorporationFactory(name="山田商事株式会社")
    result = corporation_search(text="東和商事")
    assert [c.corporate_number for c in result.items] == [
        exact.corporate_number,
        same_length[0].corporate_number,  # same length: by number
        same_length[1].corporate_number,
        prefix_long.corporate_number,
        partial_short.corporate_number,
        partial_long.corporate_number,
    ]
    assert result.mode == SearchMode.NAME
    assert result.total == 6
    assert not result.total_is_capped


def test_furigana_match_ranks_as_partial() -> None:
    by_name = CorporationFactory(name="サクラ物産株式会社", furigana="サクラブッサン")
    by_furigana = CorporationFactory(name="桜物産株式会社", furigana="サクラブッサン")
    result = corporation_search(text="さくら")
    assert [c.pk for c in result.items] == [by_name.pk, by_furigana.pk]


# --- filters ------------------------------------------------------------------------------------


@pytest.fixture
def places() -> dict[str, Corporation]:
    return {
        "chiyoda": CorporationFactory(name="山田商事株式会社"),  # 13 101
        "shinjuku": CorporationFactory(
            name="山田物産株式会社", city_code="104", city_name="新宿区"
        ),
        "tsurumi": CorporationFactory(
            name="山田製作所株式会社",
            prefecture_code="14",
            prefecture_name="神奈川県",
            city_code="101",
            city_name="横浜市鶴見区",
            kind=Kind.YUGEN_KAISHA,
        ),
        "closed": CorporationFactory(
            name="山田倉庫株式会社", close_date=dt.date(2020, 3, 31), close_cause="01"
        ),
    }


def test_filter_by_prefecture(places: dict[str, Corporation]) -> None:
    assert set(names("山田", filters=SearchFilters(prefecture="14"))) == {"山田製作所株式会社"}
    assert len(names("山田", filters=SearchFilters(prefecture="13"))) == 3


def test_filter_by_city(places: dict[str, Corporation]) -> None:
    found = names("山田", filters=SearchFilters(prefecture="13", city="104"))
    assert found == ["山田物産株式会社"]


def test_designated_city_includes_its_wards(places: dict[str, Corporation]) -> None:
    assert names("山田", filters=SearchFilters(prefecture="14", city="100")) == [
        "山田製作所株式会社"
    ]


def test_filter_by_kind(places: dict[str, Corporation]) -> None:
    assert names("山田", filters=SearchFilters(kind=Kind.YUGEN_KAISHA)) == ["山田製作所株式会社"]


def test_filter_by_status(places: dict[str, Corporation]) -> None:
    assert names("山田", filters=SearchFilters(status=SearchStatus.CLOSED)) == ["山田倉庫株式会社"]
    assert "山田倉庫株式会社" not in names("山田", filters=SearchFilters(status=SearchStatus.OPEN))
    assert len(names("山田", filters=SearchFilters(status=SearchStatus.ALL))) == 4


def test_filter_inputs_are_checked_with_japanese_messages() -> None:
    filters, errors = search_filters_parse(prefecture="48", city="101", kind="300", status="gone")
    assert filters == SearchFilters()
    assert [(e.field, e.message) for e in errors] == [
        (
            "prefecture",
            "都道府県は 01〜47 の2桁の都道府県コードで指定してください（「48」は都道府県コードではありません）。",
        ),
        (
            "kind",
            "法人種別は次のコードのいずれかで指定してください: 101（国の機関）、201（地方公共団体）、"
            "301（株式会社）、302（有限会社）、303（合名会社）、304（合資会社）、305（合同会社）、"
            "399（その他の設立登記法人）、401（外国会社等）、499（その他）（「300」は法人種別のコードではありません）。",
        ),
        (
            "status",
            "閉鎖の有無は all（すべて）、open（閉鎖されていない法人）、closed（閉鎖された法人）"
            "のいずれかで指定してください（「gone」は指定できません）。",
        ),
    ]


def test_city_must_belong_to_the_prefecture() -> None:
    _, errors = search_filters_parse(prefecture="13", city="999")
    assert [e.message for e in errors] == [
        "市区町村は3桁の市区町村コードで指定してください（「999」は東京都の市区町村コードではありません）。"
    ]
    _, errors = search_filters_parse(city="101")
    assert [e.message for e in errors] == ["市区町村を指定するときは、都道府県も指定してください。"]


def test_valid_filters_parse() -> None:
    filters, errors = search_filters_parse(prefecture="14", city="100", kind="301", status="open")
    assert errors == []
    assert filters.city_codes[:2] == ("100", "101")
    assert filters.status == SearchStatus.OPEN


# --- pagination and the cap ---------------------------------------------------------------------


def test_pagination_covers_every_match_once() -> None:
    for _ in range(45):
        CorporationFactory(name=f"株式会社ページ{_:02d}")
    pages = [corporation_search(text="ページ", page=p, page_size=20) for p in (1, 2, 3)]
    assert [len(p.items) for p in pages] == [20, 20, 5]
    seen = [c.pk for p in pages for c in p.items]
    assert len(set(seen)) == 45
    assert pages[0].num_pages == 3
    assert pages[0].has_next and not pages[0].has_previous
    assert pages[2].has_previous and not pages[2].has_next
    assert (pages[1].start_index, pages[1].end_index) == (21, 40)
    assert corporation_search(text="ページ", page=4).items == []


def test_count_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selectors, "SEARCH_RESULT_CAP", 5)
    for i in range(8):
        CorporationFactory(name=f"株式会社上限{i}")
    result = corporation_search(text="上限", page_size=3)
    assert (result.total, result.total_is_capped, result.num_pages) == (5, True, 2)
    assert len(corporation_search(text="上限", page=2, page_size=3).items) == 2


def test_page_inputs_are_checked() -> None:
    assert search_page_parse("２") == 2
    assert search_page_parse(None) == 1
    with pytest.raises(InvalidSearch) as error:
        search_page_parse("0")
    assert error.value.message == "ページは1以上の整数で指定してください（「0」は指定できません）。"
    with pytest.raises(InvalidSearch) as error:
        search_page_parse("200", field="page_size", maximum=100)
    assert error.value.message == "1ページの件数は100以下で指定してください。"


def test_long_query_is_refused() -> None:
    with pytest.raises(InvalidSearch) as error:
        corporation_search(text="あ" * 101)
    assert error.value.message == "検索語は100文字以内で入力してください（入力は101文字です）。"


# --- numbers ------------------------------------------------------------------------------------


def test_number_lookup_folds_width_and_hyphens() -> None:
    corporation = CorporationFactory(corporate_number="7000012050002", name="国税庁")
    result = corporation_search(text="７-0000-1205-0002")
    assert result.mode == SearchMode.NUMBER
    assert [c.pk for c in result.items] == [corporation.pk]
    assert result.total == 1


def test_unknown_valid_number_finds_nothing() -> None:
    result = corporation_search(text="4000012090001")
    assert (result.mode, result.items, result.total) == (SearchMode.NUMBER, [], 0)


def test_number_with_wrong_check_digit_says_why() -> None:
    with pytest.raises(InvalidCorporateNumber) as error:
        corporation_search(text="1000012050002")
    assert error.value.message == (
        "法人番号のチェックディジット（先頭の1桁）が正しくありません"
        "（残り12桁から計算すると 7 になります）。番号をご確認ください。"
    )


def test_long_digit_runs_are_numbers_of_the_wrong_length() -> None:
    with pytest.raises(InvalidCorporateNumber) as error:
        corporation_search(text="700001205000")
    assert error.value.message == "法人番号は13桁です（入力は12桁です）。"


def test_short_digit_runs_are_names() -> None:
    CorporationFactory(name="株式会社2025企画")
    assert names("2025") == ["株式会社2025企画"]


def test_empty_query_finds_nothing() -> None:
    assert corporation_search(text="  ・ ").mode == SearchMode.EMPTY


# --- the index stays in step with every write --------------------------------------------------


def test_index_follows_updates_and_deletes() -> None:
    corporation = CorporationFactory(name="旧名称商事株式会社", furigana="キュウメイショウ")
    rename(corporation, "新名称商事株式会社")
    assert names("旧名称") == []
    assert names("新名称") == ["新名称商事株式会社"]
    Corporation.objects.filter(pk=corporation.pk).update(
        search_text="bulkupdated", search_name="bulkupdated"
    )
    assert [c.pk for c in corporation_search(text="bulkupdated").items] == [corporation.pk]
    Corporation.objects.filter(pk=corporation.pk).delete()
    assert names("bulkupdated") == []


def test_sqlite_uses_the_fts5_trigram_table() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite の検査（PostgreSQL で実行中）")
    queryset = corporations_name_filter(Corporation.objects.all(), text="テスト商事")
    assert "registry_corporation_fts MATCH" in str(queryset.query)


def test_postgresql_has_the_named_search_indexes() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL の検査（SQLite で実行中）")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'registry_corporation'"
        )
        indexes = dict(cursor.fetchall())
    assert "gin_trgm_ops" in indexes["registry_corp_search_trgm"]
    assert "text_pattern_ops" in indexes["registry_corp_search_name_prefix"]


# --- the name filter the /4/name Web-API uses --------------------------------------------------


def test_name_filter_prefix_and_partial() -> None:
    CorporationFactory(name="山田商事株式会社", furigana="ヤマダショウジ", en_name="Yamada Trading")
    CorporationFactory(name="株式会社山田", furigana="ヤマダ", en_name="")
    queryset = Corporation.objects.all()
    prefix = corporations_name_filter(queryset, text="山田商", match=NameMatch.PREFIX)
    assert [c.name for c in prefix] == ["山田商事株式会社"]
    partial = corporations_name_filter(queryset, text="山田", match=NameMatch.PARTIAL)
    assert {c.name for c in partial} == {"山田商事株式会社", "株式会社山田"}
    by_furigana = corporations_name_filter(queryset, text="やまだしょ", match=NameMatch.PREFIX)
    assert [c.name for c in by_furigana] == ["山田商事株式会社"]
    english = corporations_name_filter(queryset, text="trading", match=NameMatch.PREFIX)
    assert list(english) == []  # "yamadatrading": trading is inside, not at the start


def test_name_filter_works_inside_another_query() -> None:
    wanted = CorporationFactory(name="入れ子検索株式会社")
    CorporationFactory(name="別の会社")
    inner = corporations_name_filter(Corporation.objects.all(), text="入れ子検索").values("pk")
    assert list(Corporation.objects.filter(pk__in=inner)) == [wanted]


# --- the indexes: migration reversible, and the bulk-load helpers agree with it ------------------


def _search_objects() -> dict[str, str]:
    """Name → definition of the search indexes (and, on SQLite, the FTS table and triggers)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes "
                "WHERE tablename = 'registry_corporation' AND indexname LIKE 'registry_corp_s%%'"
            )
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE name LIKE 'registry_corp%%_fts%%' "
                "OR name LIKE 'registry_corp_s%%'"
            )
        return dict(cursor.fetchall())


@pytest.mark.django_db(transaction=True)
def test_migration_drops_and_recreates_the_search_indexes() -> None:
    migration = importlib.import_module("madoguchi.registry.migrations.0002_search_indexes")
    before = _search_objects()
    assert "registry_corp_search_name_prefix" in before
    with connection.schema_editor() as editor:
        migration.drop_search_indexes(None, editor)
    assert _search_objects() == {}
    with connection.schema_editor() as editor:
        migration.create_search_indexes(None, editor)
    assert _search_objects() == before
    CorporationFactory(name="再作成後商事株式会社")
    assert names("再作成後") == ["再作成後商事株式会社"]


@pytest.mark.django_db(transaction=True)
def test_bulk_load_helpers_rebuild_what_the_migration_made() -> None:
    before = _search_objects()
    search_indexes_drop()
    loaded = CorporationFactory(name="一括取込商事株式会社")  # written while the indexes are gone
    search_indexes_create()
    after = _search_objects()
    if connection.vendor == "sqlite":  # the helpers write IF NOT EXISTS; the meaning is the same
        after = {k: v.replace(" IF NOT EXISTS", "") for k, v in after.items()}
    assert after == before
    assert [c.pk for c in corporation_search(text="一括取込").items] == [loaded.pk]
