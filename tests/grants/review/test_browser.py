"""In Chromium: a reviewer scores on the scoring page; the officer opens the ranked table, sees the
budget line, selects applications and adopts them in bulk. Every page passes axe-core."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from madoguchi.grants.applications.enums import ApplicationStatus
from madoguchi.grants.applications.models import Application
from madoguchi.grants.review import services
from madoguchi.grants.review.enums import NoticeStatus
from madoguchi.grants.review.models import Notice
from tests.conftest import assert_accessible
from tests.grants.review.conftest import score_all

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def logged_in(browser: Any, live_server: Any, user: Any) -> Any:
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="ja-JP", timezone_id="Asia/Tokyo")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def test_score_then_rank_and_bulk_adopt(
    browser: Any,
    live_server: Any,
    criteria: list[Any],
    po: Any,
    reviewers: list[Any],
    make_application: Any,
    subsidy: Any,
) -> None:
    best = make_application("株式会社最優秀", 1_500_000)
    second = make_application("株式会社次点", 1_000_000)
    third = make_application("株式会社三番手", 900_000)
    services.review_setting_set(actor=po, subsidy=subsidy, budget=2_600_000)
    reviewer = reviewers[0]
    for application, values in ((second, [3, 6, 3]), (third, [1, 2, 1])):
        score_all(
            reviewer,
            services.reviewer_assign(actor=po, application=application, reviewer=reviewer),
            values,
        )
    assignment = services.reviewer_assign(actor=po, application=best, reviewer=reviewer)

    # --- the reviewer scores the best one on the page ------------------------------------------
    page = logged_in(browser, live_server, reviewer)
    page.goto(f"{live_server.url}/staff/review/mine/")
    assert_accessible(page)
    page.get_by_role("link", name=best.receipt_number).click()
    page.get_by_role("heading", level=1, name=f"{best.receipt_number}の評価").wait_for()
    page.get_by_label("事業の新規性（重み 3・0〜5点）").fill("5")
    page.get_by_label("実現可能性（重み 2・0〜10点）").fill("12")
    page.get_by_role("button", name="評価を確定する").click()
    page.get_by_text(
        "「実現可能性」の点数は0〜10の範囲で入力してください（入力された値: 12）。"
    ).first.wait_for()
    assert (
        page.get_by_label("事業の新規性（重み 3・0〜5点）").input_value() == "5"
    )  # nothing typed is lost
    assert_accessible(page)
    page.get_by_label("実現可能性（重み 2・0〜10点）").fill("10")
    page.get_by_label("政策への貢献（重み 1・0〜5点）").fill("4")
    page.get_by_label("事業の新規性のコメント").fill("独自性が高い")
    page.get_by_role("button", name="評価を確定する").click()
    page.get_by_text("評価を確定しました。").wait_for()
    assignment.refresh_from_db()
    assert assignment.submitted_at is not None

    # --- the officer: ranked table, budget line, bulk adopt ------------------------------------
    officer = logged_in(browser, live_server, po)
    officer.goto(f"{live_server.url}/staff/review/{subsidy.pk}/ranking/")
    officer.get_by_role("heading", level=1).wait_for()
    assert_accessible(officer)
    rows = officer.locator("table.review-ranking tbody tr")
    assert rows.count() == 3
    assert best.receipt_number in rows.nth(0).inner_text()
    assert second.receipt_number in rows.nth(1).inner_text()
    assert "予算超過" in rows.nth(2).inner_text() and "予算超過" not in rows.nth(1).inner_text()
    officer.get_by_label(f"{best.receipt_number}を選ぶ").check()
    officer.get_by_label(f"{second.receipt_number}を選ぶ").check()
    officer.get_by_role("button", name="選んだ申請を採択する").click()
    officer.get_by_text("2 件の採否を決定しました。").wait_for()
    assert_accessible(officer)
    assert officer.locator("table.review-ranking tbody tr").count() == 1
    assert {a.status for a in Application.objects.filter(pk__in=[best.pk, second.pk])} == {
        ApplicationStatus.ADOPTED
    }
    assert {n.status for n in Notice.objects.all()} == {
        NoticeStatus.READY
    }  # rendered after the commit

    # --- the overview shows the new counts; narrow screen stays accessible ----------------------
    officer.goto(f"{live_server.url}/staff/review/{subsidy.pk}/")
    assert officer.locator('[data-status="adopted"]').inner_text() == "2"
    assert_accessible(officer)
    officer.set_viewport_size({"width": 375, "height": 740})
    officer.goto(f"{live_server.url}/staff/review/{subsidy.pk}/ranking/")
    assert_accessible(officer)
