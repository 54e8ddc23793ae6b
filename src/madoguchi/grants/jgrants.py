"""The jGrants-compatible public API (../shared/reference/jgrants-api.md, specs/jgrants-api-v1.yaml).

    GET /exp/v1/public/subsidies                 search
    GET /exp/v1/public/subsidies/id/{id}         detail (v1)
    GET /exp/v2/public/subsidies                 search, plus institution_name
    GET /exp/v2/public/subsidies/id/{id}         detail (v2: granttype, institution_name, workflow)

Plain Django views, so that the wire format is exactly the official one: the same parameter names and
allowed values, ``{"message": "Bad request"}`` for any invalid parameter, ``{"message": "Resource not
found"}`` for an unknown id, the E-ML-9999 body for a server error, datetimes as ``2020-02-28T16:41:41.090Z``
and attachments as Base64. Every response allows cross-origin GET.
"""

import base64
import datetime as dt
import functools
import json
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Cast, NullIf
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from madoguchi.grants import response_cache, selectors
from madoguchi.grants.enums import (
    SEPARATOR,
    TARGET_AREAS,
    DocumentKind,
    EmployeeBracket,
    Industry,
    UsePurpose,
)
from madoguchi.grants.models import Subsidy

logger = logging.getLogger(__name__)

SPEC_URL = "https://anypoint.mulesoft.com/exchange/497c75e7-5d6a-48b3-a39b-4105316f61f0/exp-public/"
BAD_REQUEST = {"message": "Bad request"}
NOT_FOUND = {"message": "Resource not found"}
METHOD_NOT_ALLOWED = {"message": "Method not allowed"}
SORTS = ("created_date", "acceptance_start_datetime", "acceptance_end_datetime")
ORDERS = ("ASC", "DESC")
ACCEPTANCES = ("0", "1")
KEYWORD_MAX = 255
MULTI_MAX = 255
ID_MAX = 18
PURPOSES = frozenset(UsePurpose.values)
INDUSTRIES = frozenset(Industry.values)
EMPLOYEES = frozenset(EmployeeBracket.values)
AREAS = frozenset(TARGET_AREAS)
SPACES = frozenset(" \u3000\t\r\n")
LIST_FIELDS = (
    "id",
    "name",
    "title",
    "target_area_search",
    "subsidy_max_limit",
    "acceptance_start_datetime",
    "acceptance_end_datetime",
    "target_number_of_employees",
)


class BadRequest(Exception):
    pass


DATETIME_FORMAT = {  # 2020-02-28T16:41:41.090Z
    "postgresql": 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"',
    "sqlite": "%Y-%m-%dT%H:%M:%fZ",
}
DATETIME_FIELDS = frozenset(
    {"acceptance_start_datetime", "acceptance_end_datetime", "project_end_deadline"}
)
NUMBER_FIELDS = frozenset({"subsidy_max_limit"})
NOT_NULL_FIELDS = frozenset({"id", "name"})


def row_json(fields: tuple[str, ...], vendor: str) -> Func:
    """One list item as JSON text, built by the database (PostgreSQL json_build_object, SQLite
    json_object): blank text becomes null, datetimes take the jGrants format. Building thousands of
    rows in C rather than Python is what keeps broad searches fast."""
    postgresql = vendor == "postgresql"
    arguments: list[Any] = []
    for name in fields:
        arguments.append(Cast(Value(name), TextField()) if postgresql else Value(name))
        column: Any = F(name)
        if name in DATETIME_FIELDS and postgresql:
            column = Func(
                F(name),
                Value(DATETIME_FORMAT["postgresql"]),
                template="to_char(%(expressions)s)",
                arg_joiner=" AT TIME ZONE 'UTC', ",
            )
        elif name in DATETIME_FIELDS:
            column = Func(Value(DATETIME_FORMAT["sqlite"]), F(name), function="strftime")
        elif name not in NUMBER_FIELDS and name not in NOT_NULL_FIELDS:
            column = NullIf(F(name), Value(""))
        arguments.append(column)
    if postgresql:
        return Func(
            *arguments,
            template="json_build_object(%(expressions)s)::text",
            output_field=TextField(),
        )
    return Func(*arguments, function="json_object", output_field=TextField())


def _json(body: Any, status: int = 200) -> HttpResponse:
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, separators=(",", ":")),
        status=status,
        content_type="application/json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def bad_request() -> HttpResponse:
    """The official answer to any invalid parameter, also given by the edge (portal.edge) to input it
    refuses before the API runs: jGrants clients know this one body for a 400."""
    return _json(BAD_REQUEST, 400)


