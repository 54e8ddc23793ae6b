"""Our own JSON API: /api/v1/subsidies (paging, filters) and /api/v1/subsidies/{id}."""

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_list_pages_and_filters(client: Client, make_subsidy: Any) -> None:
    for index in range(3):
        make_subsidy(title=f"補助金{index}", target_area_search=["福岡県"])
    make_subsidy(title="北海道の補助金", target_area_search=["北海道"])
    body = client.get("/api/v1/subsidies", {"area": "九州・沖縄地方", "page_size": "2"}).json()
    assert body["count"] == 3 and body["num_pages"] == 2 and len(body["items"]) == 2
    page2 = client.get(
        "/api/v1/subsidies", {"area": "九州・沖縄地方", "page_size": "2", "page": "2"}
    ).json()
    assert len(page2["items"]) == 1
    item = body["items"][0]
    assert item["target_areas"] == ["福岡県"] and item["is_accepting"] is True
    assert len(item["id"]) == 18 and item["number"].startswith("S-")


def test_bad_parameters_get_japanese_messages(client: Client) -> None:
    response = client.get(
        "/api/v1/subsidies", {"page": "0", "area": "江戸", "purpose": "宇宙旅行", "sort": "random"}
    )
    assert response.status_code == 422
    fields = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert fields["page"] == "ページ（page）: 1 以上の整数で指定してください。"
    assert fields["area"].startswith("地域（area）")
    assert "「宇宙旅行」" in fields["purpose"]
    assert fields["sort"].startswith("並び順（sort）")


def test_detail(client: Client, make_subsidy: Any) -> None:
    subsidy = make_subsidy()
    body = client.get(f"/api/v1/subsidies/{subsidy.id}").json()
    assert (
        body["title"] == subsidy.title
        and body["documents"] == []
        and body["detail_html"].startswith("<p>")
    )
    missing = client.get("/api/v1/subsidies/nothing-here")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
