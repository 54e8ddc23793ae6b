"""The jGrants-compatible API: every parameter's validation, the error bodies, and the responses checked
against the official specification (../shared/reference/specs/jgrants-api-v1.yaml) with jsonschema."""

import base64
import copy
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from django.test import Client

from madoguchi.grants import services
from madoguchi.grants.enums import TARGET_AREAS, EmployeeBracket, Industry, UsePurpose
from tests.grants.conftest import pdf_upload

pytestmark = pytest.mark.django_db

SPEC_PATH = (
    Path(__file__).resolve().parent / "data" / "jgrants-api-v1.yaml"
)  # the official spec, verbatim
LIST = "/exp/v1/public/subsidies"
VALID = {"keyword": "補助金", "sort": "created_date", "order": "DESC", "acceptance": "0"}
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
SPEC_URL = "https://anypoint.mulesoft.com/exchange/497c75e7-5d6a-48b3-a39b-4105316f61f0/exp-public/"


def _spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))


def _json_schema(definition: str) -> dict[str, Any]:
    """The spec's definition as JSON Schema: x-amf-union (a RAML union with null) becomes anyOf."""
    definitions = copy.deepcopy(_spec()["definitions"])

    def convert(node: Any) -> Any:
        if isinstance(node, dict):
            if "x-amf-union" in node:
                node = {**node, "anyOf": node.pop("x-amf-union")}
            return {key: convert(value) for key, value in node.items()}
        if isinstance(node, list):
            return [convert(item) for item in node]
        return node

    definitions = convert(definitions)
    return {"$ref": f"#/definitions/{definition}", "definitions": definitions}


def _validate(body: Any, definition: str) -> None:
    jsonschema.validate(body, _json_schema(definition), format_checker=jsonschema.FormatChecker())


def _spec_properties(definition: str) -> set[str]:
    return set(_spec()["definitions"][definition]["properties"])


@pytest.fixture
def subsidy(make_subsidy: Any, officer: Any) -> Any:
    subsidy = make_subsidy(title="ＩｏＴ導入補助金", target_area_search=["東京都", "大阪府"])
    services.subsidy_document_add(
        actor=officer,
        subsidy=subsidy,
        kind="application_guidelines",
        upload=pdf_upload("公募要領.pdf"),
    )
    services.subsidy_document_add(
        actor=officer,
        subsidy=subsidy,
        kind="application_form",
        upload=pdf_upload("様式第1号.pdf", b"%PDF-1.7 form"),
    )
    return subsidy


def test_list_matches_the_spec(client: Client, subsidy: Any) -> None:
    response = client.get(LIST, {**VALID, "keyword": "iot"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    _validate(body, "subsidy-summaries-response")
    assert body["metadata"] == {"type": SPEC_URL, "resultset": {"count": 1}}
    item = body["result"][0]
    assert set(item) == _spec_properties("type")
    assert item["id"] == subsidy.id and item["name"] == subsidy.name
    assert item["target_area_search"] == "東京都 / 大阪府"
    assert DATETIME.match(item["acceptance_start_datetime"]) and DATETIME.match(
        item["acceptance_end_datetime"]
    )
    assert item["subsidy_max_limit"] == 2_000_000
    assert item["target_number_of_employees"] == "20名以下"


def test_keyword_folding(client: Client, subsidy: Any) -> None:
    for keyword in ("IoT", "IOT", "ＩｏＴ", "iot導入", "補助"):
        assert (
            client.get(LIST, {**VALID, "keyword": keyword}).json()["metadata"]["resultset"]["count"]
            == 1
        ), keyword


@pytest.mark.parametrize("missing", ["keyword", "sort", "order", "acceptance"])
def test_every_required_parameter(client: Client, missing: str) -> None:
    params = {k: v for k, v in VALID.items() if k != missing}
    response = client.get(LIST, params)
    assert response.status_code == 400
    assert response.json() == {"message": "Bad request"}
    assert client.get(LIST, {**params, missing: ""}).status_code == 400


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("sort", "created_at"),
        ("sort", "CREATED_DATE"),
        ("order", "asc"),
        ("order", "DOWN"),
        ("acceptance", "2"),
        ("acceptance", "true"),
        ("keyword", "補助 金"),
        ("keyword", "補助\u3000金"),
        ("keyword", "あ" * 256),
        ("use_purpose", "宇宙旅行をしたい"),
        ("use_purpose", "新たな事業を行いたい/事業を引き継ぎたい"),  # the separator is " / "
        ("use_purpose", "新たな事業を行いたい / "),
        ("industry", "製造"),
        ("industry", "製造業 / 海賊業"),
        ("target_number_of_employees", "10名以下"),
        ("target_number_of_employees", "５名以下"),
        ("target_area_search", "東京"),
        ("target_area_search", "東京都 / 大阪府"),
    ],
)
def test_invalid_values_answer_bad_request(client: Client, name: str, value: str) -> None:
    response = client.get(LIST, {**VALID, name: value})
    assert response.status_code == 400, (name, value)
    assert response.json() == {"message": "Bad request"}


