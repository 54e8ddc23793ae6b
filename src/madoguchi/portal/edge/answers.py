"""How the edge says no: a 400 in the error shape of the API the path belongs to, a page otherwise.

- /api/v1/ (our API): its ``ErrorOut`` body (core.api), the Japanese message with the field.
- /exp/ (jGrants-compatible): ``{"message": "Bad request"}``, the one body the official API gives for
  any invalid parameter; a jGrants client must not see a shape it was never told about.
- /4/ (NTA Web-API): the one-line CSV error ``001,<message>``, in Shift-JIS when type=01 was asked
  for, as every other error of that API.
- the OAuth 2.0 endpoints clients call directly (token, revoke, userinfo, introspection): RFC 6749
  §5.2's ``{"error": "invalid_request", "error_description": …}`` with ``no-store``; the description is
  ASCII, as §5.2 requires, and names the code and the part of the request. The authorization and
  logout endpoints are pages a person sees: they get the page.
- anything else: a short standalone page (portal/refused.html) with the Japanese message.

Which API a path belongs to is read from the URL configuration (the namespaces' prefixes), never
listed twice.
"""

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, get_resolver, resolve

from madoguchi.core.api import error_detail, invalid_body
from madoguchi.core.errors import MadoguchiError
from madoguchi.grants import jgrants
from madoguchi.registry.webapi_v4 import params, render
from madoguchi.registry.webapi_v4.errors import WebApiError, WebApiErrorCode

# Endpoints of the provider (django-oauth-toolkit's namespace) that clients call, not people.
OAUTH_CLIENT_ENDPOINTS = frozenset({"token", "revoke-token", "user-info", "introspect"})
_NOT_IN_OAUTH_DESCRIPTION = re.compile(r"[^\x20-\x21\x23-\x5b\x5d-\x7e]")  # RFC 6749 §5.2


def _api(request: HttpRequest, error: MadoguchiError) -> HttpResponse:
    body = invalid_body([error_detail(error.field, str(error.code), error.message)])
    return JsonResponse(body, status=400, json_dumps_params={"ensure_ascii": False})


def _jgrants(request: HttpRequest, error: MadoguchiError) -> HttpResponse:
    return jgrants.bad_request()


def _webapi_v4(request: HttpRequest, error: MadoguchiError) -> HttpResponse:
    # The CSV line has no quoting: a message must not carry an ASCII comma.
    message = error.message.replace(",", "，")
    refused = WebApiError(WebApiErrorCode.REQUEST_INVALID, message, field=error.field)
    return render.error_response(refused, params.response_type_or_none(request.GET))


def _oauth(request: HttpRequest, error: MadoguchiError) -> HttpResponse:
    description = f"Request refused: {error.code} in {error.field or 'request'}"
    response = JsonResponse(
        {
            "error": "invalid_request",
            "error_description": _NOT_IN_OAUTH_DESCRIPTION.sub("?", description),
        },
        status=400,
    )
    response["Cache-Control"] = "no-store"
    response["Pragma"] = "no-cache"
    return response


def _page(request: HttpRequest, error: MadoguchiError) -> HttpResponse:
    # Rendered without the request: the session, the user and the navigation have not run yet.
    return HttpResponse(
        render_to_string("portal/refused.html", {"message": error.message}), status=400
    )


# URL namespace (config/urls.py) → the answer for a path under it.
BY_NAMESPACE: dict[str, Callable[[HttpRequest, MadoguchiError], HttpResponse]] = {
    "api-v1": _api,
    "jgrants": _jgrants,
    "webapi_v4": _webapi_v4,
}


def _answer_for(request: HttpRequest) -> Callable[[HttpRequest, MadoguchiError], HttpResponse]:
    path = request.path_info
    try:
        match = resolve(path)
    except Resolver404:
        match = None
    if match is not None:
        if match.namespace == "oauth2_provider" and match.url_name in OAUTH_CLIENT_ENDPOINTS:
            return _oauth
        if match.namespace in BY_NAMESPACE:
            return BY_NAMESPACE[match.namespace]
    # A path that matches nothing still belongs to the API whose prefix it starts with.
    namespaces = get_resolver().namespace_dict
    for namespace, answer in BY_NAMESPACE.items():
        prefix = namespaces.get(namespace)
        if prefix is not None and re.match(prefix[0], path.removeprefix("/")):
            return answer
    return _page


def refused(request: HttpRequest, error: MadoguchiError) -> HttpResponse:
    """The 400 answer to ``error``, shaped for the API (or page) the request's path belongs to."""
    return _answer_for(request)(request, error)
