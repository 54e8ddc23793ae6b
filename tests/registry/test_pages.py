"""The registry pages: search (with and without htmx), the corporation page with its history, and 404s."""

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client

from madoguchi.registry.enums import CloseCause, Kind, Process
from madoguchi.registry.models import Corporation
from tests.conftest import assert_accessible
from tests.registry.factories import CorporationFactory, version_of

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "search-results"}


def text_of(html: str) -> str:
    """The page's text with tags removed and whitespace collapsed."""
    without_tags = re.sub(
        r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    )
    return re.sub(r"\s+", " ", without_tags)


def results_text(html: str) -> str:
    match = re.search(r'<section id="search-results".*?</section>', html, re.S)
    assert match, "no results section"
    return text_of(match.group(0))


@pytest.fixture
def merger() -> dict[str, Corporation]:
    """窓口商事 renamed from 窓口物産, moved, then absorbed 旧窓口販売 (closed by merger)."""
    madoguchi = CorporationFactory(
        corporate_number="7000012050002",
        name="窓口商事株式会社",
        furigana="マドグチショウジ",
        en_name="Madoguchi Trading Co., Ltd.",
        process=Process.ADDRESS_CHANGE,
        change_date=dt.date(2022, 4, 1),
        update_date=dt.date(2022, 4, 5),
        assignment_date=dt.date(2015, 10, 5),
        street_number="霞が関３丁目１－１",
    )
    version_of(
        madoguchi,
        name="窓口物産株式会社",
        furigana="マドグチブッサン",
        process=Process.NEW,
        change_date=dt.date(2015, 10, 5),
        update_date=dt.date(2015, 10, 5),
        street_number="霞が関１丁目１－１",
        latest=False,
    )
    version_of(
        madoguchi,
        process=Process.NAME_CHANGE,
        change_date=dt.date(2019, 7, 1),
        update_date=dt.date(2019, 7, 3),
        street_number="霞が関１丁目１－１",
        latest=False,
    )
    version_of(madoguchi)
    absorbed = CorporationFactory(
        corporate_number="4000012090001",
        name="旧窓口販売株式会社",
        furigana="キュウマドグチハンバイ",
        process=Process.CLOSURE,
        close_date=dt.date(2023, 3, 31),
        close_cause=CloseCause.MERGER,
        successor_corporate_number="7000012050002",
    )
    return {"madoguchi": madoguchi, "absorbed": absorbed}


# --- search page --------------------------------------------------------------------------------