def test_every_allowed_value_is_accepted(client: Client) -> None:
    for name, values in (
        ("sort", ["created_date", "acceptance_start_datetime", "acceptance_end_datetime"]),
        ("order", ["ASC", "DESC"]),
        ("acceptance", ["0", "1"]),
        ("use_purpose", UsePurpose.values),
        ("industry", Industry.values),
        ("target_number_of_employees", EmployeeBracket.values),
        ("target_area_search", list(TARGET_AREAS)),
    ):
        for value in values:
            assert client.get(LIST, {**VALID, name: value}).status_code == 200, (name, value)
    assert len(UsePurpose.values) == 15 and len(Industry.values) == 20
    assert len(EmployeeBracket.values) == 8 and len(TARGET_AREAS) == 56
    spec_params = {p["name"]: p for p in _spec()["paths"]["/subsidies"]["get"]["parameters"]}
    assert spec_params["target_area_search"]["enum"] == list(TARGET_AREAS)
    assert spec_params["target_number_of_employees"]["enum"] == EmployeeBracket.values
    for name, vocabulary in (("use_purpose", UsePurpose.values), ("industry", Industry.values)):
        listed = [part.strip() for part in spec_params[name]["description"].split("<br>・")[1:]]
        assert listed == vocabulary, name
    joined = " / ".join(UsePurpose.values[:3])
    assert client.get(LIST, {**VALID, "use_purpose": joined}).status_code == 200


def test_multiple_values_joined_by_the_separator(client: Client, make_subsidy: Any) -> None:
    make_subsidy(title="承継補助金", use_purpose=["事業を引き継ぎたい"])
    make_subsidy(title="研究補助金", use_purpose=["研究開発・実証事業を行いたい"])
    body = client.get(
        LIST, {**VALID, "use_purpose": "事業を引き継ぎたい / 研究開発・実証事業を行いたい"}
    ).json()
    assert body["metadata"]["resultset"]["count"] == 2


def test_one_character_keyword_finds_nothing(client: Client, subsidy: Any) -> None:
    response = client.get(LIST, {**VALID, "keyword": "補"})
    assert response.status_code == 200
    assert response.json() == {
        "metadata": {"type": SPEC_URL, "resultset": {"count": 0}},
        "result": [],
    }


def test_acceptance_and_order(client: Client, make_subsidy: Any) -> None:
    import datetime as dt

    from tests.grants.conftest import NOW

    make_subsidy(
        title="過去の補助金",
        acceptance_start_datetime=NOW - dt.timedelta(days=60),
        acceptance_end_datetime=NOW - dt.timedelta(days=30),
        project_end_deadline=None,
    )
    make_subsidy(title="現在の補助金")
    accepting = client.get(LIST, {**VALID, "acceptance": "1"}).json()
    assert [r["title"] for r in accepting["result"]] == ["現在の補助金"]
    ascending = client.get(
        LIST, {**VALID, "sort": "acceptance_end_datetime", "order": "ASC"}
    ).json()
    assert [r["title"] for r in ascending["result"]] == ["過去の補助金", "現在の補助金"]


def test_detail_v1_matches_the_spec_with_base64_files(client: Client, subsidy: Any) -> None:
    response = client.get(f"/exp/v1/public/subsidies/id/{subsidy.id}")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    _validate(body, "subsidy-details-response")
    assert body["metadata"]["resultset"]["count"] == 1
    item = body["result"][0]
    assert set(item) == _spec_properties("type_1")
    assert base64.b64decode(item["application_guidelines"][0]["data"]).startswith(b"%PDF-1.4")
    assert item["application_guidelines"][0]["name"] == "公募要領.pdf"
    assert base64.b64decode(item["application_form"][0]["data"]) == b"%PDF-1.7 form"
    assert item["outline_of_grant"] == []
    assert item["request_reception_presence"] == "有"
    assert item["is_enable_multiple_request"] is False
    assert item["front_subsidy_detail_page_url"].endswith(f"/subsidies/{subsidy.id}/")
    assert DATETIME.match(item["project_end_deadline"])
    assert item["detail"] == "<p>小規模事業者の販路開拓を支援します。</p>"


