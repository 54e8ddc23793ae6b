"""MFA is required of Prime, Member and staff: after an interactive login, until an authenticator
is set up, every page sends them to the set-up page (Members: an authenticator app, TOTP)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from madoguchi.identity.mfa import mfa_missing

ALLOWED_PREFIXES = (
    "/accounts/",
    "/static/",
    "/i18n/",
    "/outbox/",
    "/media/",
    "/identity/mfa-required/",
)
SESSION_KEY = "account_authentication_methods"  # set by allauth at every interactive login


class MfaRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and SESSION_KEY in request.session
            and not request.path.startswith(ALLOWED_PREFIXES)
            and mfa_missing(user)
        ):
            return redirect("identity:mfa-required")
        return self.get_response(request)
