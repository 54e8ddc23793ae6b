"""The whole authorization code flow against the live server, driven by Authlib's OIDC client.

Authlib validates the ID token (RS256 signature through the JWK set, issuer, audience, nonce,
expiry) exactly as a relying party written for gBizID would; the user logs in with a real session.
"""

import base64
import json
import warnings
from datetime import date
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session

with warnings.catch_warnings():  # authlib.jose is deprecated in favour of joserfc, still supported
    warnings.simplefilter("ignore")
    from authlib.jose import JsonWebKey, jwt
    from authlib.oidc.core import CodeIDToken
from django.conf import settings

from madoguchi.core.models import AuditEvent
from madoguchi.identity.models import Mandate
from madoguchi.identity.oidc.validators import ID_TOKEN_CLAIMS

from .test_oidc_support import (
    CLIENT_ID,
    CLIENT_SECRET,
    REDIRECT_URI,
    form_inputs,
    make_member,
    make_organisation,
    make_rp,
    make_user,
)

pytestmark = pytest.mark.django_db(transaction=True)


def browser_session(client, user) -> requests.Session:  # type: ignore[no-untyped-def]
    """A requests session carrying a real Madoguchi login (the user agent of the flow)."""
    client.force_login(user)
    session = requests.Session()
    session.cookies.set(
        settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value
    )
    return session


def consent_and_get_callback(browser: requests.Session, url: str) -> str:
    page = browser.get(url, allow_redirects=False)
    assert page.status_code == 200, page.text[:500]
    assert "テスト補助金システム" in page.text and "同意してログイン" in page.text
    assert "法人番号" in page.text and "メールアドレス" in page.text  # the claims, in Japanese
    data = form_inputs(page.text)
    data["allow"] = "on"
    answer = browser.post(url, data=data, allow_redirects=False)
    assert answer.status_code == 302, answer.text[:500]
    assert answer.headers["Location"].startswith(REDIRECT_URI)
    return answer.headers["Location"]


