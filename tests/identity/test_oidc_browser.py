"""A relying party login with the consent screen, in Chromium: the demo RP page → consent → claims."""

import json

import pytest
from django.conf import settings

from madoguchi.identity.oidc.demo import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
from tests.conftest import assert_accessible

from .test_oidc_support import make_rp, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login_browser(page, client, live_server, user) -> None:  # type: ignore[no-untyped-def]
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_relying_party_login_with_consent(page, client, live_server, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SITE_URL = live_server.url  # the demo RP calls the provider there
    make_rp(
        client_id=DEMO_CLIENT_ID,
        client_secret=DEMO_CLIENT_SECRET,
        name="デモ連携サービス",
        redirect_uris=[f"{live_server.url}/oauth/demo-rp/callback"],
        post_logout_redirect_uris=[f"{live_server.url}/oauth/demo-rp/"],
    )
    user = make_user(email="prime@example.jp")
    login_browser(page, client, live_server, user)

    page.goto(f"{live_server.url}/oauth/demo-rp/")
    assert_accessible(page)
    page.get_by_label("offline_access").check()
    page.get_by_role("button", name="窓口でログイン").click()

    page.get_by_role("heading", name="デモ連携サービス へのログイン").wait_for()
    assert page.get_by_text("法人番号", exact=True).is_visible()
    assert page.get_by_text("メールアドレス", exact=True).first.is_visible()
    assert page.locator(".oidc-consent__who").get_by_text("prime@example.jp").is_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.get_by_role("button", name="同意してログイン").is_visible()
    page.get_by_role("button", name="同意してログイン").click()

    page.get_by_role("heading", name="受け取った情報").wait_for()
    userinfo = json.loads(page.get_by_label("UserInfo の応答").inner_text())
    assert userinfo["sub"] == str(user.subject)
    assert userinfo["email"] == "prime@example.jp"
    assert userinfo["corporate_number"] == user.organisation.corporate_number
    id_token = json.loads(page.get_by_label("ID トークンのクレーム").inner_text())
    assert id_token["sub"] == str(user.subject)
    assert "email" not in id_token
    assert page.get_by_text("あり（offline_access）").is_visible()
    assert_accessible(page)

    # The grant is listed on the connections page and can be withdrawn there.
    page.goto(f"{live_server.url}/oauth/connections/")
    assert_accessible(page)
    page.get_by_role("button", name="デモ連携サービス への同意を取り消す").click()
    page.get_by_text("デモ連携サービス への情報提供の同意を取り消しました").wait_for()
    assert page.get_by_text("情報の提供に同意しているサービスはありません。").is_visible()


def test_refused_request_page_is_accessible(page, client, live_server) -> None:  # type: ignore[no-untyped-def]
    make_rp()
    login_browser(page, client, live_server, make_user())
    response = page.goto(
        f"{live_server.url}/oauth/authorize?response_type=code&client_id=test-rp"
        "&redirect_uri=https%3A%2F%2Fevil.example%2F&scope=openid"
    )
    assert response is not None and response.status == 400
    page.get_by_role("heading", name="連携サービスへのログインを続けられません").wait_for()
    assert page.get_by_role("alert").inner_text().startswith("戻り先（redirect_uri）")
    assert_accessible(page)


def test_relying_party_login_through_the_login_page(page, live_server, settings) -> None:  # type: ignore[no-untyped-def]
    """Not logged in: the RP sends the user to Madoguchi's login page, then consent, then back."""
    settings.SITE_URL = live_server.url
    from allauth.account.models import EmailAddress

    from madoguchi.identity.enums import AccountType

    make_rp(
        client_id=DEMO_CLIENT_ID,
        client_secret=DEMO_CLIENT_SECRET,
        name="デモ連携サービス",
        redirect_uris=[f"{live_server.url}/oauth/demo-rp/callback"],
    )
    user = make_user(account_type=AccountType.ENTRY, email="entry@example.jp")
    user.set_password("correct-horse-battery-staple-42")
    user.save(update_fields=["password"])
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    page.goto(f"{live_server.url}/oauth/demo-rp/")
    page.get_by_role("button", name="窓口でログイン").click()
    page.locator("input[name=login]").fill("entry@example.jp")
    page.locator("input[name=password]").fill("correct-horse-battery-staple-42")
    page.locator("input[name=password]").press("Enter")
    page.get_by_role("heading", name="デモ連携サービス へのログイン").wait_for()
    page.get_by_role("button", name="同意してログイン").click()
    page.get_by_role("heading", name="受け取った情報").wait_for()
    userinfo = json.loads(page.get_by_label("UserInfo の応答").inner_text())
    assert userinfo["sub"] == str(user.subject)
    assert userinfo["account_type"] == "1"
    assert userinfo["email"] == "entry@example.jp"
