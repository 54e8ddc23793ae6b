"""The JSON API: /api/v1/corporations (search) and /api/v1/corporations/{number} (one, with history)."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from madoguchi.registry import selectors
from madoguchi.registry.enums import CloseCause, Kind, Process
from tests.registry.factories import CorporationFactory, version_of

pytestmark = pytest.mark.django_db


def get(client: Client, url: str, **params: Any) -> tuple[int, Any]:
    response = client.get(url, params)
    return response.status_code, response.json()


@pytest.fixture
def corporations() -> None:
    current = CorporationFactory(
        corporate_number="7000012050002",
        name="窓口商事株式会社",
        furigana="マドグチショウジ",
        en_name="Madoguchi Trading Co., Ltd.",
        process=Process.NAME_CHANGE,
        change_date=dt.date(2020, 4, 1),
        update_date=dt.date(2020, 4, 3),
    )
    version_of(
        current,
        name="窓口物産株式会社",
        process=Process.NEW,
        change_date=dt.date(2015, 10, 5),
        update_date=dt.date(2015, 10, 5),
        latest=False,
    )
    version_of(current)
    CorporationFactory(
        corporate_number="4000012090001",
        name="窓口販売株式会社",
        furigana="マドグチハンバイ",
        kind=Kind.YUGEN_KAISHA,
        prefecture_code="27",
        prefecture_name="大阪府",
        city_code="127",
        city_name="大阪市北区",
        close_date=dt.date(2023, 3, 31),
        close_cause=CloseCause.MERGER,
        successor_corporate_number="7000012050002",
    )


# --- search -------------------------------------------------------------------------------------


def test_search_returns_a_page_of_corporations(client: Client, corporations: None) -> None:
    status, body = get(client, "/api/v1/corporations", name="まどぐち")
    assert status == 200
    assert {k: body[k] for k in ("count", "count_is_capped", "page", "page_size", "num_pages")} == {
        "count": 2,
        "count_is_capped": False,
        "page": 1,
        "page_size": selectors.SEARCH_PAGE_SIZE,
        "num_pages": 1,
    }
    # Both match by reading only and have names of the same length: by number.
    assert [item["corporate_number"] for item in body["items"]] == [
        "4000012090001",
        "7000012050002",
    ]
    first = body["items"][1]
    assert first["name"] == "窓口商事株式会社"
    assert first["kind"] == "301" and first["kind_label"] == "株式会社"
    assert first["process_label"] == "商号又は名称の変更"
    assert first["address"]["text"] == "東京都千代田区霞が関１丁目３－１"
    assert first["address"]["post_code"] == "1000013"
    assert first["change_date"] == "2020-04-01"
    assert first["close_date"] is None and first["is_closed"] is False
    assert first["url"] == "/registry/7000012050002/"


def test_search_filters(client: Client, corporations: None) -> None:
    def numbers(**params: str) -> list[str]:
        status, body = get(client, "/api/v1/corporations", name="まどぐち", **params)
        assert status == 200, body
        return [item["corporate_number"] for item in body["items"]]

    assert numbers(prefecture="27") == ["4000012090001"]
    assert numbers(prefecture="27", city="100") == ["4000012090001"]  # 大阪市 includes 北区
    assert numbers(kind="302") == ["4000012090001"]
    assert numbers(status="closed") == ["4000012090001"]
    assert numbers(status="open") == ["7000012050002"]


def test_search_pages(client: Client) -> None:
    for i in range(5):
        CorporationFactory(name=f"株式会社頁{i}")
    status, body = get(client, "/api/v1/corporations", name="頁", page="3", page_size="2")
    assert status == 200
    assert (body["count"], body["num_pages"], body["page"], len(body["items"])) == (5, 3, 3, 1)


def test_search_by_number(client: Client, corporations: None) -> None:
    status, body = get(client, "/api/v1/corporations", name="７０００-０１２０-５０００２")
    assert status == 200
    assert [item["name"] for item in body["items"]] == ["窓口商事株式会社"]


def test_search_without_a_name_is_refused_in_japanese(client: Client) -> None:
    status, body = get(client, "/api/v1/corporations")
    assert status == 422
    assert body["code"] == "invalid"
    assert body["errors"] == [
        {
            "field": "name",
            "code": "query_empty",
            "message": "名称（name）を指定してください（法人名の一部または法人番号）。",
        }
    ]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        (
            {"prefecture": "48"},
            "prefecture",
            "都道府県コード（prefecture）は 01〜47 の2桁の都道府県コードで指定してください（「48」は都道府県コードではありません）。",
        ),
        (
            {"prefecture": "13", "city": "999"},
            "city",
            "市区町村コード（city）は3桁の市区町村コードで指定してください（「999」は東京都の市区町村コードではありません）。",
        ),
        (
            {"city": "101"},
            "city",
            "市区町村コード（city）を指定するときは、都道府県コード（prefecture）も指定してください。",
        ),
        (
            {"status": "gone"},
            "status",
            "閉鎖の有無（status）は all（すべて）、open（閉鎖されていない法人）、closed（閉鎖された法人）のいずれかで指定してください（「gone」は指定できません）。",
        ),
        (
            {"page": "abc"},
            "page",
            "ページ（page）は1以上の整数で指定してください（「abc」は指定できません）。",
        ),
        (
            {"page_size": "101"},
            "page_size",
            "1ページの件数（page_size）は100以下で指定してください。",
        ),
        ({"page": "9" * 5000}, "page", "ページ（page）が大きすぎます（6桁まで）。"),
        (
            {"name": "1000012050002"},
            "name",
            "法人番号（name）のチェックディジット（先頭の1桁）が正しくありません（残り12桁から計算すると 7 になります）。番号をご確認ください。",
        ),
    ],
)
def test_bad_parameters_get_422_with_japanese_messages(
    client: Client, params: dict[str, str], field: str, message: str
) -> None:
    status, body = get(client, "/api/v1/corporations", **{"name": "山田", **params})
    assert status == 422
    assert [(e["field"], e["message"]) for e in body["errors"]] == [(field, message)]
    assert body["message"] == "入力内容に誤りがあります。" + message


def test_bad_kind_lists_the_codes(client: Client) -> None:
    status, body = get(client, "/api/v1/corporations", name="山田", kind="300")
    assert status == 422
    assert body["errors"][0]["field"] == "kind"
    assert body["errors"][0]["message"].startswith(
        "法人種別（kind）は次のコードのいずれかで指定してください: 101（国の機関）、"
    )


def test_several_bad_parameters_are_all_reported(client: Client) -> None:
    status, body = get(client, "/api/v1/corporations", name="山田", kind="x", page="0")
    assert status == 422
    assert [e["field"] for e in body["errors"]] == ["kind", "page"]


# --- one corporation ----------------------------------------------------------------------------


def test_detail_has_the_history_and_the_merged_corporations(
    client: Client, corporations: None
) -> None:
    status, body = get(client, "/api/v1/corporations/7000012050002")
    assert status == 200
    assert body["name"] == "窓口商事株式会社"
    assert body["en_name"] == "Madoguchi Trading Co., Ltd."
    assert [(v["change_date"], v["process"], v["name"]) for v in body["history"]] == [
        ("2015-10-05", "01", "窓口物産株式会社"),
        ("2020-04-01", "11", "窓口商事株式会社"),
    ]
    assert body["successor"] is None
    assert body["predecessors"] == [
        {
            "corporate_number": "4000012090001",
            "name": "窓口販売株式会社",
            "close_date": "2023-03-31",
            "url": "/registry/4000012090001/",
        }
    ]


def test_detail_of_a_closed_corporation_names_its_successor(
    client: Client, corporations: None
) -> None:
    status, body = get(client, "/api/v1/corporations/4000012090001")
    assert status == 200
    assert body["is_closed"] is True
    assert (body["close_cause"], body["close_cause_label"]) == ("11", "合併による解散等")
    assert body["successor"]["corporate_number"] == "7000012050002"
    assert body["successor"]["name"] == "窓口商事株式会社"


def test_detail_folds_full_width_digits(client: Client, corporations: None) -> None:
    status, body = get(client, "/api/v1/corporations/７０００-０１２０-５０００２")
    assert status == 200
    assert body["corporate_number"] == "7000012050002"


def test_detail_with_a_wrong_check_digit_is_422(client: Client) -> None:
    status, body = get(client, "/api/v1/corporations/1000012050002")
    assert status == 422
    assert body["errors"] == [
        {
            "field": "number",
            "code": "wrong_check_digit",
            "message": "法人番号（number）のチェックディジット（先頭の1桁）が正しくありません"
            "（残り12桁から計算すると 7 になります）。番号をご確認ください。",
        }
    ]


def test_detail_with_letters_is_422(client: Client) -> None:
    status, body = get(client, "/api/v1/corporations/abc")
    assert status == 422
    assert body["errors"][0]["message"] == (
        "法人番号（number）は数字だけで入力してください（数字以外の文字が含まれています）。"
    )


def test_unknown_number_is_404_in_japanese(client: Client) -> None:
    status, body = get(client, "/api/v1/corporations/5111101000006")
    assert status == 404
    assert body == {
        "code": "not_found",
        "message": "法人番号 5111101000006 の法人は登録されていません。",
        "errors": [],
    }


def test_deleted_corporation_is_404(client: Client) -> None:
    CorporationFactory(corporate_number="8040001999013", is_deleted=True, process=Process.DELETION)
    status, body = get(client, "/api/v1/corporations/8040001999013")
    assert status == 404
    assert "削除されています" in body["message"]


# --- the OpenAPI document -----------------------------------------------------------------------


def test_control_characters_are_refused_before_the_api_with_400(client: Client) -> None:
    """The edge (portal.edge) refuses them for every endpoint, in this API's error shape."""
    status, body = get(client, "/api/v1/corporations", name="山田\x07")
    assert status == 400
    assert body["errors"] == [
        {
            "field": "name",
            "code": "control_character",
            "message": "パラメーター「name」に使用できない文字（NUL 文字などの制御文字）が含まれています。",
        }
    ]


def test_openapi_document_describes_parameters_and_responses(client: Client) -> None:
    document = client.get("/api/v1/openapi.json").json()
    search = document["paths"]["/api/v1/corporations"]["get"]
    parameters = {p["name"]: p for p in search["parameters"]}
    assert set(parameters) == {"name", "prefecture", "city", "kind", "status", "page", "page_size"}
    assert all(p.get("description") for p in parameters.values())
    assert parameters["page"]["schema"]["type"] == "integer"
    assert parameters["kind"]["schema"]["enum"][:2] == ["101", "201"]
    assert set(search["responses"]) == {"200", "400", "422"}
    detail = document["paths"]["/api/v1/corporations/{number}"]["get"]
    assert set(detail["responses"]) == {"200", "400", "404", "422"}
    assert detail["summary"] == "法人番号で法人を取得する（変更履歴つき）"
    assert client.get("/api/v1/docs").status_code == 200
