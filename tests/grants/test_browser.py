"""A business owner searches for a subsidy and opens it, in Chromium; both pages pass axe-core."""

from typing import Any

import pytest

from tests.conftest import assert_accessible


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_search_then_detail(live_server: Any, page: Any, make_subsidy: Any) -> None:
    make_subsidy(title="ＩｏＴ導入支援補助金", subsidy_max_limit=5_000_000)
    make_subsidy(title="雇用環境改善助成金")
    page.goto(f"{live_server.url}/subsidies/")
    assert_accessible(page)
    page.get_by_label("キーワード").fill("iot")
    page.get_by_label("いま募集中のものだけ").check()
    page.get_by_role("button", name="検索", exact=True).click()
    page.wait_for_url("**/subsidies/?q=iot*")
    assert page.locator(".grants-card").count() == 1
    assert "締切まであと" in page.locator(".grants-card").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="ＩｏＴ導入支援補助金").click()
    assert page.get_by_role("heading", level=1).inner_text() == "ＩｏＴ導入支援補助金"
    apply = page.get_by_role("link", name="申請する")
    assert apply.get_attribute("href").startswith("/applications/new/")
    assert "500万円" in page.content()
    assert_accessible(page)
    page.set_viewport_size({"width": 375, "height": 740})
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_staff_edit_and_preview_pages_are_accessible(
    live_server: Any, page: Any, make_subsidy: Any, officer: Any
) -> None:
    from django.test import Client

    subsidy = make_subsidy(publish=False)
    client = Client()
    client.force_login(officer)
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    page.goto(f"{live_server.url}/staff/subsidies/new/")
    assert_accessible(page)
    page.get_by_role("button", name="保存する").click()
    assert "補助金名: 入力してください。" in page.locator(".error-summary").inner_text()
    assert_accessible(page)
    page.goto(f"{live_server.url}/staff/subsidies/{subsidy.id}/")
    assert "職員用プレビュー（下書き）" in page.content()
    assert_accessible(page)
    page.get_by_role("button", name="公開する").click()
    assert "公開しました" in page.locator(".messages").inner_text()
