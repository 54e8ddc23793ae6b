"""Japanese first: the page language comes from the visitor's explicit choice, not the browser."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class JapaneseFirstMiddleware:
    """Drop Accept-Language so that LocaleMiddleware falls back to Japanese unless the language
    switch (the django_language cookie) chose English."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


NUL_MESSAGE = (
    "入力に使用できない文字（NUL 文字 \\x00）が含まれています。取り除いてから送信してください。"
)


class RejectNulMiddleware:
    """Refuse any request whose parameters contain a NUL character (U+0000), with a Japanese 400.

    No text column of PostgreSQL can hold NUL, so such input could only ever fail later, deep in a
    query, as a server error. Checked once here for every page and API: the query string, form
    fields and JSON bodies (``\\u0000``).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._has_nul(request):
            return HttpResponse(NUL_MESSAGE, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return True
        content_type = request.META.get("CONTENT_TYPE", "")
        if request.method in {"POST", "PUT", "PATCH"}:
            if content_type.startswith("application/x-www-form-urlencoded"):
                return any("\x00" in v for _, values in request.POST.lists() for v in values)
            if "json" in content_type:
                body = request.body
                return b"\\u0000" in body or b"\x00" in body
        return False
