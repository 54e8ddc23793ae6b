"""Staff pages for programme officers: list, create, edit, preview, publish, withdraw, documents.

Who may open each page is the rule of its URL name (identity.roles.STAFF_RULES, checked by
identity.middleware before the view runs); a subsidy of a division the user's right does not reach
answers 404 (``require_division``). Every write goes through ``grants.services``, which check again.
"""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from madoguchi.core.files import file_response
from madoguchi.grants import selectors, services
from madoguchi.grants.enums import SubsidyStatus
from madoguchi.grants.errors import GrantsError, SubsidyInvalid
from madoguchi.grants.forms import DocumentForm, RoundFormSet, SubsidyForm
from madoguchi.grants.models import Subsidy
from madoguchi.grants.views.public import detail_context
from madoguchi.identity.roles import Right
from madoguchi.identity.selectors import staff_has, staff_may
from madoguchi.identity.staff_pages import require_division


def _get(request: HttpRequest, subsidy_id: str) -> Subsidy:
    subsidy = selectors.subsidy_get(subsidy_id=subsidy_id)
    if subsidy is None:
        raise Http404(_("この補助金は見つかりません。"))
    require_division(request, subsidy.division_id)
    return subsidy


def subsidy_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    q = request.GET.get("q", "").strip()[:200]
    qs = selectors.subsidies_for_staff(
        user=request.user, terms=selectors.keyword_terms(q), status=status
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "grants/staff/list.html",
        {
            "page": page,
            "status": status,
            "q": q,
            "statuses": SubsidyStatus.choices,
            "may_add": staff_has(request.user, Right.SUBSIDY_EDIT),
        },
    )


def _initial(subsidy: Subsidy) -> dict[str, Any]:
    local = {
        name: timezone.localtime(getattr(subsidy, name)).strftime("%Y-%m-%dT%H:%M")
        if getattr(subsidy, name)
        else None
        for name in ("acceptance_start_datetime", "acceptance_end_datetime", "project_end_deadline")
    }
    return {
        "title": subsidy.title,
        "subsidy_catch_phrase": subsidy.subsidy_catch_phrase,
        "institution_name": subsidy.institution_name,
        "granttype": subsidy.granttype,
        "detail": subsidy.detail,
        "use_purpose": subsidy.purposes,
        "industry": subsidy.industries,
        "target_area_search": subsidy.target_areas,
        "target_area_detail": subsidy.target_area_detail,
        "target_number_of_employees": subsidy.target_number_of_employees,
        "subsidy_rate": subsidy.subsidy_rate,
        "division": subsidy.division_id,
        "subsidy_max_limit": subsidy.subsidy_max_limit,
        "request_reception_presence": subsidy.request_reception_presence,
        "is_enable_multiple_request": subsidy.is_enable_multiple_request,
        **local,
    }


def _rounds_initial(subsidy: Subsidy) -> list[dict[str, Any]]:
    return [
        {
            "fiscal_year_round": r.fiscal_year_round,
            "target_area_search": [a for a in r.target_area_search.split(" / ") if a],
            "target_area_detail": r.target_area_detail,
            **{
                name: timezone.localtime(getattr(r, name)).strftime("%Y-%m-%dT%H:%M")
                if getattr(r, name)
                else None
                for name in (
                    "acceptance_start_datetime",
                    "acceptance_end_datetime",
                    "project_end_deadline",
                )
            },
        }
        for r in subsidy.rounds.all()
    ]


def _attach_errors(form: SubsidyForm, rounds: Any, error: SubsidyInvalid) -> None:
    for item in error.errors:
        field = item.field or ""
        if field.startswith("rounds-"):
            _, index, name = field.split("-", 2)
            if int(index) < len(rounds.forms):
                rounds.forms[int(index)].add_error(
                    name if name in rounds.forms[int(index)].fields else None, item.message
                )
                continue
        form.add_error(field if field in form.fields else None, item.message)


