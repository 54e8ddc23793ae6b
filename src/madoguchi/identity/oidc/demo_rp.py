"""A tiny relying party inside the app (/oauth/demo-rp/), so a newcomer can click through a login.

It behaves like an outside service: it talks to the provider only over HTTP (token endpoint,
JWK set, UserInfo) with Authlib, validates the ID token and shows what it received. It works only
while the demo client (``madoguchi demo``) exists, and only at ``settings.SITE_URL``.

Every URL it calls or sends the browser to is built from ``settings.SITE_URL``, never from the
request's Host header: a forged Host would otherwise make the server send the demo client's
credentials to whatever host and port the header names.
"""

import json
import secrets
import warnings
from typing import Any
from urllib.parse import urlencode, urlsplit

import requests
from authlib.integrations.requests_client import OAuth2Session
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from oauth2_provider.settings import oauth2_settings

from madoguchi.identity.oidc.claims import SCOPES
from madoguchi.identity.oidc.demo import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
from madoguchi.identity.oidc.models import RelyingParty

with warnings.catch_warnings():  # authlib.jose is deprecated in favour of joserfc, still supported
    warnings.simplefilter("ignore")
    from authlib.jose import JsonWebKey, jwt
    from authlib.jose.errors import JoseError
    from authlib.oidc.core import CodeIDToken

SESSION_KEY = "oidc_demo_rp"
HTTP_TIMEOUT = 10


def _issuer() -> str:
    """What the provider puts in ``iss`` when the demo calls it at SITE_URL (validators.issuer)."""
    discovery = reverse("oauth2_provider:oidc-connect-discovery-info")
    value = oauth2_settings.OIDC_ISS_ENDPOINT or settings.SITE_URL + discovery.removesuffix(
        ".well-known/openid-configuration"
    )
    return value if value.endswith("/") else value + "/"


def _endpoints() -> dict[str, str]:
    def url(name: str) -> str:
        return settings.SITE_URL + reverse(name)

    return {
        "issuer": _issuer(),
        "authorize": url("oauth2_provider:authorize"),
        "token": url("oauth2_provider:token"),
        "userinfo": url("oauth2_provider:user-info"),
        "jwks": url("oauth2_provider:jwks-info"),
        "logout": url("oauth2_provider:rp-initiated-logout"),
        "callback": url("oidc:demo-rp-callback"),
        "home": url("oidc:demo-rp"),
    }


def _session(scope: str = "openid") -> OAuth2Session:
    return OAuth2Session(
        DEMO_CLIENT_ID,
        DEMO_CLIENT_SECRET,
        scope=scope,
        redirect_uri=_endpoints()["callback"],
        code_challenge_method="S256",
        token_endpoint_auth_method="client_secret_basic",  # noqa: S106 - a method name
    )


def demo_rp(request: HttpRequest) -> HttpResponse:
    relying_party = RelyingParty.objects.filter(client_id=DEMO_CLIENT_ID).first()
    endpoints = _endpoints()
    state = request.session.get(SESSION_KEY, {})
    logout_url = ""
    if state.get("id_token"):
        logout_url = (
            endpoints["logout"]
            + "?"
            + urlencode(
                {"id_token_hint": state["id_token"], "post_logout_redirect_uri": endpoints["home"]}
            )
        )
    return render(
        request,
        "oidc/demo_rp.html",
        {
            "relying_party": relying_party,
            "usable": relying_party is not None
            and relying_party.redirect_uri_allowed(endpoints["callback"]),
            "callback": endpoints["callback"],
            "home": endpoints["home"],
            "scopes": [(name, label) for name, label in SCOPES.items()],
            "chosen": state.get("scopes", ["openid", "profile", "email"]),
            "result": state.get("result"),
            "error": state.get("error"),
            "logout_url": logout_url,
        },
        status=200 if relying_party is not None else 404,
    )


def _on_site(request: HttpRequest) -> bool:
    """Whether the browser is at SITE_URL's host (the session, and so ``state``, is per host)."""
    return request.get_host() == urlsplit(settings.SITE_URL).netloc


def demo_rp_login(request: HttpRequest) -> HttpResponse:
    if not _on_site(request):  # start again at SITE_URL, where the callback will arrive
        return redirect(settings.SITE_URL + request.get_full_path())
    chosen = [s for s in SCOPES if s in set(request.GET.getlist("scope"))] or ["openid"]
    if "openid" not in chosen:
        chosen.insert(0, "openid")
    verifier = secrets.token_urlsafe(48)
    nonce = secrets.token_urlsafe(16)
    url, state = _session(" ".join(chosen)).create_authorization_url(
        _endpoints()["authorize"], code_verifier=verifier, nonce=nonce
    )
    request.session[SESSION_KEY] = {
        "state": state,
        "nonce": nonce,
        "verifier": verifier,
        "scopes": chosen,
    }
    return redirect(url)


def _fail(request: HttpRequest, message: str) -> HttpResponse:
    state = request.session.get(SESSION_KEY, {})
    state.update({"error": message, "result": None})
    request.session[SESSION_KEY] = state
    return redirect("oidc:demo-rp")


def demo_rp_callback(request: HttpRequest) -> HttpResponse:
    saved: dict[str, Any] = request.session.get(SESSION_KEY, {})
    if not saved.get("state") or request.GET.get("state") != saved["state"]:
        return _fail(request, _("state が一致しません。最初からやり直してください。"))
    if "error" in request.GET:
        return _fail(
            request,
            _("窓口から次のエラーが返りました: %(error)s") % {"error": request.GET["error"]},
        )
    endpoints = _endpoints()
    client = _session(" ".join(saved.get("scopes", ["openid"])))
    try:
        token = client.fetch_token(
            endpoints["token"],
            authorization_response=settings.SITE_URL + request.get_full_path(),
            code_verifier=saved["verifier"],
            timeout=HTTP_TIMEOUT,
        )
        key_set = requests.get(endpoints["jwks"], timeout=HTTP_TIMEOUT).json()
        claims = jwt.decode(
            token["id_token"],
            JsonWebKey.import_key_set(key_set),
            claims_cls=CodeIDToken,
            claims_options={"iss": {"essential": True, "value": endpoints["issuer"]}},
            claims_params={"nonce": saved["nonce"], "client_id": DEMO_CLIENT_ID},
        )
        claims.validate()
        userinfo = client.get(endpoints["userinfo"], timeout=HTTP_TIMEOUT).json()
    except (requests.RequestException, JoseError, KeyError, ValueError) as exc:
        return _fail(
            request, _("トークンの取得または検証に失敗しました: %(error)s") % {"error": exc}
        )
    request.session[SESSION_KEY] = {
        "scopes": saved.get("scopes"),
        "id_token": token["id_token"],
        "error": None,
        "result": {
            "id_token_claims": json.dumps(dict(claims), ensure_ascii=False, indent=2),
            "kid": claims.header.get("kid", ""),
            "userinfo": json.dumps(userinfo, ensure_ascii=False, indent=2),
            "scope": token.get("scope", ""),
            "expires_in": token.get("expires_in"),
            "refresh_token": bool(token.get("refresh_token")),
        },
    }
    return redirect("oidc:demo-rp")
