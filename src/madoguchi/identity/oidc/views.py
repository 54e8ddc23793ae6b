"""Pages and endpoints of the OpenID Connect provider.

The protocol endpoints are django-oauth-toolkit's views with Madoguchi's rules: the consent screen,
prompt=login re-authentication, login_hint passed to the login page, the JWK set from the database
keys and gBizID's discovery values.
"""

import json
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlparse

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from oauth2_provider import views as dot_views
from oauth2_provider.exceptions import OAuthToolkitError
from oauth2_provider.models import get_application_model
from oauth2_provider.views.mixins import OAuthLibMixin
from oauthlib.oauth2.rfc6749 import errors as oauth_errors
from oauthlib.openid.connect.core.exceptions import ConsentRequired

from madoguchi.core.audit import audit_record
from madoguchi.identity.enums import Service
from madoguchi.identity.oidc import keys, selectors, services
from madoguchi.identity.oidc.claims import CLAIM_NAMES, SCOPES, scope_summary
from madoguchi.identity.oidc.errors import OidcError
from madoguchi.identity.oidc.validators import issuer

JWKS_MAX_AGE = 300


def request_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def account_may_login(user: Any) -> bool:
    """Business accounts that are active; a Member only if its Prime allowed relying parties."""
    return bool(
        user.is_authenticated and user.is_business and user.may_use(Service.RELYING_PARTIES)
    )


# Japanese for the errors shown on our own page (those that must not redirect to the client).
FATAL_MESSAGES = {
    "InvalidClientIdError": gettext_lazy("連携サービス（client_id）が登録されていません。"),
    "MissingClientIdError": gettext_lazy("連携サービス（client_id）が指定されていません。"),
    "MismatchingRedirectURIError": gettext_lazy(
        "戻り先（redirect_uri）が、この連携サービスに登録されたものと一致しません。"
    ),
    "InvalidRedirectURIError": gettext_lazy("戻り先（redirect_uri）の形式が正しくありません。"),
    "MissingRedirectURIError": gettext_lazy("戻り先（redirect_uri）が指定されていません。"),
}


@method_decorator(never_cache, name="dispatch")
class AuthorizeView(dot_views.AuthorizationView):
    """``GET /oauth/authorize``: log in, then consent (once per scope set), then back to the RP."""

    template_name = "oidc/consent.html"

    def get_login_url(self) -> str:
        hint = self.request.GET.get("login_hint", "").strip()
        url = str(settings.LOGIN_URL)
        if hint:
            url += ("&" if "?" in url else "?") + urlencode({"login_hint": hint[:254]})
        return url

    def handle_prompt_login(self) -> HttpResponse:
        """prompt=login: end the current session, then log in again before continuing."""
        if self.request.user.is_authenticated:
            logout(self.request)
        parsed = urlparse(self.request.get_full_path())
        query = [(k, v) for k, v in parse_qsl(parsed.query) if k != "prompt"]
        return redirect_to_login(
            parsed._replace(query=urlencode(query)).geturl(),
            self.get_login_url(),
            self.get_redirect_field_name(),
        )

    def error_response(self, error: Any, application: Any, **kwargs: Any) -> HttpResponse:
        redirect_, context = OAuthLibMixin.error_response(self, error, **kwargs)
        if redirect_:
            return self.redirect(context["url"], application)
        oauth_error = context["error"]
        context["error_message"] = FATAL_MESSAGES.get(
            type(oauth_error).__name__, _("この連携サービスへのログイン要求が正しくありません。")
        )
        return self.render_to_response(context, status=oauth_error.status_code)

    def _access_denied(self, credentials: dict, application: Any) -> HttpResponse:
        error = OAuthToolkitError(
            error=oauth_errors.AccessDeniedError(
                state=credentials.get("state"),
                description="This account may not log in to relying parties.",
            ),
            redirect_uri=credentials["redirect_uri"],
        )
        return self.error_response(error, application)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            scopes, credentials = self.validate_authorization_request(request)
        except OAuthToolkitError as error:
            return self.error_response(error, application=None)
        prompt = set(request.GET.get("prompt", "").split())
        if "login" in prompt:
            return self.handle_prompt_login()
        application = get_application_model().objects.get(client_id=credentials["client_id"])
        if not account_may_login(request.user):
            return self._access_denied(credentials, application)
        if "ui_locales" in credentials and isinstance(credentials["ui_locales"], list):
            credentials["ui_locales"] = " ".join(credentials["ui_locales"])

        consent = selectors.consent_for(request.user, application)
        if consent is not None and consent.covers(scopes) and "consent" not in prompt:
            try:
                uri, _headers, _body, _status = self.create_authorization_response(
                    request=request, scopes=" ".join(scopes), credentials=credentials, allow=True
                )
            except OAuthToolkitError as error:
                return self.error_response(error, application)
            return self.redirect(uri, application)

        if "none" in prompt:  # no page may be shown: the RP learns consent is needed
            consent_required = OAuthToolkitError(
                error=ConsentRequired(state=credentials.get("state")),
                redirect_uri=credentials["redirect_uri"],
            )
            return self.error_response(consent_required, application)

        ordered = [s for s in SCOPES if s in set(scopes)]
        self.oauth2_data = {
            "application": application,
            "scopes": ordered,
            "client_id": credentials["client_id"],
            "redirect_uri": credentials["redirect_uri"],
            "response_type": credentials["response_type"],
            "state": credentials.get("state"),
            "nonce": credentials.get("nonce"),
            "code_challenge": credentials.get("code_challenge"),
            "code_challenge_method": credentials.get("code_challenge_method"),
            "claims": json.dumps(credentials["claims"]) if "claims" in credentials else None,
        }
        context = self.get_context_data(**self.oauth2_data, form=self.get_form())
        return self.render_to_response(context)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if "scopes" in context:
            context["scope_summary"] = scope_summary(context["scopes"])
            context["return_host"] = urlparse(context.get("redirect_uri") or "").netloc
            context["previous"] = selectors.consent_for(self.request.user, context["application"])
        return context

    @transaction.atomic
    def form_valid(self, form: Any) -> HttpResponse:
        data = form.cleaned_data
        application = get_application_model().objects.filter(client_id=data["client_id"]).first()
        credentials = {
            key: data.get(key) for key in ("client_id", "redirect_uri", "response_type", "state")
        }
        for key in ("code_challenge", "code_challenge_method", "nonce", "claims"):
            if data.get(key):
                credentials[key] = data[key]
        scopes = data.get("scope") or ""
        allow = bool(data.get("allow")) and account_may_login(self.request.user)
        if application is not None and not allow:
            audit_record(
                action="oidc.consent_denied",
                actor=self.request.user,
                target=application,
                ip_address=request_ip(self.request),
                organisation=getattr(self.request.user, "organisation_id", None),
                data={"client_id": application.client_id, "scopes": scopes.split()},
            )
        try:
            uri, _headers, _body, _status = self.create_authorization_response(
                request=self.request, scopes=scopes, credentials=credentials, allow=allow
            )
        except OAuthToolkitError as error:
            return self.error_response(error, application)
        services.consent_grant(
            user=self.request.user,
            relying_party=application,
            scopes=scopes.split(),
            ip_address=request_ip(self.request),
        )
        return self.redirect(uri, application)

    def form_invalid(self, form: Any) -> HttpResponse:
        context = {
            "error_message": _("同意の送信内容が不完全です。連携サービスからやり直してください。")
        }
        return self.render_to_response(context, status=400)