def test_authlib_code_flow_validates_id_token_and_reads_userinfo(live_server, client) -> None:  # type: ignore[no-untyped-def]
    prime = make_user(birthday=date(1980, 4, 1))
    prime.organisation.rep_birthday = date(1960, 1, 2)
    prime.organisation.save()
    member = make_member(prime)
    agent = make_organisation(name="税理士法人テスト")
    Mandate.objects.create(
        principal=prime.organisation,
        agent=agent,
        services=["grants"],
        valid_from=date(2020, 1, 1),
        valid_until=date(2099, 12, 31),
        granted_by=prime,
    )
    make_rp()

    discovery = requests.get(
        f"{live_server.url}/oauth/.well-known/openid-configuration", timeout=10
    ).json()
    issuer = f"{live_server.url}/oauth/"
    assert discovery["issuer"] == issuer
    assert discovery["authorization_endpoint"] == f"{live_server.url}/oauth/authorize"
    assert discovery["token_endpoint"] == f"{live_server.url}/oauth/token"
    assert discovery["userinfo_endpoint"] == f"{live_server.url}/oauth/userinfo"
    assert discovery["end_session_endpoint"] == f"{live_server.url}/oauth/logout"
    assert discovery["code_challenge_methods_supported"] == ["S256"]
    assert "client_secret_basic" in discovery["token_endpoint_auth_methods_supported"]
    jwks = requests.get(discovery["jwks_uri"], timeout=10).json()
    assert jwks["keys"] and all(key["alg"] == "RS256" and key["kid"] for key in jwks["keys"])

    rp = OAuth2Session(
        CLIENT_ID,
        CLIENT_SECRET,
        scope="openid profile user mandate email offline_access",
        redirect_uri=REDIRECT_URI,
        code_challenge_method="S256",
        token_endpoint_auth_method="client_secret_basic",
    )
    verifier, nonce = generate_token(48), generate_token(20)
    url, state = rp.create_authorization_url(
        discovery["authorization_endpoint"], code_verifier=verifier, nonce=nonce
    )
    callback = consent_and_get_callback(browser_session(client, member), url)
    assert parse_qs(urlparse(callback).query)["state"] == [state]

    token = rp.fetch_token(
        discovery["token_endpoint"], authorization_response=callback, code_verifier=verifier
    )
    assert token["token_type"].lower() == "bearer"
    assert token["expires_in"] == 3600
    assert token["refresh_token"]  # offline_access was granted

    claims = jwt.decode(
        token["id_token"],
        JsonWebKey.import_key_set(jwks),
        claims_cls=CodeIDToken,
        claims_options={"iss": {"essential": True, "value": issuer}},
        claims_params={"nonce": nonce, "client_id": CLIENT_ID},
    )
    claims.validate()
    assert claims["sub"] == str(member.subject)
    assert claims["aud"] == CLIENT_ID
    assert set(claims) == set(ID_TOKEN_CLAIMS)  # no personal data in the ID token
    header = json.loads(base64.urlsafe_b64decode(token["id_token"].split(".")[0] + "=="))
    assert header["alg"] == "RS256"
    assert header["kid"] in {key["kid"] for key in jwks["keys"]}

    info = rp.get(discovery["userinfo_endpoint"]).json()
    organisation = prime.organisation
    assert info["sub"] == str(member.subject)
    assert info["account_type"] == "3"
    assert info["corp_type"] == "1"
    assert info["parent_id"] == str(prime.subject)
    assert info["corporate_number"] == organisation.corporate_number
    assert info["name"] == "株式会社窓口テスト"
    assert info["en_name"] == "Madoguchi Test Co., Ltd."
    assert (info["prefecture_name"], info["address1"], info["address2"]) == (
        "東京都",
        "千代田区",
        "霞が関1-1-1",
    )
    assert (info["rep_last_nm"], info["rep_first_nm"]) == ("山田", "太郎")
    assert (info["rep_last_nm_kana"], info["rep_first_nm_kana"]) == ("ヤマダ", "タロウ")
    assert info["birthday_ymd"] == "19600102"
    assert (info["user_last_nm"], info["user_first_nm"]) == ("鈴木", "花子")
    assert (info["user_last_nm_kana"], info["user_first_nm_kana"]) == ("スズキ", "ハナコ")
    assert info["user_post_code"] == "1000013"
    assert info["user_department"] == "総務部"
    assert info["user_tel_no_contact"] == "0312345678"
    assert info["email"] == info["user_email"] == member.email
    [mandate] = info["mandate_info"]
    assert mandate["role"] == "principal"
    assert mandate["agent_name"] == "税理士法人テスト"
    assert mandate["services"] == ["grants"]
    assert mandate["valid_until"] == "20991231"

    refreshed = rp.refresh_token(discovery["token_endpoint"])
    assert refreshed["access_token"] != token["access_token"]
    assert refreshed["refresh_token"] != token["refresh_token"]
    assert rp.get(discovery["userinfo_endpoint"]).json()["sub"] == str(member.subject)

    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions.count("oidc.token_issued") == 2
    assert "oidc.consent_granted" in actions


def test_public_client_with_pkce_gets_no_refresh_token_without_offline_access(
    live_server, client
) -> None:  # type: ignore[no-untyped-def]
    user = make_user()
    make_rp(confidential=False, client_id="public-app", client_secret="")
    rp = OAuth2Session(
        "public-app",
        scope="openid email",
        redirect_uri=REDIRECT_URI,
        code_challenge_method="S256",
        token_endpoint_auth_method="none",
    )
    verifier, nonce = generate_token(48), generate_token(20)
    url, _state = rp.create_authorization_url(
        f"{live_server.url}/oauth/authorize", code_verifier=verifier, nonce=nonce
    )
    browser = browser_session(client, user)
    page = browser.get(url, allow_redirects=False)
    data = form_inputs(page.text)
    data["allow"] = "on"
    callback = browser.post(url, data=data, allow_redirects=False).headers["Location"]
    token = rp.fetch_token(
        f"{live_server.url}/oauth/token", authorization_response=callback, code_verifier=verifier
    )
    assert "refresh_token" not in token
    assert token["scope"] == "openid email"
    info = rp.get(f"{live_server.url}/oauth/userinfo").json()
    assert set(info) == {"sub", "email", "user_email"}
