"""A tiny relying party inside the app (/oauth/demo-rp/), so a newcomer can click through a login.

It behaves like an outside service: it talks to the provider only over HTTP (token endpoint,
JWK set, UserInfo) with Authlib, validates the ID token and shows what it received. It works only
while the demo client (``madoguchi demo``) exists, and only on the hosts registered for it.
"""

import json
import secrets
import warnings
from typing import Any

import requests
from authlib.integrations.requests_client import OAuth2Session
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

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


def _endpoints(request: HttpRequest) -> dict[str, str]:
    def url(name: str) -> str:
        return request.build_absolute_uri(reverse(name))

    return {
        "issuer": request.build_absolute_uri("/oauth/"),
        "authorize": url("oauth2_provider:authorize"),
        "token": url("oauth2_provider:token"),
        "userinfo": url("oauth2_provider:user-info"),
        "jwks": url("oauth2_provider:jwks-info"),
        "logout": url("oauth2_provider:rp-initiated-logout"),
        "callback": url("oidc:demo-rp-callback"),
        "home": url("oidc:demo-rp"),
    }


def _session(request: HttpRequest, scope: str = "openid") -> OAuth2Session:
    return OAuth2Session(
        DEMO_CLIENT_ID,
        DEMO_CLIENT_SECRET,
        scope=scope,
        redirect_uri=_endpoints(request)["callback"],
        code_challenge_method="S256",
        token_endpoint_auth_method="client_secret_basic",  # noqa: S106 - a method name
    )


def demo_rp(request: HttpRequest) -> HttpResponse:
    relying_party = RelyingParty.objects.filter(client_id=DEMO_CLIENT_ID).first()
    endpoints = _endpoints(request)
    state = request.session.get(SESSION_KEY, {})
    logout_url = ""
    if state.get("id_token"):
        from urllib.parse import urlencode

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
            "scopes": [(name, label) for name, label in SCOPES.items()],
            "chosen": state.get("scopes", ["openid", "profile", "email"]),
            "result": state.get("result"),
            "error": state.get("error"),
            "logout_url": logout_url,
        },
        status=200 if relying_party is not None else 404,
    )


def demo_rp_login(request: HttpRequest) -> HttpResponse:
    chosen = [s for s in SCOPES if s in set(request.GET.getlist("scope"))] or ["openid"]
    if "openid" not in chosen:
        chosen.insert(0, "openid")
    verifier = secrets.token_urlsafe(48)
    nonce = secrets.token_urlsafe(16)
    url, state = _session(request, " ".join(chosen)).create_authorization_url(
        _endpoints(request)["authorize"], code_verifier=verifier, nonce=nonce
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
    endpoints = _endpoints(request)
    client = _session(request, " ".join(saved.get("scopes", ["openid"])))
    try:
        token = client.fetch_token(
            endpoints["token"],
            authorization_response=request.build_absolute_uri(),
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