def jgrants_datetime(value: dt.datetime | None) -> str | None:
    """``2020-02-28T16:41:41.090Z``: UTC, milliseconds, Z."""
    if value is None:
        return None
    value = value.astimezone(dt.UTC)
    return f"{value:%Y-%m-%dT%H:%M:%S}.{value.microsecond // 1000:03d}Z"


def _or_null(value: Any) -> Any:
    return None if value == "" else value


def endpoint(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """GET only (OPTIONS answers a CORS preflight), JSON errors in the official shapes."""

    @csrf_exempt
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Allow-Methods"] = "GET, OPTIONS"
            response["Access-Control-Allow-Headers"] = "*"
            response["Access-Control-Max-Age"] = "86400"
            return response
        if request.method not in {"GET", "HEAD"}:
            response = _json(METHOD_NOT_ALLOWED, 405)
            response["Allow"] = "GET, OPTIONS"
            return response
        try:
            return view(request, *args, **kwargs)
        except BadRequest:
            return bad_request()
        except Exception:
            logger.exception("jgrants api error", extra={"path": request.path})
            return _json(
                {
                    "type": SPEC_URL,
                    "errorCode": "E-ML-9999",
                    "title": "Internal Server Error",
                    "instance": request.path,
                },
                500,
            )

    return wrapper


def _one(request: HttpRequest, name: str, *, required: bool) -> str | None:
    value = request.GET.get(name)
    if value is None or value == "":
        if required:
            raise BadRequest(name)
        return None
    return value


def _choice(
    request: HttpRequest, name: str, allowed: tuple[str, ...] | frozenset[str], *, required: bool
) -> str | None:
    value = _one(request, name, required=required)
    if value is not None and value not in allowed:
        raise BadRequest(name)
    return value


def _multi(request: HttpRequest, name: str, allowed: frozenset[str]) -> list[str]:
    value = _one(request, name, required=False)
    if value is None:
        return []
    if len(value) > MULTI_MAX:
        raise BadRequest(name)
    values = value.split(SEPARATOR)
    if any(v not in allowed for v in values):
        raise BadRequest(name)
    return values


def _search(request: HttpRequest, *, version: int) -> HttpResponse:
    keyword = _one(request, "keyword", required=True) or ""
    if len(keyword) > KEYWORD_MAX or any(c in SPACES for c in keyword):
        raise BadRequest("keyword")
    sort = _choice(request, "sort", SORTS, required=True)
    order = _choice(request, "order", ORDERS, required=True)
    acceptance = _choice(request, "acceptance", ACCEPTANCES, required=True)
    purposes = _multi(request, "use_purpose", PURPOSES)
    industries = _multi(request, "industry", INDUSTRIES)
    employees = _choice(request, "target_number_of_employees", EMPLOYEES, required=False)
    area = _choice(request, "target_area_search", AREAS, required=False)
    institution = ""
    if version >= 2:
        institution = _one(request, "institution_name", required=False) or ""
        if len(institution) > MULTI_MAX:
            raise BadRequest("institution_name")
    state = response_cache.catalogue_state.get(selectors.catalogue_state)
    # acceptance=1 depends on the clock too: the entry's lifetime (60 s) bounds how late it notices.
    key = f"v{version}|{state}|{sorted(request.GET.items())}"
    cached = response_cache.list_cache.get(key) if settings.GRANTS_API_CACHE else None
    if cached is not None:
        return _raw_json(cached)
    terms = selectors.keyword_terms(keyword)
    rows: list[str] = []
    # One character (or nothing after folding) finds nothing, as on jGrants.
    if len(keyword) >= 2 and terms:
        query = selectors.SubsidyQuery(
            terms=terms,
            purposes=purposes,
            industries=industries,
            employees=employees or "",
            area=area or "",
            institution=institution,
            accepting_now=acceptance == "1",
            sort=sort or "created_date",
            descending=order == "DESC",
        )
        fields = LIST_FIELDS + (("institution_name",) if version >= 2 else ())
        qs = selectors.subsidy_search(query=query).annotate(
            _row=row_json(fields, connection.vendor)
        )
        rows = list(qs.values_list("_row", flat=True))
    # Each row is already JSON, built by the database (RowJson): the response is their concatenation.
    body = (
        f'{{"metadata":{{"type":"{SPEC_URL}","resultset":{{"count":{len(rows)}}}}},'
        f'"result":[{",".join(rows)}]}}'
    ).encode()
    if settings.GRANTS_API_CACHE:
        response_cache.list_cache.put(key, body)
    return _raw_json(body)


def _raw_json(body: bytes) -> HttpResponse:
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _attachments(subsidy: Subsidy) -> dict[str, list[dict[str, str]]]:
    grouped = selectors.subsidy_documents_by_kind(subsidy)
    out: dict[str, list[dict[str, str]]] = {}
    for kind in DocumentKind.values:
        items = []
        for document in grouped[kind]:
            with document.file.open("rb") as handle:
                data = base64.b64encode(handle.read()).decode("ascii")
            items.append({"name": document.name, "data": data})
        out[kind] = items
    return out


def subsidy_detail_v1(subsidy: Subsidy, front_url: str) -> dict[str, Any]:
    return {
        "id": subsidy.id,
        "name": subsidy.name,
        "title": _or_null(subsidy.title),
        "subsidy_catch_phrase": _or_null(subsidy.subsidy_catch_phrase),
        "detail": _or_null(subsidy.detail),
        "use_purpose": _or_null(subsidy.use_purpose),
        "industry": _or_null(subsidy.industry),
        "target_area_search": _or_null(subsidy.target_area_search),
        "target_area_detail": _or_null(subsidy.target_area_detail),
        "target_number_of_employees": _or_null(subsidy.target_number_of_employees),
        "subsidy_rate": _or_null(subsidy.subsidy_rate),
        "subsidy_max_limit": subsidy.subsidy_max_limit,
        "acceptance_start_datetime": jgrants_datetime(subsidy.acceptance_start_datetime),
        "acceptance_end_datetime": jgrants_datetime(subsidy.acceptance_end_datetime),
        "project_end_deadline": jgrants_datetime(subsidy.project_end_deadline),
        "request_reception_presence": "有" if subsidy.request_reception_presence else "無",
        "is_enable_multiple_request": subsidy.is_enable_multiple_request,
        "front_subsidy_detail_page_url": front_url,
        **_attachments(subsidy),
    }


MOVED_TO_WORKFLOW = (
    "target_area_search",
    "target_area_detail",
    "acceptance_start_datetime",
    "acceptance_end_datetime",
    "project_end_deadline",
)


def subsidy_detail_v2(subsidy: Subsidy, front_url: str) -> dict[str, Any]:
    body = subsidy_detail_v1(subsidy, front_url)
    for name in MOVED_TO_WORKFLOW:
        del body[name]
    rounds = list(subsidy.rounds.all())
    workflow = [
        {
            "id": r.id,
            "target_area_search": _or_null(r.target_area_search),
            "target_area_detail": _or_null(r.target_area_detail),
            "fiscal_year_round": _or_null(r.fiscal_year_round),
            "acceptance_start_datetime": jgrants_datetime(r.acceptance_start_datetime),
            "acceptance_end_datetime": jgrants_datetime(r.acceptance_end_datetime),
            "project_end_deadline": jgrants_datetime(r.project_end_deadline),
        }
        for r in rounds
    ] or [
        {  # no rounds recorded: the subsidy's own window is its one round
            "id": subsidy.id,
            "target_area_search": _or_null(subsidy.target_area_search),
            "target_area_detail": _or_null(subsidy.target_area_detail),
            "fiscal_year_round": None,
            "acceptance_start_datetime": jgrants_datetime(subsidy.acceptance_start_datetime),
            "acceptance_end_datetime": jgrants_datetime(subsidy.acceptance_end_datetime),
            "project_end_deadline": jgrants_datetime(subsidy.project_end_deadline),
        }
    ]
    body["granttype"] = subsidy.granttype or None
    body["institution_name"] = _or_null(subsidy.institution_name)
    body["workflow"] = workflow
    return body


def _detail(request: HttpRequest, subsidy_id: str, *, version: int) -> HttpResponse:
    if len(subsidy_id) > ID_MAX:
        raise BadRequest("id")
    subsidy = selectors.subsidy_get_public(subsidy_id=subsidy_id)
    if subsidy is None:
        return _json(NOT_FOUND, 404)
    # The public page's address from the configured site URL, never from the request's Host header.
    front_url = settings.SITE_URL + subsidy.get_absolute_url()
    result = (
        subsidy_detail_v2(subsidy, front_url)
        if version >= 2
        else subsidy_detail_v1(subsidy, front_url)
    )
    return _json({"metadata": {"type": SPEC_URL, "resultset": {"count": 1}}, "result": [result]})


@endpoint
def search_v1(request: HttpRequest) -> HttpResponse:
    return _search(request, version=1)


@endpoint
def search_v2(request: HttpRequest) -> HttpResponse:
    return _search(request, version=2)


@endpoint
def detail_v1(request: HttpRequest, subsidy_id: str) -> HttpResponse:
    return _detail(request, subsidy_id, version=1)


@endpoint
def detail_v2(request: HttpRequest, subsidy_id: str) -> HttpResponse:
    return _detail(request, subsidy_id, version=2)


@endpoint
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    return _json(NOT_FOUND, 404)