def test_detail_v2_moves_dates_into_workflow(client: Client, subsidy: Any) -> None:
    body = client.get(f"/exp/v2/public/subsidies/id/{subsidy.id}").json()
    item = body["result"][0]
    for moved in (
        "target_area_search",
        "target_area_detail",
        "acceptance_start_datetime",
        "acceptance_end_datetime",
        "project_end_deadline",
    ):
        assert moved not in item
    assert item["granttype"] == "補助金"
    assert item["institution_name"] == "中小企業庁"
    (workflow,) = item["workflow"]
    assert set(workflow) == {
        "id",
        "target_area_search",
        "target_area_detail",
        "fiscal_year_round",
        "acceptance_start_datetime",
        "acceptance_end_datetime",
        "project_end_deadline",
    }
    assert workflow["target_area_search"] == "東京都 / 大阪府"
    assert DATETIME.match(workflow["acceptance_end_datetime"])


def test_v2_list_filters_and_returns_the_institution(client: Client, make_subsidy: Any) -> None:
    make_subsidy(title="県の補助金", institution_name="長野県産業労働部")
    make_subsidy(title="国の補助金")
    body = client.get("/exp/v2/public/subsidies", {**VALID, "institution_name": "長野県"}).json()
    assert [(r["title"], r["institution_name"]) for r in body["result"]] == [
        ("県の補助金", "長野県産業労働部")
    ]


def test_unknown_too_long_draft_and_withdrawn_ids(
    client: Client, make_subsidy: Any, officer: Any
) -> None:
    draft = make_subsidy(publish=False)
    withdrawn = services.subsidy_withdraw(actor=officer, subsidy=make_subsidy())
    for subsidy_id in ("S0J0w00wer0wUgr77E", draft.id, withdrawn.id):
        for version in (1, 2):
            response = client.get(f"/exp/v{version}/public/subsidies/id/{subsidy_id}")
            assert response.status_code == 404
            assert response.json() == {"message": "Resource not found"}
    response = client.get("/exp/v1/public/subsidies/id/" + "a" * 19)
    assert response.status_code == 400 and response.json() == {"message": "Bad request"}
    assert client.get("/exp/v1/public/nothing").json() == {"message": "Resource not found"}


def test_other_methods_and_cors_preflight(client: Client) -> None:
    response = client.post(LIST, VALID)
    assert response.status_code == 405 and response.json() == {"message": "Method not allowed"}
    preflight = client.options(
        LIST, HTTP_ORIGIN="https://example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]


def test_server_error_body(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    from madoguchi.grants import selectors

    def boom(**kwargs: Any) -> None:
        raise RuntimeError("database down")

    monkeypatch.setattr(selectors, "subsidy_search", boom)
    response = client.get(LIST, VALID)
    assert response.status_code == 500
    body = response.json()
    _validate(body, "500-error-response")
    assert body == {
        "type": SPEC_URL,
        "errorCode": "E-ML-9999",
        "title": "Internal Server Error",
        "instance": LIST,
    }


def test_list_cache_serves_repeats_and_sees_changes(
    client: Client, make_subsidy: Any, officer: Any, settings: Any
) -> None:
    from madoguchi.grants import response_cache
    from tests.grants.conftest import subsidy_input

    settings.GRANTS_API_CACHE = True
    response_cache.list_cache.clear()
    response_cache.catalogue_state.forget()
    subsidy = make_subsidy(title="キャッシュ補助金")
    first = client.get(LIST, VALID).content
    assert client.get(LIST, VALID).content == first
    services.subsidy_update(
        actor=officer, subsidy=subsidy, data=subsidy_input(title="更新後の補助金")
    )
    response_cache.catalogue_state.forget()  # what a second's wait does
    assert "更新後の補助金" in client.get(LIST, VALID).content.decode()
    response_cache.list_cache.clear()
