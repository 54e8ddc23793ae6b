"""Public pages: /subsidies/ (search) and /subsidies/<id>/ (one subsidy, its documents and history)."""

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from madoguchi.core.files import file_response
from madoguchi.grants import selectors
from madoguchi.grants.enums import REGIONS, TARGET_AREAS, EmployeeBracket, Industry, UsePurpose
from madoguchi.grants.models import Subsidy

PAGE_SIZE = 20
SORTS = (("newest", gettext_lazy("新着順")), ("deadline", gettext_lazy("締切が近い順")))


def search_form_parse(params: Any) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """The search form's values, each checked against its vocabulary; errors name the field."""
    errors: list[dict[str, str]] = []
    q = params.get("q", "").strip()[:200]
    purposes = [v for v in params.getlist("purpose") if v]
    industries = [v for v in params.getlist("industry") if v]
    area = params.get("area", "")
    employees = params.get("employees", "")
    sort = params.get("sort", "newest")
    if any(v not in UsePurpose.values for v in purposes):
        errors.append(
            {
                "field": "purpose",
                "message": _("利用目的: 一覧にない値が指定されました。選び直してください。"),
            }
        )
        purposes = [v for v in purposes if v in UsePurpose.values]
    if any(v not in Industry.values for v in industries):
        errors.append(
            {
                "field": "industry",
                "message": _("業種: 一覧にない値が指定されました。選び直してください。"),
            }
        )
        industries = [v for v in industries if v in Industry.values]
    if area and area not in TARGET_AREAS:
        errors.append(
            {
                "field": "area",
                "message": _("地域: 「%(value)s」は選べる地域ではありません。")
                % {"value": area[:50]},
            }
        )
        area = ""
    if employees and employees not in EmployeeBracket.values:
        errors.append({"field": "employees", "message": _("従業員数: 一覧から選んでください。")})
        employees = ""
    if sort not in dict(SORTS):
        sort = "newest"
    page = params.get("page", "1")
    form = {
        "q": q,
        "purposes": purposes,
        "industries": industries,
        "area": area,
        "employees": employees,
        "accepting": params.get("accepting") == "1",
        "sort": sort,
        "page": int(page) if page.isdigit() and 0 < len(page) < 7 else 1,
    }
    return form, errors


def _query_string(form: dict[str, Any], **override: Any) -> str:
    pairs: list[tuple[str, str]] = []
    if form["q"]:
        pairs.append(("q", form["q"]))
    pairs += [("purpose", v) for v in form["purposes"]]
    pairs += [("industry", v) for v in form["industries"]]
    for key in ("area", "employees"):
        if form[key]:
            pairs.append((key, form[key]))
    if form["accepting"]:
        pairs.append(("accepting", "1"))
    if form["sort"] != "newest":
        pairs.append(("sort", form["sort"]))
    pairs += [(k, str(v)) for k, v in override.items()]
    return urlencode(pairs)


def search(request: HttpRequest) -> HttpResponse:
    form, errors = search_form_parse(request.GET)
    query = selectors.SubsidyQuery(
        terms=selectors.keyword_terms(form["q"]),
        purposes=form["purposes"],
        industries=form["industries"],
        area=form["area"],
        employees=form["employees"],
        accepting_now=form["accepting"],
        sort="deadline" if form["sort"] == "deadline" else "created_date",
        descending=True,
    )
    paginator = Paginator(selectors.subsidy_search(query=query), PAGE_SIZE)
    page = paginator.get_page(form["page"])
    areas = [("全国", "全国"), *[(r, r) for r in REGIONS]]
    context = {
        "form": form,
        "errors": errors,
        "error_fields": {e["field"] for e in errors},
        "page": page,
        "total": paginator.count,
        "purposes": UsePurpose.values,
        "industries": Industry.values,
        "region_choices": areas,
        "regions": REGIONS,
        "employee_choices": EmployeeBracket.values,
        "sorts": SORTS,
        "previous_url": f"?{_query_string(form, page=page.previous_page_number())}"
        if page.has_previous()
        else "",
        "next_url": f"?{_query_string(form, page=page.next_page_number())}"
        if page.has_next()
        else "",
        "filtered": bool(
            form["purposes"]
            or form["industries"]
            or form["area"]
            or form["employees"]
            or form["accepting"]
        ),
    }
    return render(request, "grants/search.html", context)


def detail_context(subsidy: Subsidy) -> dict[str, Any]:
    return {
        "subsidy": subsidy,
        "documents": selectors.subsidy_documents_by_kind(subsidy),
        "rounds": list(subsidy.rounds.all()),
        "history": selectors.subsidy_history(subsidy=subsidy),
    }


def detail(request: HttpRequest, subsidy_id: str) -> HttpResponse:
    subsidy = selectors.subsidy_get_public(subsidy_id=subsidy_id)
    if subsidy is None:
        raise Http404(
            _("この補助金は見つかりません。公開が終了したか、URL が誤っている可能性があります。")
        )
    return render(request, "grants/detail.html", detail_context(subsidy))


def document(request: HttpRequest, subsidy_id: str, document_id: int) -> FileResponse:
    found = selectors.subsidy_document_get_public(subsidy_id=subsidy_id, document_id=document_id)
    if found is None:
        raise Http404(_("この資料は見つかりません。"))
    return file_response(found.file, filename=found.name, content_type=found.content_type)
