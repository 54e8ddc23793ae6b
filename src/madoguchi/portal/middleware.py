"""Japanese first: the page language comes from the visitor's explicit choice, not the browser."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse


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
        field = self._field_with_nul(request)
        if field is None:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            # The project API's error shape (see registry.api): a summary plus one entry per field.
            message = f"{field} に使用できない文字（NUL 文字 \\x00）が含まれています。"
            return JsonResponse(
                {
                    "message": "入力内容に誤りがあります。" + message,
                    "errors": [{"field": field, "message": message}],
                },
                status=400,
                json_dumps_params={"ensure_ascii": False},
            )
        return HttpResponse(NUL_MESSAGE, status=400, content_type="text/plain; charset=utf-8")

    @staticmethod
    def _field_with_nul(request: HttpRequest) -> str | None:
        """The name of the first parameter holding a NUL ("body" for a JSON body), else None."""
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return key.replace("\x00", "")
        if request.method in {"POST", "PUT", "PATCH"}:
            content_type = request.META.get("CONTENT_TYPE", "")
            if content_type.startswith("application/x-www-form-urlencoded"):
                for key, values in request.POST.lists():
                    if "\x00" in key or any("\x00" in value for value in values):
                        return key.replace("\x00", "")
            elif "json" in content_type:
                body = request.body
                if b"\\u0000" in body or b"\x00" in body:
                    return "body"
        return None
