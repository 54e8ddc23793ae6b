"""One application from draft to paid in Chromium: the applicant (a Prime) on the applicant pages, a
programme officer on the staff and review pages, and a reviewer scoring on the review pages; every
page checked with axe."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from madoguchi.grants.applications.enums import ApplicationStatus
from madoguchi.grants.applications.models import Application
from madoguchi.identity.enums import StaffRole
from tests.conftest import assert_accessible
from tests.grants.review.conftest import make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def logged_in(browser: Any, base: str, user: Any) -> Any:
    """A browser context carrying a session of ``user`` (login itself is tested by identity)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="ja-JP", timezone_id="Asia/Tokyo")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def officer_does(
    page: Any,
    base: str,
    application: Application,
    button: str,
    *,
    amount: str = "",
    message: str = "",
) -> None:
    page.goto(f"{base}/staff/applications/{application.pk}/")
    form = page.locator(
        "form.applications-action", has=page.get_by_role("button", name=button, exact=True)
    )
    if amount:
        form.get_by_label("金額（円）").fill(amount)
    if message:
        form.get_by_label("申請者へのメッセージ").fill(message)
    form.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()
    expect(page.get_by_text(f"「{button}」を行いました。")).to_be_visible()


def applicant_stage(
    page: Any, base: str, application: Application, link: str, answers: dict[str, str], submit: str
) -> None:
    page.goto(f"{base}/applications/{application.pk}/")
    page.get_by_role("link", name=link).click()
    for label, value in answers.items():
        page.get_by_label(label, exact=False).first.fill(value)
    page.get_by_role("button", name="次へ進む").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="入力内容の確認")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name=submit).click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="受け付けました")).to_be_visible()


