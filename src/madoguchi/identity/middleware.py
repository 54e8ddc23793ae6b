"""MFA is required of Prime, Member and staff: after an interactive login, until an authenticator
is set up, every page sends them to the set-up page (Members: an authenticator app, TOTP)."""

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
)
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _

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


class StaffAccessMiddleware:
    """The staff area's gate, derived from ``identity.roles.STAFF_RULES``: before any staff view
    runs, the rule of its URL name must be met by one of the user's roles (page level). Anonymous
    visitors go to the login page (a stored file's download: 404), business accounts get 404 (the staff area is not theirs to
    know), staff without the right 403, a method the rule does not list 405. A URL under a staff
    prefix without a rule answers 404 (fail closed). Object-level checks (the division that owns a
    subsidy, a reviewer's own assignment) are done by each context's selectors and services with
    ``identity.selectors.staff_may``; views find the rights checked here in ``request.staff_rights``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponseBase | None:
        from madoguchi.identity.roles import is_staff_path, rule_for
        from madoguchi.identity.selectors import staff_has

        match = request.resolver_match
        rule = rule_for(match.view_name, match.namespace) if match is not None else None
        if rule is None:
            if is_staff_path(request.path_info):
                raise Http404(_("ページが見つかりません。"))
            return None
        if rule.public or not rule.gated:
            return None
        user = request.user
        if not user.is_authenticated:
            if rule.download:
                raise Http404(_("ページが見つかりません。"))
            return redirect_to_login(request.get_full_path())
        if not user.is_staff:
            raise Http404(_("ページが見つかりません。"))
        action = None
        if request.method == "POST" and isinstance(rule.post, Mapping):
            action = request.POST.get("action", "")
        rights = rule.rights_for(request.method or "", action)
        if rights is None:
            allowed = [m for m, r in (("GET", rule.get), ("POST", rule.post)) if r is not None]
            return HttpResponseNotAllowed(allowed)
        if not rights:
            return HttpResponseBadRequest(
                _("操作が選ばれていません。画面のボタンから操作してください。"),
                content_type="text/plain; charset=utf-8",
            )
        if not any(staff_has(user, right) for right in rights):
            if rule.download:
                raise Http404(_("ページが見つかりません。"))
            raise PermissionDenied(_("この画面・操作を使う権限がありません。"))
        request.staff_rights = rights  # type: ignore[attr-defined]
        return None