# RFC 6749 §5.2: a failed client authentication is a 401 naming the scheme the client may use.
# oauthlib names "Bearer" (RFC 6750's scheme for resource servers), which is wrong here.
CLIENT_AUTH_CHALLENGE = 'Basic realm="Madoguchi", charset="UTF-8"'


class ClientAuthChallengeMixin:
    """Endpoints where the client authenticates (token, revocation): 401 with a Basic challenge."""

    @method_decorator(csrf_exempt)  # a server-to-server endpoint, as django-oauth-toolkit's
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        if response.status_code == 401:
            response["WWW-Authenticate"] = CLIENT_AUTH_CHALLENGE
        return response


@method_decorator(transaction.atomic, name="post")
class TokenView(ClientAuthChallengeMixin, dot_views.TokenView):
    """``POST /oauth/token``: one transaction per request (one commit instead of three)."""


class RevokeTokenView(ClientAuthChallengeMixin, dot_views.RevokeTokenView):
    """``POST /oauth/revoke`` (RFC 7009)."""


class UserInfoView(dot_views.UserInfoView):
    """``GET|POST /oauth/userinfo``: the access token in the Authorization header or a form body.

    RFC 6750 §2.3 allows it in the query string only where neither works, and advises against it:
    URLs end up in logs and browser history. A token there is refused, not looked up.
    """

    @method_decorator(csrf_exempt)
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if "access_token" in request.GET:
            response = JsonResponse(
                {
                    "error": "invalid_request",
                    "error_description": "Send the access token in the Authorization header "
                    "(Bearer) or in a form-encoded POST body, not in the URL.",
                },
                status=400,
            )
            response["WWW-Authenticate"] = 'Bearer error="invalid_request"'
            response["Cache-Control"] = "no-store"
            return response
        return super().dispatch(request, *args, **kwargs)


class DiscoveryView(dot_views.ConnectDiscoveryInfoView):
    """``/oauth/.well-known/openid-configuration`` with what Madoguchi actually accepts."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        data = json.loads(response.content)
        data.update(
            {
                "issuer": issuer(request),
                "claims_supported": [
                    *CLAIM_NAMES,
                    "iss",
                    "aud",
                    "exp",
                    "iat",
                    "auth_time",
                    "nonce",
                    "jti",
                ],
                "response_types_supported": ["code"],
                "grant_types_supported": ["authorization_code", "refresh_token"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
                "prompt_values_supported": ["none", "login", "consent"],
                "ui_locales_supported": ["ja", "en"],
            }
        )
        result = JsonResponse(data)
        result["Access-Control-Allow-Origin"] = "*"
        return result


def jwks(request: HttpRequest) -> HttpResponse:
    """The JWK set: the signing key and retired keys still within their publication period."""
    response = JsonResponse(keys.jwks())
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={JWKS_MAX_AGE}"
    return response


class LogoutView(dot_views.RPInitiatedLogoutView):
    template_name = "oidc/logout.html"


@login_required
def connections(request: HttpRequest) -> HttpResponse:
    """連携サービスの管理: what each relying party was granted, with a withdraw button."""
    items = [
        {"consent": consent, "scopes": scope_summary(consent.scopes)}
        for consent in selectors.consents_for_user(request.user)
    ]
    return render(request, "oidc/connections.html", {"items": items})


@login_required
@require_POST
def connection_withdraw(request: HttpRequest, relying_party_id: int) -> HttpResponse:
    try:
        relying_party = services.consent_withdraw(
            user=request.user, relying_party_id=relying_party_id, ip_address=request_ip(request)
        )
    except OidcError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s への情報提供の同意を取り消しました。発行済みのトークンも無効にしました。")
            % {"name": relying_party.name},
        )
    return redirect("oidc:connections")
