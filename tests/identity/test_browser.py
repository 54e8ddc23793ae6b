"""Browser journeys in Debian's Chromium: Entry sign-up → e-mail link → login; Prime application →
reviewer approval → member invitation → member's first login with TOTP set-up."""

import re
import time

import pytest
from django.core import mail

from madoguchi.identity.enums import AccountType
from madoguchi.identity.models import User
from tests.conftest import assert_accessible
from tests.identity.conftest import PASSWORD, make_reviewer, make_user, totp_now, with_totp
from tests.registry.factories import CorporationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def link_in_last_mail(pattern: str) -> str:
    match = re.search(pattern, mail.outbox[-1].body)
    assert match is not None, mail.outbox[-1].body
    return match.group(0)


def log_in(page, base: str, email: str, password: str = PASSWORD) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="ログイン", exact=True).click()
    page.wait_for_load_state()


def fresh_code(secret: str) -> str:
    """A TOTP code not used before in this test: wait for the next 30-second window if needed."""
    if int(time.time()) % 30 > 27:
        time.sleep(3)
    return totp_now(secret)


def set_up_totp(page, base: str, password: str = PASSWORD) -> str:  # type: ignore[no-untyped-def]
    """From the MFA-required page: reauthenticate, read the secret, enter a code."""
    page.get_by_role("link", name="認証アプリを設定する").click()
    page.wait_for_load_state()
    if "/accounts/reauthenticate/" in page.url:
        page.get_by_label("パスワード").fill(password)
        page.get_by_role("button", name="確認").click()
        page.wait_for_load_state()
    assert "/accounts/2fa/totp/activate/" in page.url
    assert_accessible(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("input[name=code]").fill(fresh_code(secret))
    page.locator("input[name=code]").press("Enter")
    page.wait_for_load_state()
    return secret


def test_entry_signup_email_link_login(live_server, page) -> None:  # type: ignore[no-untyped-def]
    corporation = CorporationFactory()
    base = live_server.url
    page.goto(f"{base}/accounts/signup/")
    assert_accessible(page)
    page.get_by_label("メールアドレス").fill("hanako@example.jp")
    page.get_by_label("姓").fill("窓口")
    page.locator("#id_first_name").fill("花子")
    page.get_by_label("法人番号").fill(corporation.corporate_number)
    page.get_by_label("事業者名（法人名または屋号）").fill(corporation.name)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="登録する").click()
    page.wait_for_load_state()
    assert "/accounts/confirm-email/" in page.url
    assert_accessible(page)

    link = link_in_last_mail(r"http://\S+/accounts/confirm-email/\S+/")
    page.goto(link.replace("http://testserver", base))
    assert_accessible(page)
    page.get_by_role("button", name="確認する").click()
    page.wait_for_load_state()
    log_in(page, base, "hanako@example.jp")
    page.goto(f"{base}/identity/")
    assert page.get_by_role("heading", name="マイページ").is_visible()
    assert page.get_by_text("自己申告（未確認）").is_visible()
    assert_accessible(page)
    assert User.objects.get(email="hanako@example.jp").account_type == AccountType.ENTRY


