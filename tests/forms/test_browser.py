"""In Chromium: staff build a procedure with a condition, a business fills it in across pages, saves a
draft, resumes on another device, submits; staff return it, the business corrects it, staff approve."""

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from madoguchi.forms.enums import SubmissionStatus
from madoguchi.forms.models import Submission
from tests.conftest import assert_accessible
from tests.forms.conftest import make_business, make_staff
from tests.staff import make_division

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def logged_in(browser: Any, live_server: Any) -> Iterator[Callable[..., Any]]:
    """Open a page logged in as a user (session cookie); every context is closed afterwards, so that
    no request of this test reaches the live server after it ends."""
    contexts: list[Any] = []

    def open_page(_browser: Any, _live_server: Any, user: Any) -> Any:
        client = Client()
        client.force_login(user)
        context = browser.new_context(locale="ja-JP", timezone_id="Asia/Tokyo")
        contexts.append(context)
        context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def add_question(
    page: Any,
    page_title: str,
    kind: str,
    label: str,
    name: str,
    *,
    required: bool = False,
    condition: tuple[str, str] | None = None,
) -> None:
    page.get_by_role("link", name=f"「{page_title}」に質問を追加").click()
    page.get_by_label("質問の種類").select_option(kind)
    page.get_by_label("質問文（見出し）").fill(label)
    page.get_by_label("項目名（データの列名。半角英小文字・数字・_）").fill(name)
    if required:
        page.get_by_label("必須にする").check()
    if condition:
        page.get_by_label("条件", exact=True).select_option("show")
        page.get_by_label("条件にする項目").select_option(condition[0])
        page.get_by_label("値", exact=True).fill(condition[1])
    page.get_by_role("button", name="保存する").click()
    page.get_by_text(f"質問「{label}」を保存しました。").wait_for()


def test_build_fill_return_correct_approve(browser: Any, live_server: Any, logged_in: Any) -> None:
    first_group = Group.objects.create(name="文化振興課")
    second_group = Group.objects.create(name="総務課")
    builder = make_staff("builder", builder_of=make_division())
    first = make_staff("first", first_group)
    second = make_staff("second", second_group)
    business = make_business("prime@example.jp")

    # --- staff build the form in the builder --------------------------------------------------
    staff = logged_in(browser, live_server, builder)
    staff.goto(f"{live_server.url}/staff/forms/")
    staff.get_by_label("フォーム名").fill("イベント開催届")
    staff.get_by_role("button", name="作成する").click()
    staff.get_by_role("heading", name="イベント開催届", level=1).wait_for()
    add_question(staff, "入力", "short_text", "行事の名称", "event_name", required=True)
    add_question(staff, "入力", "yes_no", "参加費を徴収しますか", "paid", required=True)
    staff.locator("#page-title").fill("参加費")
    staff.locator("#page-cond-field").select_option("paid")
    staff.locator("#page-cond-value").fill("はい")
    staff.get_by_role("button", name="ページを追加").click()
    add_question(staff, "参加費", "yen", "参加費の額", "fee", required=True)
    staff.locator("#page-title").fill("確認事項")
    staff.get_by_role("button", name="ページを追加").click()
    add_question(staff, "確認事項", "consent", "注意事項に同意します", "consent", required=True)
    assert_accessible(staff)
    staff.get_by_role("link", name="プレビュー").click()
    staff.get_by_role("heading", name="入力", level=1).wait_for()
    assert_accessible(staff)
    staff.go_back()
    staff.get_by_role("button", name="第1版を公開する").click()
    staff.get_by_text("第1版を公開しました").wait_for()

    # --- the procedure: audience, two steps --------------------------------------------------
    staff.goto(f"{live_server.url}/staff/procedures/new/")
    staff.get_by_label("手続き名").fill("イベント開催届")
    staff.get_by_label("URL名（半角英数字とハイフン）").fill("event")
    staff.get_by_label("フォーム", exact=True).select_option(label="イベント開催届")
    staff.get_by_label("受付番号の接頭辞（英大文字）").fill("EV")
    staff.get_by_role("button", name="保存する").click()
    staff.get_by_text("手続きを保存しました。").wait_for()
    for name, group in (("担当課の確認", "文化振興課"), ("課長の決裁", "総務課")):
        staff.get_by_label("段階の名前（例: 担当課の確認）").fill(name)
        staff.get_by_label("担当グループ").select_option(label=group)
        staff.get_by_role("button", name="段階を追加").click()
        staff.get_by_text("審査の段階を追加しました。").wait_for()
    assert_accessible(staff)

    # --- a business fills it in; the condition brings in the fee page -----------------------
    user = logged_in(browser, live_server, business)
    user.set_viewport_size({"width": 390, "height": 844})  # a phone
    user.goto(f"{live_server.url}/procedures/")
    user.get_by_role("link", name="イベント開催届").click()
    user.get_by_role("button", name="申請を始める").click()
    user.get_by_role("heading", name="入力", level=1).wait_for()
    user.get_by_label("行事の名称").fill("地域交流フェスタ")
    with user.expect_response(refreshed):  # the answer drives a condition: htmx re-renders
        user.get_by_label("はい").check()
    user.get_by_role("button", name="次へ進む").click()
    user.get_by_role("heading", name="参加費", level=1).wait_for()  # shown because of はい
    assert_accessible(user)
    user.get_by_label("参加費の額").fill("abc")
    user.get_by_role("button", name="次へ進む").click()
    user.get_by_text(
        "「参加費の額」は円単位の整数（例: 150000）で入力してください。"
    ).first.wait_for()
    assert user.get_by_label("参加費の額").input_value() == "abc"  # nothing typed is lost
    assert_accessible(user)
    user.get_by_label("参加費の額").fill("1,000")
    user.get_by_role("button", name="一時保存").click()
    user.get_by_text("下書きを保存しました。").wait_for()

    # --- resume on another device ------------------------------------------------------------
    phone = logged_in(browser, live_server, business)
    phone.goto(f"{live_server.url}/procedures/my/")
    phone.get_by_role("link", name="イベント開催届").click()
    phone.get_by_role("link", name="続きを入力する").click()
    phone.get_by_role("button", name="次へ進む").click()
    phone.get_by_role("heading", name="参加費", level=1).wait_for()
    assert phone.get_by_label("参加費の額").input_value() == "1000"
    phone.get_by_role("button", name="次へ進む").click()
    phone.get_by_role("heading", name="確認事項", level=1).wait_for()
    phone.get_by_label("注意事項に同意します").check()
    phone.get_by_role("button", name="入力内容の確認へ").click()
    phone.get_by_role("heading", name="入力内容の確認", level=1).wait_for()
    assert "1,000円" in phone.content()
    assert_accessible(phone)
    phone.get_by_role("button", name="提出する").click()
    phone.get_by_role("heading", name="申請を受け付けました").wait_for()
    assert_accessible(phone)
    reference = phone.locator(".form-receipt__reference").inner_text()
    assert re.fullmatch(r"EV-\d{4}-000001", reference)
    submission = Submission.objects.get(reference=reference)

    # --- staff return it for correction ------------------------------------------------------
    reviewer = logged_in(browser, live_server, first)
    reviewer.goto(f"{live_server.url}/staff/procedures/event/")
    reviewer.get_by_role("link", name=reference).click()
    assert_accessible(reviewer)
    reviewer.get_by_label("差し戻す（修正を依頼）").check()
    reviewer.get_by_label("コメント（差戻し・却下では必須。申請者に伝わります）").fill(
        "参加費の額を確認してください。"
    )
    reviewer.get_by_role("button", name="処理を確定する").click()
    reviewer.get_by_text("処理しました。").wait_for()
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.RETURNED

    # --- the business corrects and resubmits -------------------------------------------------
    phone.goto(f"{live_server.url}/procedures/s/{submission.pk}/")
    phone.get_by_text("参加費の額を確認してください。").wait_for()
    phone.get_by_role("link", name="修正する").click()
    phone.get_by_role("button", name="次へ進む").click()
    phone.get_by_label("参加費の額").fill("500")
    phone.get_by_role("button", name="次へ進む").click()
    phone.get_by_role("button", name="入力内容の確認へ").click()
    phone.get_by_role("button", name="修正して再提出する").click()
    phone.get_by_role("heading", name="申請を受け付けました").wait_for()
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED and submission.data["fee"] == 500

    # --- two steps approve -------------------------------------------------------------------
    for staff_user in (first, second):
        page = logged_in(browser, live_server, staff_user)
        page.goto(f"{live_server.url}/staff/submissions/{submission.pk}/")
        page.get_by_label("承認する").check()
        page.get_by_role("button", name="処理を確定する").click()
        page.get_by_text("処理しました。").wait_for()
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.APPROVED
    phone.goto(f"{live_server.url}/procedures/s/{submission.pk}/")
    assert "承認" in phone.locator(".badge").first.inner_text()


