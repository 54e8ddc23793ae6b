"""Registry pages: the search page (/registry/) and the page of one corporation (/registry/<number>/).

The search page is a plain GET form; htmx makes it live (results swap in as the query or a filter
changes, the city list follows the prefecture) without changing what the form does without JavaScript.
"""

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from madoguchi.core.errors import MadoguchiError
from madoguchi.registry import regions, selectors
from madoguchi.registry.enums import Kind
from madoguchi.registry.numbers import InvalidCorporateNumber, validate_corporate_number
from madoguchi.registry.selectors import InvalidSearch, SearchStatus

RESULTS_TARGET = "search-results"  # the id htmx swaps
_PAGE_WINDOW = 2  # page links shown either side of the current page
_FIELD_IDS = frozenset({"q", "prefecture", "city", "kind", "status"})  # inputs with id registry-…


def _is_htmx(request: HttpRequest) -> bool:
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def _page_links(
    result: selectors.CorporationSearchResult, path: str, query: dict[str, str]
) -> list[Any]:
    """Numbered page links around the current page, with None for a gap (…)."""
    if result.num_pages <= 1:
        return []
    shown = {1, result.num_pages}
    shown.update(
        range(
            max(1, result.page - _PAGE_WINDOW),
            min(result.num_pages, result.page + _PAGE_WINDOW) + 1,
        )
    )
    links: list[Any] = []
    previous = 0
    for number in sorted(shown):
        if number - previous > 1:
            links.append(None)
        links.append({"number": number, "url": f"{path}?{urlencode({**query, 'page': number})}"})
        previous = number
    return links


def search(request: HttpRequest) -> HttpResponse:
    params = request.GET
    htmx = _is_htmx(request)
    q = params.get("q", "").strip()
    prefecture = params.get("prefecture", "").strip()
    # When htmx reports a new prefecture, the city chosen in the old one no longer applies.
    prefecture_changed = htmx and request.headers.get("HX-Trigger-Name") == "prefecture"
    city = "" if prefecture_changed else params.get("city", "").strip()
    filters, errors = selectors.search_filters_parse(
        prefecture=prefecture,
        city=city,
        kind=params.get("kind", ""),
        status=params.get("status", ""),
    )
    field_errors: list[MadoguchiError] = list(errors)
    result = None
    try:
        page = selectors.search_page_parse(params.get("page"))
    except InvalidSearch as error:
        field_errors.append(error)
        page = 1
    if not field_errors:
        try:
            result = selectors.corporation_search(text=q, filters=filters, page=page)
        except InvalidCorporateNumber as error:
            error.field = "q"
            field_errors.append(error)
        except InvalidSearch as error:
            field_errors.append(error)
    query = {
        key: value
        for key, value in (
            ("q", q),
            ("prefecture", filters.prefecture or prefecture),
            ("city", filters.city or city),
            ("kind", params.get("kind", "").strip()),
            ("status", params.get("status", "").strip()),
        )
        if value and not (key == "status" and value == SearchStatus.ALL)
    }
    context = {
        "q": q,
        "query": query,
        "filters": filters,
        "prefectures": regions.prefectures(),
        "cities": regions.cities(filters.prefecture or prefecture),
        "kinds": Kind.choices,
        "statuses": [
            (SearchStatus.ALL.value, _("すべて")),
            (SearchStatus.OPEN.value, _("閉鎖されていない法人")),
            (SearchStatus.CLOSED.value, _("閉鎖された法人")),
        ],
        "result": result,
        "errors": field_errors,
        "error_fields": {error.field for error in field_errors},
        "error_items": [
            {
                "message": error.message,
                "anchor": f"registry-{error.field}" if error.field in _FIELD_IDS else "",
            }
            for error in field_errors
        ],
        "filtered": bool(filters.prefecture or filters.kind or filters.status != SearchStatus.ALL),
        "page_links": _page_links(result, request.path, query) if result else [],
        "results_target": RESULTS_TARGET,
    }
    context["first_page_url"] = request.path + "?" + urlencode(query)
    if result and result.has_previous:
        context["previous_url"] = request.path + "?" + urlencode({**query, "page": result.page - 1})
    if result and result.has_next:
        context["next_url"] = request.path + "?" + urlencode({**query, "page": result.page + 1})
    if htmx and request.headers.get("HX-Target") == RESULTS_TARGET:
        html = render_to_string("registry/_results.html", context, request=request)
        html += render_to_string("registry/_search_status.html", {**context, "oob": True})
        if prefecture_changed:
            html += render_to_string(
                "registry/_city_field.html", {**context, "oob": True}, request=request
            )
        response = HttpResponse(html)
        # The address bar shows the search as the server understood it (a stale city dropped).
        pushed = {**query, **({"page": str(result.page)} if result and result.page > 1 else {})}
        response["HX-Push-Url"] = request.path + ("?" + urlencode(pushed) if pushed else "")
    else:
        response = render(request, "registry/search.html", context)
    response["Vary"] = "HX-Request, HX-Target, HX-Trigger-Name"
    return response


def _not_found(request: HttpRequest, *, number: str, reason: str) -> HttpResponse:
    return render(
        request,
        "registry/not_found.html",
        {"number": number, "reason": reason},
        status=404,
    )


def corporation(request: HttpRequest, corporate_number: str) -> HttpResponse:
    try:
        number = validate_corporate_number(corporate_number)
    except InvalidCorporateNumber as error:
        return _not_found(request, number=corporate_number, reason=error.message)
    if number != corporate_number:
        return redirect("registry:corporation", number, permanent=True)
    record = selectors.corporation_get(corporate_number=number)
    if record is None:
        return _not_found(
            request,
            number=number,
            reason=_("法人番号 %(number)s の法人は登録されていません。") % {"number": number},
        )
    if record.is_deleted:
        return _not_found(
            request,
            number=number,
            reason=_(
                "法人番号 %(number)s の法人の情報は、国税庁により削除されています（処理区分「削除」）。"
            )
            % {"number": number},
        )
    related = selectors.corporations_by_number([record.successor_corporate_number])
    return render(
        request,
        "registry/corporation.html",
        {
            "corporation": record,
            "history": selectors.corporation_history(corporate_number=number),
            "successor": related.get(record.successor_corporate_number),
            "predecessors": selectors.corporation_predecessors(corporate_number=number),
        },
    )