def test_search_page_without_a_query_invites_one(client: Client) -> None:
    response = client.get("/registry/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>法人番号を検索</h1>" in html
    assert '<label for="registry-q">法人名または法人番号</label>' in html
    assert html.count('<option value="', html.index('id="registry-prefecture"')) >= 47
    assert "北海道" in html and "沖縄県" in html
    assert "法人名または法人番号を入力して、「検索」を押してください。" in results_text(html)
    assert "都道府県を選ぶと選べるようになります。" in html  # city waits for a prefecture


def test_search_lists_number_name_furigana_address_kind_and_closed_badge(
    client: Client, merger: dict[str, Corporation]
) -> None:
    text = results_text(client.get("/registry/", {"q": "まどぐち"}).content.decode())
    assert "「まどぐち」に一致する法人は 2 件です。 1〜2 件目を表示しています。" in text
    assert "窓口商事株式会社" in text
    assert "マドグチショウジ" in text
    assert "7000012050002" in text
    assert "東京都千代田区霞が関３丁目１－１" in text
    assert "株式会社" in text
    assert "旧窓口販売株式会社 閉鎖" in text
    assert "2023年3月31日（合併による解散等）" in text


def test_search_links_to_the_corporation_page(
    client: Client, merger: dict[str, Corporation]
) -> None:
    html = client.get("/registry/", {"q": "窓口商事"}).content.decode()
    assert '<a href="/registry/7000012050002/">窓口商事株式会社</a>' in html


def test_no_results_says_so_and_suggests_what_to_try(client: Client) -> None:
    CorporationFactory(name="山田商事株式会社")
    text = results_text(
        client.get("/registry/", {"q": "存在しない名前", "prefecture": "01"}).content.decode()
    )
    assert "「存在しない名前」に一致する法人は見つかりませんでした。" in text
    assert "都道府県・法人種別・閉鎖の有無の絞り込みを外す。" in text


def test_invalid_number_names_the_field_and_the_reason(client: Client) -> None:
    html = client.get("/registry/", {"q": "1000012050002"}).content.decode()
    message = (
        "法人番号のチェックディジット（先頭の1桁）が正しくありません"
        "（残り12桁から計算すると 7 になります）。番号をご確認ください。"
    )
    assert "入力内容を確認してください" in results_text(html)
    assert message in results_text(html)
    assert f'<p id="registry-q-error" class="error-message">{message}</p>' in html
    assert 'aria-invalid="true"' in html


def test_unknown_valid_number_is_not_found(client: Client) -> None:
    text = results_text(client.get("/registry/", {"q": "5111101000006"}).content.decode())
    assert "法人番号 5111101000006 の法人は見つかりませんでした。" in text


def test_invalid_filter_is_explained(client: Client) -> None:
    html = client.get("/registry/", {"q": "山田", "prefecture": "50"}).content.decode()
    assert (
        "都道府県は 01〜47 の2桁の都道府県コードで指定してください（「50」は都道府県コードではありません）。"
        in results_text(html)
    )
    assert '<a href="#registry-prefecture">' in html


def test_filters_narrow_and_city_list_follows_the_prefecture(client: Client) -> None:
    CorporationFactory(name="山田商事株式会社")
    CorporationFactory(name="山田物産株式会社", prefecture_code="27", city_code="127")
    html = client.get(
        "/registry/", {"q": "山田", "prefecture": "13", "city": "101"}
    ).content.decode()
    assert "山田商事株式会社" in results_text(html)
    assert "山田物産株式会社" not in results_text(html)
    assert '<option value="101" selected>千代田区</option>' in html
    assert '<option value="13" selected>東京都</option>' in html


def test_pagination(client: Client) -> None:
    for i in range(25):
        CorporationFactory(name=f"株式会社ページ送り{i:02d}")
    first = client.get("/registry/", {"q": "ページ送り"}).content.decode()
    assert "「ページ送り」に一致する法人は 25 件です。 1〜20 件目を表示しています。" in text_of(
        first
    )
    assert 'href="/registry/?q=%E3%83%9A%E3%83%BC%E3%82%B8%E9%80%81%E3%82%8A&amp;page=2"' in first
    assert 'aria-current="page"' in first
    second = client.get("/registry/", {"q": "ページ送り", "page": "2"}).content.decode()
    assert "21〜25 件目を表示しています。" in text_of(second)
    assert '<ol class="result-list" start="21">' in second


def test_htmx_gets_only_the_results_and_the_status(client: Client) -> None:
    CorporationFactory(name="山田商事株式会社")
    response = client.get("/registry/", {"q": "山田"}, **HTMX)  # type: ignore[arg-type]
    html = response.content.decode()
    assert "<html" not in html
    assert html.startswith('<section id="search-results"')
    assert (
        '<p id="search-status" class="visually-hidden" role="status" hx-swap-oob="innerHTML">'
        in html
    )
    assert "「山田」に一致する法人は 1 件です。" in html
    assert response["HX-Push-Url"] == "/registry/?q=%E5%B1%B1%E7%94%B0"


def test_htmx_page_links_keep_the_page_in_the_address(client: Client) -> None:
    for i in range(21):
        CorporationFactory(name=f"株式会社送り{i:02d}")
    response = client.get("/registry/", {"q": "送り", "page": "2", "status": "all"}, **HTMX)  # type: ignore[arg-type]
    assert response["HX-Push-Url"] == "/registry/?q=%E9%80%81%E3%82%8A&page=2"


def test_htmx_prefecture_change_drops_the_old_city_and_sends_the_new_list(client: Client) -> None:
    response = client.get(
        "/registry/",
        {"q": "山田", "prefecture": "14", "city": "101"},
        HTTP_HX_TRIGGER_NAME="prefecture",
        **HTMX,  # type: ignore[arg-type]
    )
    html = response.content.decode()
    assert '<div id="city-field" class="field" hx-swap-oob="true">' in html
    assert "横浜市鶴見区" in html
    assert 'value="101" selected' not in html
    assert response["HX-Push-Url"] == "/registry/?q=%E5%B1%B1%E7%94%B0&prefecture=14"


def test_history_restore_gets_the_whole_page(client: Client) -> None:
    html = client.get(
        "/registry/",
        {"q": "山田"},
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
        **HTMX,  # type: ignore[arg-type]
    ).content.decode()
    assert "<html" in html


# --- corporation page ---------------------------------------------------------------------------


def test_corporation_page_shows_current_data_with_japanese_labels(
    client: Client, merger: dict[str, Corporation]
) -> None:
    response = client.get("/registry/7000012050002/")
    assert response.status_code == 200
    text = text_of(response.content.decode())
    for expected in (
        "法人番号 7000012050002",
        "商号又は名称 窓口商事株式会社",
        "フリガナ マドグチショウジ",
        "商号又は名称（英語表記） Madoguchi Trading Co., Ltd.",
        "法人種別 株式会社",
        "所在地 東京都千代田区霞が関３丁目１－１",
        "郵便番号 〒100-0013",
        "法人番号指定年月日 2015年10月5日",
        "変更年月日 2022年4月1日 （国内所在地の変更）",
        "更新年月日 2022年4月5日",
    ):
        assert expected in text, expected


def test_history_is_an_ordered_timeline_of_what_changed(
    client: Client, merger: dict[str, Corporation]
) -> None:
    html = client.get("/registry/7000012050002/").content.decode()
    timeline = html[
        html.index('<ol class="timeline">') : html.index(
            "</ol>", html.index('<ol class="timeline">')
        )
    ]
    items = [text_of(item) for item in timeline.split('<li class="timeline__item')[1:]]
    assert len(items) == 3
    assert "2015年10月5日" in items[0] and "新規" in items[0]
    assert "「窓口物産株式会社」として記録されました。" in items[0]
    assert "2019年7月1日" in items[1] and "商号又は名称の変更" in items[1]
    assert "商号又は名称 変更前 窓口物産株式会社 → 変更後 窓口商事株式会社" in items[1]
    assert "フリガナ 変更前 マドグチブッサン → 変更後 マドグチショウジ" in items[1]
    assert "2022年4月1日" in items[2] and "国内所在地の変更" in items[2] and "最新" in items[2]
    assert (
        "所在地 変更前 東京都千代田区霞が関１丁目１－１ → 変更後 東京都千代田区霞が関３丁目１－１"
        in items[2]
    )


def test_closed_corporation_links_to_its_successor(
    client: Client, merger: dict[str, Corporation]
) -> None:
    html = client.get("/registry/4000012090001/").content.decode()
    text = text_of(html)
    assert "この法人は 2023年3月31日 に登記記録が閉鎖されています（合併による解散等）。" in text
    assert "登記記録の閉鎖等の事由 合併による解散等" in text
    assert '<a href="/registry/7000012050002/">窓口商事株式会社（7000012050002）</a>' in html


def test_successor_lists_the_corporations_merged_into_it(
    client: Client, merger: dict[str, Corporation]
) -> None:
    html = client.get("/registry/7000012050002/").content.decode()
    assert "この法人に承継された法人" in html
    assert '<a href="/registry/4000012090001/">旧窓口販売株式会社（4000012090001）</a>' in html
    assert "2023年3月31日 閉鎖（合併による解散等）" in text_of(html)


def test_number_typed_with_full_width_digits_redirects_to_the_page(client: Client) -> None:
    response = client.get("/registry/７０００-０１２０-５０００２/")
    assert response.status_code == 301
    assert response["Location"] == "/registry/7000012050002/"


def test_bad_number_is_a_japanese_404_saying_why(client: Client) -> None:
    response = client.get("/registry/1000012050002/")
    assert response.status_code == 404
    text = text_of(response.content.decode())
    assert "法人が見つかりません" in text
    assert "法人番号のチェックディジット（先頭の1桁）が正しくありません" in text
    assert client.get("/registry/12345/").status_code == 404
    assert "法人番号は13桁です（入力は5桁です）。" in text_of(
        client.get("/registry/12345/").content.decode()
    )


def test_unknown_number_is_a_japanese_404(client: Client) -> None:
    response = client.get("/registry/5111101000006/")
    assert response.status_code == 404
    assert "法人番号 5111101000006 の法人は登録されていません。" in response.content.decode()


def test_deleted_corporation_is_a_404_saying_so(client: Client) -> None:
    CorporationFactory(corporate_number="8040001999013", is_deleted=True, process=Process.DELETION)
    response = client.get("/registry/8040001999013/")
    assert response.status_code == 404
    assert "国税庁により削除されています" in response.content.decode()


def test_corporation_excluded_from_search_is_shown_by_number(client: Client) -> None:
    CorporationFactory(corporate_number="1180301018771", name="非表示商事", hihyoji=True)
    response = client.get("/registry/1180301018771/")
    assert response.status_code == 200
    assert "この法人は名称での検索の対象外です" in response.content.decode()


def test_local_government_kind_label(client: Client) -> None:
    CorporationFactory(corporate_number="5111101000006", name="架空市", kind=Kind.LOCAL_GOVERNMENT)
    assert "法人種別 地方公共団体" in text_of(
        client.get("/registry/5111101000006/").content.decode()
    )


# --- in the browser -----------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_search_by_name_and_open_a_corporation_in_the_browser(
    page: Any, live_server: Any, merger: dict[str, Corporation]
) -> None:
    for i in range(3):
        CorporationFactory(name=f"窓口関連サービス{i}株式会社")
    page.goto(f"{live_server.url}/registry/")
    assert_accessible(page)
    page.get_by_label("法人名または法人番号").fill("まどぐちしょうじ")
    # htmx updates the results while typing, without submitting the form.
    result_link = page.locator("#search-results").get_by_role("link", name="窓口商事株式会社")
    result_link.wait_for()
    assert "q=" in page.url
    assert "「まどぐちしょうじ」に一致する法人は 1 件です。" in page.inner_text("#search-status")
    assert_accessible(page)
    result_link.click()
    page.wait_for_url(f"{live_server.url}/registry/7000012050002/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("窓口商事株式会社")
    assert page.locator("ol.timeline > li").count() == 3
    assert_accessible(page)
    page.set_viewport_size({"width": 375, "height": 800})  # a phone
    assert_accessible(page)
