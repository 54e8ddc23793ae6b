"""The middleware of the edge (see the package docstring): refuse, or hand the request on untouched."""

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from madoguchi.portal.edge.answers import refused
from madoguchi.portal.edge.checks import refusal

logger = logging.getLogger(__name__)


class EdgeGuardMiddleware:
    """Placed after LocaleMiddleware (the answer speaks the visitor's language) and before anything that
    reads the session, the user or the body."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        error = refusal(request)
        if error is None:
            return self.get_response(request)
        logger.info("edge refused a request", extra={"code": str(error.code), "field": error.field})
        return refused(request, error)
