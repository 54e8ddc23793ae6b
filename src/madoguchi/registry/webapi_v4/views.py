"""The NTA-compatible Web-API Ver.4 (法人番号システム Web-API): /4/num, /4/diff, /4/name.

Each view checks the application id, parses its parameters, reads one page and renders it; every refusal is a
WebApiError rendered as the original's one-line CSV error. The id is checked before anything else, so a
caller without a valid id learns nothing about the registry or its own parameters.
"""

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from madoguchi.registry.webapi_v4 import params, render, selectors
from madoguchi.registry.webapi_v4.errors import WebApiError, WebApiErrorCode
from madoguchi.registry.webapi_v4.services import webapi_application_record_use

logger = logging.getLogger(__name__)


def _authenticate(request: HttpRequest) -> None:
    application = selectors.webapi_application_get(
        application_id=params.application_id(request.GET)
    )
    if application is None:
        raise WebApiError(
            WebApiErrorCode.APPLICATION_ID_UNKNOWN,
            "アプリケーションID（id）が登録されていないか、利用が停止されています。",
            status=404,
            field="id",
        )
    webapi_application_record_use(application=application)


def _answer(
    request: HttpRequest, read: Callable[[], tuple[selectors.Page, params.ResponseType]]
) -> HttpResponse:
    try:
        _authenticate(request)
        page, response_type = read()
    except WebApiError as error:
        logger.info(
            "webapi_v4 request refused",
            extra={"path": request.path, "code": error.code.value, "status": error.status},
        )
        return render.error_response(error, params.response_type_or_none(request.GET))
    return render.page_response(page, response_type)


@require_safe
def num(request: HttpRequest) -> HttpResponse:
    """/4/num: up to ten corporate numbers, their current state or (history=1) every version."""

    def read() -> tuple[selectors.Page, params.ResponseType]:
        parsed = params.parse_num(request.GET)
        return selectors.records_page(selectors.num_records(parsed), divide=1), parsed.response_type

    return _answer(request, read)


@require_safe
def diff(request: HttpRequest) -> HttpResponse:
    """/4/diff: the versions updated in a period of at most 50 days, by update date then number."""

    def read() -> tuple[selectors.Page, params.ResponseType]:
        parsed = params.parse_diff(request.GET)
        page = selectors.records_page(selectors.diff_records(parsed), divide=parsed.divide)
        return page, parsed.response_type

    return _answer(request, read)


@require_safe
def name(request: HttpRequest) -> HttpResponse:
    """/4/name: corporations by name (prefix or partial; fuzzy, exact or English), by number."""

    def read() -> tuple[selectors.Page, params.ResponseType]:
        parsed = params.parse_name(request.GET)
        page = selectors.records_page(selectors.name_records(parsed), divide=parsed.divide)
        return page, parsed.response_type

    return _answer(request, read)
