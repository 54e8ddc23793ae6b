"""Login, consent and its withdrawal, prompt=login, login_hint, RP-initiated logout, staff admin."""

import base64
import json
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from django.conf import settings
from oauth2_provider.models import get_access_token_model, get_refresh_token_model

from madoguchi.core.models import AuditEvent
from madoguchi.identity.oidc.models import Consent, RelyingParty

from .test_oidc_support import (
    REDIRECT_URI,
    authorize_params,
    basic_auth,
    exchange,
    get_code,
    make_rp,
    make_user,
    redirect_query,
)

pytestmark = pytest.mark.django_db


def test_not_logged_in_goes_to_login_with_login_hint(client) -> None:  # type: ignore[no-untyped-def]
    make_rp()
    params = authorize_params(login_hint="taro@example.jp")
    response = client.get("/oauth/authorize", params)
    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert location.path == settings.LOGIN_URL
    query = parse_qs(location.query)
    assert query["login_hint"] == ["taro@example.jp"]
    assert query["next"][0].startswith("/oauth/authorize?")


def test_prompt_login_ends_the_session_and_asks_to_log_in_again(client) -> None:  # type: ignore[no-untyped-def]
    make_rp()
    user = make_user()
    client.force_login(user)
    params = authorize_params(prompt="login", login_hint=user.email)
    response = client.get("/oauth/authorize", params)
    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert location.path == settings.LOGIN_URL
    query = parse_qs(location.query)
    assert query["login_hint"] == [user.email]
    next_url = query["next"][0]
    assert "prompt" not in parse_qs(urlparse(next_url).query)
    assert "_auth_user_id" not in client.session  # logged out: the login page asks again
    # After logging in again the flow continues where it was.
    client.force_login(user)
    assert client.get(next_url).status_code == 200


def test_consent_is_remembered_and_asked_again_for_new_scopes(client) -> None:  # type: ignore[no-untyped-def]
    relying_party = make_rp()
    user = make_user()
    client.force_login(user)
    get_code(client, scope="openid profile")
    consent = Consent.objects.get(user=user, relying_party=relying_party)
    assert consent.scopes == ["openid", "profile"]
    event = AuditEvent.objects.get(action="oidc.consent_granted")
    assert event.actor == user and event.target_id == str(relying_party.pk)
    assert event.organisation_id == str(user.organisation_id)  # the Prime reads it

    again = client.get("/oauth/authorize", authorize_params(scope="openid"))
    assert "code" in redirect_query(again)  # no consent screen: already granted

    more = client.get("/oauth/authorize", authorize_params(scope="openid profile email"))
    assert more.status_code == 200
    page = more.content.decode()
    assert "メールアドレス" in page and "テスト補助金システム" in page
    assert "rp.example.test に戻ります" in page

    forced = client.get("/oauth/authorize", authorize_params(scope="openid", prompt="consent"))
    assert forced.status_code == 200


def test_connections_page_lists_grants_and_withdraw_revokes_tokens(client) -> None:  # type: ignore[no-untyped-def]
    relying_party = make_rp()
    user = make_user()
    client.force_login(user)
    code, _ = get_code(client, scope="openid profile email offline_access")
    body = exchange(client, code).json()

    page = client.get("/oauth/connections/").content.decode()
    assert "テスト補助金システム" in page
    assert "法人番号" in page and "メールアドレス" in page
    assert "同意を取り消す" in page

    response = client.post(f"/oauth/connections/{relying_party.pk}/withdraw/", follow=True)
    assert "テスト補助金システム への情報提供の同意を取り消しました" in response.content.decode()
    assert not Consent.objects.filter(user=user).exists()
    assert not get_access_token_model().objects.filter(user=user).exists()
    assert (
        client.get(
            "/oauth/userinfo", HTTP_AUTHORIZATION=f"Bearer {body['access_token']}"
        ).status_code
        == 401
    )
    refresh = client.post(
        "/oauth/token",
        {"grant_type": "refresh_token", "refresh_token": body["refresh_token"]},
        HTTP_AUTHORIZATION=basic_auth(),
    )
    assert refresh.status_code == 400
    assert AuditEvent.objects.filter(action="oidc.consent_withdrawn", actor=user).exists()
    # Consent is asked for again next time.
    assert client.get("/oauth/authorize", authorize_params()).status_code == 200


def test_one_user_cannot_withdraw_or_see_another_users_grants(client) -> None:  # type: ignore[no-untyped-def]
    relying_party = make_rp()
    owner = make_user()
    client.force_login(owner)
    code, _ = get_code(client, scope="openid offline_access")
    exchange(client, code)

    other = make_user()
    client.force_login(other)
    assert "テスト補助金システム" not in client.get("/oauth/connections/").content.decode()
    response = client.post(f"/oauth/connections/{relying_party.pk}/withdraw/", follow=True)
    assert "この連携サービスへの同意は見つかりません" in response.content.decode()
    assert Consent.objects.filter(user=owner).exists()
    assert get_refresh_token_model().objects.filter(user=owner, revoked__isnull=True).exists()