def test_prime_application_approval_invitation_member_totp(live_server, page, browser) -> None:  # type: ignore[no-untyped-def]
    from madoguchi.identity.models import Organisation

    corporation = CorporationFactory()
    base = live_server.url
    own = Organisation.objects.create(corp_type=2, name="自己申告の屋号")
    make_user("rep@example.jp", organisation=own, account_type=AccountType.ENTRY)
    reviewer = make_reviewer()
    reviewer_secret = with_totp(reviewer)

    # 1. the representative applies
    log_in(page, base, "rep@example.jp")
    page.goto(f"{base}/identity/prime/apply/")
    assert_accessible(page)
    page.get_by_label("法人番号").fill(corporation.corporate_number)
    page.get_by_label("代表者の姓（登記のとおり）").fill("窓口")
    page.get_by_label("代表者の名（登記のとおり）").fill("太郎")
    page.get_by_label("代表者の姓（フリガナ）").fill("マドグチ")
    page.get_by_label("代表者の名（フリガナ）").fill("タロウ")
    page.get_by_label("連絡先電話番号").fill("03-0000-0000")
    page.get_by_label("印鑑証明書").set_input_files(
        {"name": "inkan.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\nproof\n"}
    )
    page.get_by_role("button", name="申請する").click()
    page.wait_for_load_state()
    assert "審査待ち" in page.content()
    assert_accessible(page)

    # 2. the identity reviewer approves, beside the registry record
    reviewer_context = browser.new_context(locale="ja-JP")
    rpage = reviewer_context.new_page()
    log_in(rpage, base, reviewer.email)
    rpage.locator("input[name=code]").fill(fresh_code(reviewer_secret))
    rpage.get_by_role("button", name="ログイン", exact=True).click()
    rpage.wait_for_load_state()
    rpage.goto(f"{base}/staff/identity/review/")
    assert_accessible(rpage)
    rpage.get_by_role("link", name=corporation.name).click()
    rpage.wait_for_load_state()
    assert rpage.get_by_text("登録情報と一致").is_visible()
    assert_accessible(rpage)
    rpage.get_by_role("button", name="承認する").click()
    rpage.wait_for_load_state()
    assert "承認しました" in rpage.content()
    reviewer_context.close()

    # 3. now Prime: MFA is required before anything else
    page.goto(f"{base}/identity/members/")
    assert page.url.endswith("/identity/mfa-required/")
    assert_accessible(page)
    set_up_totp(page, base)
    page.goto(f"{base}/identity/members/")
    assert page.get_by_role("heading", name="メンバーの管理").is_visible()
    assert_accessible(page)

    # 4. the Prime invites a member for one service
    page.get_by_label("招待するメールアドレス").fill("jiro@example.jp")
    page.get_by_label("補助金の申請（jGrants 相当）").check()
    page.get_by_role("button", name="招待する").click()
    page.wait_for_load_state()
    assert "招待のメールを送りました" in page.content()
    link = link_in_last_mail(r"http://\S+/identity/invitations/accept/\S+/")

    # 5. the member accepts, logs in the first time and must set up TOTP
    member_context = browser.new_context(locale="ja-JP")
    mpage = member_context.new_page()
    mpage.goto(link.replace("http://testserver", base))
    assert_accessible(mpage)
    mpage.get_by_label("姓").fill("窓口")
    mpage.locator("#id_first_name").fill("次郎")
    mpage.locator("#id_password1").fill(PASSWORD)
    mpage.locator("#id_password2").fill(PASSWORD)
    mpage.get_by_role("button", name="登録する").click()
    mpage.wait_for_load_state()
    log_in(mpage, base, "jiro@example.jp")
    mpage.goto(f"{base}/identity/")
    assert mpage.url.endswith("/identity/mfa-required/")
    assert mpage.get_by_role("link", name="パスキー（セキュリティキー）を登録する").count() == 0
    set_up_totp(mpage, base)
    mpage.goto(f"{base}/identity/")
    assert mpage.get_by_role("heading", name="マイページ").is_visible()
    assert "二要素認証：設定済み" in mpage.content()
    member_context.close()

    member = User.objects.get(email="jiro@example.jp")
    prime = User.objects.get(email="rep@example.jp")
    assert member.organisation_id == prime.organisation_id and prime.is_prime
    assert member.services == ["grants"]
    page.goto(f"{base}/identity/members/")
    assert "未ログイン" not in page.content()  # the Prime sees the member's last login


@pytest.mark.urls("tests.demo_urls")  # with the demo's /outbox/
def test_prime_pages_are_accessible(live_server, page, settings) -> None:  # type: ignore[no-untyped-def]
    from tests.identity.conftest import make_member, make_prime

    settings.MADOGUCHI_OUTBOX_VIEWER = True
    base = live_server.url
    prime = make_prime()
    make_member(prime)
    secret = with_totp(prime)
    log_in(page, base, prime.email)
    page.locator("input[name=code]").fill(fresh_code(secret))
    page.get_by_role("button", name="ログイン", exact=True).click()
    page.wait_for_load_state()
    for path, heading in (
        ("/identity/", "マイページ"),
        ("/identity/members/", "メンバーの管理"),
        ("/identity/mandates/", "委任の管理"),
        ("/identity/audit/", "監査記録"),
        ("/accounts/sessions/", "ログイン中の端末（セッション）"),
        ("/accounts/2fa/", None),
        ("/accounts/password/change/", None),
        ("/outbox/", "送信メール（ローカル）"),
    ):
        page.goto(f"{base}{path}")
        if heading:
            assert page.get_by_role("heading", name=heading, exact=True).is_visible(), path
        assert_accessible(page)
    # a wrong mandate shows the reason beside the field, keeping what was typed
    page.goto(f"{base}/identity/mandates/")
    page.get_by_label("委任先の法人番号").fill("1234567890123")
    page.get_by_label("補助金の申請（jGrants 相当）").check()
    page.get_by_label("終了日").fill("2030-01-01")
    page.get_by_role("button", name="委任する").click()
    page.wait_for_load_state()
    assert "チェックディジット" in page.content()
    assert page.get_by_label("委任先の法人番号").input_value() == "1234567890123"
    assert_accessible(page)