def test_one_application_from_draft_to_paid(
    live_server: Any,
    browser: Any,
    prime: Any,
    programme_officer: Any,
    subsidy: Any,
    stage_versions: Any,
) -> None:
    base = live_server.url
    reviewer = make_staff("reviewer-e2e", StaffRole.REVIEWER, last_name="審査員")
    reviewer.first_name = "一郎"
    reviewer.save(update_fields=["first_name"])
    # The programme officer's role (in the subsidy's division) carries the review rights too.
    applicant = logged_in(browser, base, prime)
    officer = logged_in(browser, base, programme_officer)

    # Applicant: start, basics, the three pages of the application form, check, submit.
    applicant.goto(f"{base}/applications/new/{subsidy.pk}/")
    assert_accessible(applicant)
    applicant.get_by_label("事業計画名").fill("展示会への出展による販路開拓")
    applicant.get_by_label("申請額（円）").fill("1,000,000")
    applicant.get_by_role("button", name="申請書の作成を始める").click()
    applicant.get_by_role("button", name="次へ進む").click()
    expect(applicant.get_by_role("heading", name="申請者の情報")).to_be_visible()
    assert applicant.get_by_label("事業者名").input_value() == "株式会社窓口商事"  # prefilled
    assert_accessible(applicant)
    applicant.get_by_role("button", name="次へ進む").click()
    applicant.get_by_role(
        "button", name="次へ進む"
    ).click()  # nothing typed: errors name the fields
    expect(applicant.get_by_role("alert")).to_contain_text("事業の内容")
    assert_accessible(applicant)
    applicant.get_by_label("事業の内容").fill("展示会に出展し、新しい取引先を開拓します。")
    applicant.get_by_label("補助事業に要する経費の総額（円）").fill("1500000")
    applicant.get_by_label("事業計画書（PDF、任意）").set_input_files(
        {"name": "計画書.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}
    )
    applicant.get_by_role("button", name="次へ進む").click()
    applicant.get_by_label("申請内容に偽りがないこと", exact=False).check()
    applicant.get_by_role("button", name="次へ進む").click()
    expect(applicant.get_by_role("heading", name="入力内容の確認")).to_be_visible()
    assert "計画書.pdf" in applicant.content()
    assert_accessible(applicant)
    applicant.get_by_role("button", name="申請する", exact=True).click()
    applicant.wait_for_load_state()
    expect(applicant.get_by_role("heading", name="受け付けました")).to_be_visible()
    application = Application.objects.get()
    assert application.receipt_number and application.receipt_number in applicant.content()
    assert_accessible(applicant)

    # Officer: the list per subsidy with its state filter, then return with a message.
    officer.goto(f"{base}/staff/applications/subsidies/{subsidy.pk}/?status=submitted")
    expect(officer.get_by_role("link", name=application.receipt_number)).to_be_visible()
    assert_accessible(officer)
    officer_does(officer, base, application, "差し戻す", message="経費の内訳を書き足してください。")
    assert_accessible(officer)

    # Applicant: sees the message in the timeline, corrects and resubmits.
    applicant.goto(f"{base}/applications/{application.pk}/")
    assert "経費の内訳を書き足してください。" in applicant.content()
    assert_accessible(applicant)
    applicant.get_by_role("link", name="修正して再申請する").click()
    applicant.get_by_role("button", name="次へ進む").click()
    applicant.get_by_role("button", name="次へ進む").click()
    applicant.get_by_label("期待される効果").fill(
        "取引先を10社増やします（内訳: 出展料80万円、旅費20万円）。"
    )
    applicant.get_by_role("button", name="次へ進む").click()
    applicant.get_by_role("button", name="次へ進む").click()
    applicant.get_by_label("担当者へのメッセージ（任意）").fill("内訳を書き足しました。")
    applicant.get_by_role("button", name="修正して再申請する").click()
    applicant.wait_for_load_state()
    expect(applicant.get_by_role("heading", name="受け付けました")).to_be_visible()

    # Officer: weighted criteria and the budget on the review set-up page.
    officer.goto(f"{base}/staff/review/{subsidy.pk}/setup/")
    expect(officer.get_by_role("heading", level=1)).to_contain_text("評価項目と予算")
    assert_accessible(officer)
    for row, (name, weight, max_score) in enumerate(
        (("事業の新規性", "3", "5"), ("実現可能性", "2", "10")), start=1
    ):
        officer.get_by_label(f"{row}行目の評価項目名").fill(name)
        officer.get_by_label(f"{row}行目の重み").fill(weight)
        officer.get_by_label(f"{row}行目の満点").fill(max_score)
    officer.get_by_role("button", name="評価項目を保存する").click()
    expect(officer.get_by_text("評価項目を保存しました。")).to_be_visible()
    officer.get_by_label("予算額（円）").fill("3,000,000")
    officer.get_by_label("通知の発出者", exact=False).fill("窓口庁長官")
    officer.get_by_role("button", name="予算と通知書の設定を保存する").click()
    expect(officer.get_by_text("予算と通知書の設定を保存しました。")).to_be_visible()
    expect(officer.get_by_label("予算額（円）")).to_have_value("3000000")
    assert_accessible(officer)

    # Officer: start the review and assign the reviewer on the assignment page.
    officer.goto(f"{base}/staff/review/{subsidy.pk}/assign/")
    officer.get_by_label(f"{application.receipt_number}の審査を開始").check()
    officer.get_by_role("button", name="選んだ申請の審査を開始する").click()
    expect(officer.get_by_text("1 件の審査を開始しました。")).to_be_visible()
    officer.get_by_label(f"{application.receipt_number}に割り当てる審査員").select_option(
        str(reviewer.pk)
    )
    officer.get_by_role("button", name="割り当てる", exact=True).click()
    expect(officer.get_by_text("審査員を割り当てました。")).to_be_visible()
    expect(officer.locator("table.review-assign tbody tr").first).to_contain_text("審査員 一郎")
    expect(officer.locator("table.review-assign tbody tr").first).to_contain_text("評価待ち")
    assert_accessible(officer)

    # Reviewer: the queue, every criterion scored with a comment, finalised.
    reviewing = logged_in(browser, base, reviewer)
    reviewing.goto(f"{base}/staff/review/mine/")
    expect(reviewing.get_by_role("heading", level=1, name="自分の審査")).to_be_visible()
    assert_accessible(reviewing)
    reviewing.get_by_role("link", name=application.receipt_number).click()
    expect(
        reviewing.get_by_role("heading", level=1, name=f"{application.receipt_number}の評価")
    ).to_be_visible()
    assert_accessible(reviewing)
    reviewing.get_by_label("事業の新規性（重み 3・0〜5点）").fill("4")
    reviewing.get_by_label("事業の新規性のコメント").fill("出展先の選び方に工夫がある。")
    reviewing.get_by_label("実現可能性（重み 2・0〜10点）").fill("8")
    reviewing.get_by_label("実現可能性のコメント").fill("経費の内訳が具体的で実現できる。")
    reviewing.get_by_label("総評").fill("採択に値します。")
    reviewing.get_by_role("button", name="評価を確定する").click()
    expect(reviewing.get_by_text("評価を確定しました。")).to_be_visible()
    expect(reviewing.get_by_text("確定済み")).to_be_visible()
    assert_accessible(reviewing)
    reviewing.context.close()

    # Officer: the ranked table with the score and the running total, then the bulk adoption.
    officer.goto(f"{base}/staff/review/{subsidy.pk}/ranking/")
    rows = officer.locator("table.review-ranking tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(application.receipt_number)
    # (3 × 4/5 + 2 × 8/10) ÷ 5 × 100 = 80
    expect(rows.first.locator(".review-total")).to_have_text("80.00")
    expect(rows.first).to_contain_text("審査員 一郎: 80.00")
    expect(rows.first.locator(".review-running")).to_have_text("1,000,000円")
    expect(officer.locator(".review-budget")).to_contain_text("3,000,000円")
    assert_accessible(officer)
    officer.get_by_label(f"{application.receipt_number}を選ぶ").check()
    officer.get_by_role("button", name="選んだ申請を採択する").click()
    expect(officer.get_by_text("1 件の採否を決定しました。")).to_be_visible()
    expect(officer.locator(".review-budget")).to_contain_text("2,000,000円")  # remaining
    assert_accessible(officer)

    # Applicant: the 採択通知 (a PDF rendered after the commit) from the application page.
    applicant.goto(f"{base}/applications/{application.pk}/")
    notice = applicant.get_by_role("link", name="採択通知（PDF）")
    expect(notice).to_be_visible()
    assert_accessible(applicant)
    with applicant.expect_download() as download:
        notice.click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    applicant_stage(
        applicant,
        base,
        application,
        "交付申請を作成する",
        {"交付申請額（円）": "900000", "事業開始日": "2026-12-01", "事業完了予定日": "2027-03-31"},
        "交付申請を提出する",
    )
    officer_does(officer, base, application, "交付を決定する", amount="850000")
    applicant_stage(
        applicant,
        base,
        application,
        "実績報告を作成する",
        {
            "実施した事業の内容": "展示会に出展しました。",
            "実際に要した経費（円）": "820000",
            "事業完了日": "2027-03-20",
        },
        "実績報告を提出する",
    )
    officer_does(officer, base, application, "額を確定する", amount="800000")
    applicant_stage(
        applicant,
        base,
        application,
        "精算払請求を作成する",
        {
            "金融機関名": "窓口銀行",
            "支店名": "霞が関支店",
            "口座番号（普通）": "1234567",
            "口座名義（カナ）": "カ）マドグチ",
        },
        "精算払を請求する",
    )
    officer_does(officer, base, application, "支払済にする", message="お振り込みしました。")

    application.refresh_from_db()
    assert application.status == ApplicationStatus.PAID
    assert (
        application.adopted_amount,
        application.decided_amount,
        application.confirmed_amount,
    ) == (1_000_000, 850_000, 800_000)  # adopted at the requested amount
    applicant.goto(f"{base}/applications/{application.pk}/")
    timeline = applicant.locator(".applications-timeline").inner_text()
    for step in (
        "申請済み",
        "差戻し",
        "再申請",
        "審査中",
        "採択",
        "交付申請",
        "交付決定",
        "実績報告",
        "額の確定",
        "精算払請求",
        "支払済",
        "お振り込みしました。",
    ):
        assert step in timeline, step
    assert_accessible(applicant)
    applicant.goto(f"{base}/applications/")
    assert_accessible(applicant)