def test_connections_page_needs_login(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/oauth/connections/")
    assert response.status_code == 302
    assert urlparse(response["Location"]).path == settings.LOGIN_URL
    assert client.post("/oauth/connections/1/withdraw/").status_code == 302


def test_rp_initiated_logout_with_id_token_hint(client) -> None:  # type: ignore[no-untyped-def]
    make_rp(post_logout_redirect_uris=["https://rp.example.test/bye"])
    user = make_user()
    client.force_login(user)
    code, _ = get_code(client)
    id_token = exchange(client, code).json()["id_token"]
    response = client.get(
        "/oauth/logout?"
        + urlencode(
            {
                "id_token_hint": id_token,
                "post_logout_redirect_uri": "https://rp.example.test/bye",
                "state": "s1",
            }
        )
    )
    assert response.status_code == 302
    assert response["Location"] == "https://rp.example.test/bye?state=s1"
    assert "_auth_user_id" not in client.session

    client.force_login(user)
    bad = client.get(
        "/oauth/logout?"
        + urlencode(
            {"id_token_hint": id_token, "post_logout_redirect_uri": "https://evil.example/"}
        )
    )
    assert bad.status_code == 400
    assert "ログアウトの要求が正しくありません" in bad.content.decode()


def test_id_token_holds_no_personal_data(client) -> None:  # type: ignore[no-untyped-def]
    make_rp()
    user = make_user()
    client.force_login(user)
    code, params = get_code(client, scope="openid profile user email")
    id_token = exchange(client, code).json()["id_token"]
    payload = json.loads(base64.urlsafe_b64decode(id_token.split(".")[1] + "=="))
    assert set(payload) == {"sub", "aud", "iss", "exp", "iat", "auth_time", "nonce", "jti"}
    assert payload["sub"] == str(user.subject) != str(user.pk)
    assert payload["nonce"] == params["nonce"]
    assert payload["iss"] == "http://testserver/oauth/"
    assert payload["exp"] - payload["iat"] == 3600


def test_staff_register_a_relying_party_in_the_admin(client) -> None:  # type: ignore[no-untyped-def]
    staff = make_user(account_type=None, is_staff=True, is_superuser=True)
    client.force_login(staff)
    page = client.get("/admin/oidc/relyingparty/add/").content.decode()
    for label in (
        "連携サービスの名称",
        "リダイレクトURI（戻り先）",
        "許可するスコープ",
        "クライアントの種類",
    ):
        assert label in page
    response = client.post(
        "/admin/oidc/relyingparty/add/",
        {
            "name": "電子申請サービス",
            "description": "",
            "contact_email": "",
            "client_type": "confidential",
            "redirect_uris": "https://apply.example.test/cb",
            "post_logout_redirect_uris": "",
            "allowed_scopes": ["profile", "email"],
            "client_id": "apply-service",
            "client_secret": "apply-secret-0123456789-0123456789-0123456789",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    relying_party = RelyingParty.objects.get(client_id="apply-service")
    assert relying_party.allowed_scopes == ["openid", "profile", "email"]
    assert relying_party.algorithm == "RS256"
    assert (
        relying_party.client_secret != "apply-secret-0123456789-0123456789-0123456789"
    )  # stored hashed
    assert AuditEvent.objects.filter(action="oidc.relying_party_registered").exists()

    missing = client.post(
        "/admin/oidc/relyingparty/add/",
        {"name": " ", "client_type": "confidential", "redirect_uris": "", "client_id": "x"},
    )
    page = missing.content.decode()
    assert "連携サービスの名称を入力してください" in page
    assert "戻り先のURIを1つ以上入力してください" in page
    bad = client.post(
        "/admin/oidc/relyingparty/add/",
        {
            "name": "電子申請サービス2",
            "client_type": "confidential",
            "redirect_uris": "ftp://apply.example.test/cb",
            "client_id": "apply-2",
            "client_secret": "short",
        },
    ).content.decode()
    assert "「ftp://apply.example.test/cb」は完全な URL ではありません" in bad
    assert "32 文字以上" in bad
    assert 'value="電子申請サービス2"' in bad  # what was typed is kept
    assert REDIRECT_URI not in page


def test_prompt_none_never_shows_a_page(client) -> None:  # type: ignore[no-untyped-def]
    make_rp()
    params = authorize_params(prompt="none")
    assert redirect_query(client.get("/oauth/authorize", params))["error"] == "login_required"
    client.force_login(make_user())
    query = redirect_query(client.get("/oauth/authorize", params))
    assert query["error"] == "consent_required"
    assert query["state"] == params["state"]
    get_code(client)  # once consented, prompt=none answers with a code
    assert "code" in redirect_query(client.get("/oauth/authorize", authorize_params(prompt="none")))


def test_staff_menu_links_to_relying_parties(client) -> None:  # type: ignore[no-untyped-def]
    staff = make_user(account_type=None, is_staff=True, is_superuser=True)
    client.force_login(staff)
    page = client.get("/staff/").content.decode()
    assert "連携サービス（RP）の登録" in page
    assert "/admin/oidc/relyingparty/" in page


def test_logout_without_id_token_hint_asks_first(client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(make_user())
    page = client.get("/oauth/logout")
    assert page.status_code == 200
    assert "窓口からもログアウトしますか" in page.content.decode()
    assert "_auth_user_id" in client.session
    client.post("/oauth/logout", {"allow": "on"})
    assert "_auth_user_id" not in client.session
