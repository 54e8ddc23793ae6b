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