def refreshed(response: Any) -> bool:
    return "/refresh/" in response.url and response.ok


def test_live_conditions_lookups_and_totals(browser: Any, live_server: Any, logged_in: Any) -> None:
    """htmx: the fee question appears on "yes", the postal code fills the address, totals add up."""
    from tests.forms.conftest import publish_procedure

    builder = make_staff("builder", builder_of=make_division())
    groups = (Group.objects.create(name="A"), Group.objects.create(name="B"))
    publish_procedure(builder, groups)
    business = make_business("prime@example.jp")
    page = logged_in(browser, live_server, business)
    page.goto(f"{live_server.url}/procedures/kouen/")
    page.get_by_role("button", name="申請を始める").click()
    page.get_by_role("button", name="次へ進む").click()
    page.get_by_role("heading", name="行事の内容", level=1).wait_for()
    url = page.url
    assert page.get_by_label("参加費（1人あたり）").count() == 0
    with page.expect_response(refreshed):
        page.get_by_role("group", name="参加費を徴収しますか").get_by_label("はい").check()
    page.get_by_label("参加費（1人あたり）").wait_for()  # appeared without leaving the page
    assert page.url == url
    page.get_by_label("会場の郵便番号").fill("1000001")
    with page.expect_response(refreshed):
        page.get_by_role("button", name="住所を自動入力").click()
    page.get_by_text("住所を入力しました: 東京都千代田区千代田").wait_for()
    assert page.get_by_label("会場の所在地").input_value() == "東京都千代田区千代田"
    page.get_by_label("費目（1行目）").fill("会場費")
    page.get_by_label("金額（円）（1行目）").fill("120000")
    with page.expect_response(refreshed):
        page.get_by_label("金額（円）（1行目）").blur()
    with page.expect_response(refreshed):
        page.get_by_role("button", name="行を追加").click()
    page.get_by_label("費目（2行目）").fill("謝金")
    page.get_by_label("金額（円）（2行目）").fill("30,000")
    with page.expect_response(refreshed):
        page.get_by_label("金額（円）（2行目）").blur()
    page.locator("output", has_text="150,000円").wait_for()
    assert_accessible(page)