def _edit(request: HttpRequest, subsidy: Subsidy | None) -> HttpResponse:
    if request.method == "POST":
        form = SubsidyForm(request.POST, user=request.user)
        rounds = RoundFormSet(request.POST, prefix="rounds")
        if form.is_valid() and rounds.is_valid():
            round_inputs = [r for r in (f.to_input() for f in rounds.forms) if r is not None]
            data = form.to_input(round_inputs)
            division = form.cleaned_data["division"]
            try:
                if subsidy is None:
                    subsidy = services.subsidy_create(
                        actor=request.user, data=data, division=division
                    )
                    messages.success(
                        request, _("下書きとして保存しました。内容を確認して公開してください。")
                    )
                else:
                    services.subsidy_update(
                        actor=request.user, subsidy=subsidy, data=data, division=division
                    )
                    messages.success(request, _("変更を保存しました。"))
                return redirect("grants_staff:preview", subsidy.id)
            except SubsidyInvalid as error:
                _attach_errors(form, rounds, error)
            except GrantsError as error:
                form.add_error(None, error.message)
    else:
        form = SubsidyForm(initial=_initial(subsidy) if subsidy else None, user=request.user)
        rounds = RoundFormSet(
            prefix="rounds", initial=_rounds_initial(subsidy) if subsidy else None
        )
    error_items = []
    for bound in form:
        for message in bound.errors:
            error_items.append({"anchor": bound.id_for_label or bound.auto_id, "message": message})
    error_items += [{"anchor": "", "message": m} for m in form.non_field_errors()]
    for index, round_form in enumerate(rounds.forms):
        for bound in round_form:
            for message in bound.errors:
                error_items.append(
                    {"anchor": bound.auto_id, "message": f"{_('公募回')} {index + 1}: {message}"}
                )
    return render(
        request,
        "grants/staff/edit.html",
        {"form": form, "rounds": rounds, "subsidy": subsidy, "error_items": error_items},
        status=400 if error_items else 200,
    )


def subsidy_new(request: HttpRequest) -> HttpResponse:
    return _edit(request, None)


def subsidy_edit(request: HttpRequest, subsidy_id: str) -> HttpResponse:
    return _edit(request, _get(request, subsidy_id))


def _preview(
    request: HttpRequest,
    subsidy: Subsidy,
    document_form: DocumentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = detail_context(subsidy)
    context.update(
        {
            "preview": True,
            "document_form": document_form or DocumentForm(),
            "statuses": SubsidyStatus,
            "may_edit": staff_may(request.user, Right.SUBSIDY_EDIT, subsidy.division_id),
        }
    )
    return render(request, "grants/staff/preview.html", context, status=status)


def subsidy_preview(request: HttpRequest, subsidy_id: str) -> HttpResponse:
    return _preview(request, _get(request, subsidy_id))


@require_POST
def subsidy_publish(request: HttpRequest, subsidy_id: str) -> HttpResponse:
    subsidy = _get(request, subsidy_id)
    try:
        services.subsidy_publish(actor=request.user, subsidy=subsidy)
        messages.success(request, _("公開しました。ポータルと API に表示されます。"))
    except SubsidyInvalid as error:
        for item in error.errors:
            messages.error(request, item.message)
    except GrantsError as error:
        messages.error(request, error.message)
    return redirect("grants_staff:preview", subsidy.id)


@require_POST
def subsidy_withdraw(request: HttpRequest, subsidy_id: str) -> HttpResponse:
    subsidy = _get(request, subsidy_id)
    try:
        services.subsidy_withdraw(
            actor=request.user, subsidy=subsidy, reason=request.POST.get("reason", "")
        )
        messages.success(request, _("公開を停止しました。ポータルと API には表示されません。"))
    except GrantsError as error:
        messages.error(request, error.message)
    return redirect("grants_staff:preview", subsidy.id)


@require_POST
def document_add(request: HttpRequest, subsidy_id: str) -> HttpResponse:
    subsidy = _get(request, subsidy_id)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.subsidy_document_add(
                actor=request.user,
                subsidy=subsidy,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
            messages.success(request, _("資料を登録しました。"))
            return redirect("grants_staff:preview", subsidy.id)
        except GrantsError as error:
            form.add_error("file", error.message)
    return _preview(request, _get(request, subsidy_id), form, status=400)


def document_download(request: HttpRequest, subsidy_id: str, document_id: int) -> FileResponse:
    subsidy = _get(request, subsidy_id)
    found = selectors.subsidy_document_get(subsidy_id=subsidy.id, document_id=document_id)
    if found is None:
        raise Http404(_("この資料は見つかりません。"))
    return file_response(found.file, filename=found.name, content_type=found.content_type)


@require_POST
def document_remove(request: HttpRequest, subsidy_id: str, document_id: int) -> HttpResponse:
    subsidy = _get(request, subsidy_id)
    found = selectors.subsidy_document_get(subsidy_id=subsidy.id, document_id=document_id)
    if found is None:
        raise Http404(_("この資料は見つかりません。"))
    services.subsidy_document_remove(actor=request.user, document=found)
    messages.success(request, _("資料「%(name)s」を削除しました。") % {"name": found.name})
    return redirect("grants_staff:preview", subsidy_id)
