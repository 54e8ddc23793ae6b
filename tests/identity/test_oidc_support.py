"""Helpers for the OpenID Connect provider tests (no tests here)."""

import base64
import hashlib
import html
import re
import secrets
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

from madoguchi.identity.enums import AccountType, CorpType, Service
from madoguchi.identity.models import Organisation, User
from madoguchi.identity.oidc.claims import SCOPES
from madoguchi.identity.oidc.models import RelyingParty
from madoguchi.identity.oidc.services import relying_party_register

REDIRECT_URI = "https://rp.example.test/callback"
CLIENT_ID = "test-rp"
CLIENT_SECRET = "test-rp-secret-0123456789abcdef-0123456789"
ALL_SCOPES = list(SCOPES)


def make_organisation(**fields: Any) -> Organisation:
    defaults: dict[str, Any] = {
        "corp_type": CorpType.CORPORATION,
        "corporate_number": "".join(secrets.choice("0123456789") for _ in range(13)),
        "name": "株式会社窓口テスト",
        "en_name": "Madoguchi Test Co., Ltd.",
        "prefecture_name": "東京都",
        "address1": "千代田区",
        "address2": "霞が関1-1-1",
        "rep_last_name": "山田",
        "rep_first_name": "太郎",
        "rep_last_name_kana": "ヤマダ",
        "rep_first_name_kana": "タロウ",
    }
    defaults.update(fields)
    return Organisation.objects.create(**defaults)


def make_user(
    *,
    account_type: int | None = AccountType.PRIME,
    organisation: Organisation | None = None,
    email: str | None = None,
    **fields: Any,
) -> User:
    email = email or f"user-{secrets.token_hex(4)}@example.jp"
    if organisation is None and account_type in (AccountType.PRIME, AccountType.MEMBER):
        organisation = make_organisation()
    defaults: dict[str, Any] = {
        "last_name": "鈴木",
        "first_name": "花子",
        "last_name_kana": "スズキ",
        "first_name_kana": "ハナコ",
        "postal_code": "1000013",
        "prefecture_name": "東京都",
        "address1": "千代田区",
        "address2": "霞が関2-2-2",
        "department": "総務部",
        "phone": "0312345678",
    }
    defaults.update(fields)
    return User.objects.create_user(
        username=email,
        email=email,
        password=None,
        account_type=account_type,
        organisation=organisation,
        **defaults,
    )


def make_member(prime: User, *, services: list[str] | None = None) -> User:
    return make_user(
        account_type=AccountType.MEMBER,
        organisation=prime.organisation,
        parent=prime,
        services=[Service.RELYING_PARTIES] if services is None else services,
    )


def make_rp(
    *,
    scopes: list[str] | None = None,
    confidential: bool = True,
    client_id: str = CLIENT_ID,
    client_secret: str = CLIENT_SECRET,
    redirect_uris: list[str] | None = None,
    post_logout_redirect_uris: list[str] | None = None,
    name: str = "テスト補助金システム",
) -> RelyingParty:
    return relying_party_register(
        actor=None,
        name=name,
        redirect_uris=redirect_uris or [REDIRECT_URI],
        post_logout_redirect_uris=post_logout_redirect_uris,
        allowed_scopes=ALL_SCOPES if scopes is None else scopes,
        confidential=confidential,
        client_id=client_id,
        client_secret=client_secret,
    )


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def basic_auth(client_id: str = CLIENT_ID, secret: str = CLIENT_SECRET) -> str:
    return "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()


def form_inputs(page: str) -> dict[str, str]:
    """The named inputs of the (first) form of an HTML page, values unescaped."""
    fields = {}
    for tag in re.findall(r"<input\b[^>]*>", page):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag))
        if "name" in attrs and attrs.get("type") in ("hidden", None):
            fields[attrs["name"]] = html.unescape(attrs.get("value", ""))
    return fields


def authorize_params(**overrides: Any) -> dict[str, str]:
    params = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": REDIRECT_URI,
        "scope": "openid profile",
        "state": secrets.token_urlsafe(8),
        "nonce": secrets.token_urlsafe(8),
    }
    params.update(overrides)
    return {k: v for k, v in params.items() if v is not None}


def authorize(client: Any, params: dict[str, str], *, allow: bool = True) -> Any:
    """GET /oauth/authorize; when the consent screen shows, answer it. Returns the last response."""
    response = client.get("/oauth/authorize?" + urlencode(params))
    if response.status_code != 200 or "oidc-consent__form" not in response.content.decode():
        return response
    data = form_inputs(response.content.decode())
    if allow:
        data["allow"] = "on"
    return client.post("/oauth/authorize?" + urlencode(params), data)


def redirect_query(response: Any) -> dict[str, str]:
    assert response.status_code == 302, response.content.decode()[:500]
    location = response["Location"]
    assert location.startswith(REDIRECT_URI) or "://" in location
    return {k: v[0] for k, v in parse_qs(urlparse(location).query).items()}


def get_code(client: Any, **overrides: Any) -> tuple[str, dict[str, str]]:
    params = authorize_params(**overrides)
    query = redirect_query(authorize(client, params))
    assert "code" in query, query
    assert query["state"] == params["state"]
    return query["code"], params


def exchange(client: Any, code: str, *, verifier: str | None = None, **extra: Any) -> Any:
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI}
    if verifier is not None:
        data["code_verifier"] = verifier
    headers = extra.pop("headers", {"HTTP_AUTHORIZATION": basic_auth()})
    data.update(extra)
    return client.post("/oauth/token", data, **headers)
