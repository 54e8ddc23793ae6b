"""Programme officers' pages: applications per subsidy (state filters), one application with the
officer's transition buttons, the per-subsidy stage forms. Who may open each page is its rule in
identity.roles (checked before the view runs); a subsidy or application of a division the page's
right does not reach answers 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from madoguchi.forms.enums import VersionStatus
from madoguchi.forms.models import FormVersion
from madoguchi.grants import selectors as grants_selectors
from madoguchi.grants.applications import notices, selectors, services
from madoguchi.grants.applications.enums import ApplicationStatus, Stage
from madoguchi.grants.applications.errors import ApplicationError
from madoguchi.grants.applications.models import Application
from madoguchi.grants.applications.permissions import officer_may, staff_may_read_stage
from madoguchi.grants.applications.views.common import parse_amount, stage_answers
from madoguchi.grants.models import Subsidy
from madoguchi.identity.roles import Right
from madoguchi.identity.selectors import staff_may
from madoguchi.identity.staff_pages import require_division

S = ApplicationStatus

# action → (service, statuses it applies to, label, needs amount, needs message)
OFFICER_ACTIONS: dict[str, tuple[Any, tuple[str, ...], Any, bool, bool]] = {
    "return": (
        services.application_return,
        (S.SUBMITTED, S.RESUBMITTED),
        _lazy("差し戻す"),
        False,
        True,
    ),
    "review_start": (
        services.application_review_start,
        (S.SUBMITTED, S.RESUBMITTED),
        _lazy("審査を開始する"),
        False,
        False,
    ),
    "adopt": (services.application_adopt, (S.UNDER_REVIEW,), _lazy("採択する"), True, False),
    "not_adopt": (
        services.application_not_adopt,
        (S.UNDER_REVIEW,),
        _lazy("不採択にする"),
        False,
        False,
    ),
    "grant_decide": (
        services.application_grant_decide,
        (S.GRANT_APPLIED,),
        _lazy("交付を決定する"),
        True,
        False,
    ),
    "change_approve": (
        services.application_change_decide,
        (S.CHANGE_REQUESTED,),
        _lazy("計画変更を承認する"),
        True,
        False,
    ),
    "change_refuse": (
        services.application_change_decide,
        (S.CHANGE_REQUESTED,),
        _lazy("計画変更を承認しない"),
        False,
        True,
    ),
    "amount_confirm": (
        services.application_amount_confirm,
        (S.REPORTED,),
        _lazy("額を確定する"),
        True,
        False,
    ),
    "pay": (services.application_pay, (S.PAYMENT_REQUESTED,), _lazy("支払済にする"), False, False),
}


def _subsidy(request: HttpRequest, subsidy_id: str) -> Subsidy:
    subsidy = grants_selectors.subsidy_get(subsidy_id=subsidy_id)
    if subsidy is None:
        raise Http404(_("この補助金は見つかりません。"))
    require_division(request, subsidy.division_id)
    return subsidy


def _application(request: HttpRequest, pk: Any) -> Application:
    application = selectors.application_for_staff(pk)
    if application is None:
        raise Http404(_("申請が見つかりません。"))
    require_division(request, application.subsidy.division_id)
    return application


def subsidy_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "applications/staff/subsidy_list.html",
        {"subsidies": selectors.subsidies_with_applications(request.user)[:200]},
    )


def application_list(request: HttpRequest, subsidy_id: str) -> HttpResponse:
    subsidy = _subsidy(request, subsidy_id)
    status = request.GET.get("status", "")
    if status not in S.values:
        status = ""
    q = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.staff_applications(subsidy, status=status, q=q), 50).get_page(
        request.GET.get("page")
    )
    counts = selectors.status_counts(subsidy)
    return render(
        request,
        "applications/staff/application_list.html",
        {
            "subsidy": subsidy,
            "page": page,
            "status": status,
            "q": q,
            "counts": [
                (value, label, counts.get(value, 0))
                for value, label in S.choices
                if value != S.DRAFT
            ],
            "total": sum(counts.values()),
            "may_configure": staff_may(request.user, Right.STAGE_FORMS, subsidy.division_id),
        },
    )


def application_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    application = _application(request, pk)
    may_act = officer_may(application, request.user)
    actions = [
        {"name": name, "label": label, "amount": amount, "message": message}
        for name, (_service, sources, label, amount, message) in OFFICER_ACTIONS.items()
        if may_act and application.status in sources
    ]
    return render(
        request,
        "applications/staff/application_detail.html",
        {
            "application": application,
            "events": selectors.timeline(application),
            "sections": [
                {"data": d, "pages": stage_answers(d, for_staff=True)}
                for d in selectors.stage_data_of(application)
                if staff_may_read_stage(request.user, d)
            ],
            "actions": actions,
            "notices": notices.notices_for(application),
        },
    )


@require_POST
def application_action(request: HttpRequest, pk: Any, action: str) -> HttpResponse:
    application = _application(request, pk)
    if action not in OFFICER_ACTIONS:
        raise Http404(_("操作が見つかりません。"))
    service, _sources, label, needs_amount, _needs_message = OFFICER_ACTIONS[action]
    kwargs: dict[str, Any] = {
        "actor": request.user,
        "application": application,
        "message": request.POST.get("message", ""),
    }
    if needs_amount:
        amount = parse_amount(request.POST.get("amount"))
        if amount is not None or action == "amount_confirm":
            kwargs["amount"] = amount
    if action.startswith("change_"):
        kwargs["approved"] = action == "change_approve"
    try:
        service(**kwargs)
    except ApplicationError as error:
        messages.error(request, f"{label}: {error.message}")
    else:
        messages.success(request, _("「%(label)s」を行いました。") % {"label": label})
    return redirect("applications_staff:detail", pk=application.pk)


def stage_forms(request: HttpRequest, subsidy_id: str) -> HttpResponse:
    """Which form each stage of this subsidy uses (published versions of its division's forms)."""
    subsidy = _subsidy(request, subsidy_id)
    versions = list(
        FormVersion.objects.filter(
            status=VersionStatus.PUBLISHED, form__division_id=subsidy.division_id
        )
        .select_related("form")
        .order_by("form__title", "-number")
    )
    errors: dict[str, str] = {}
    if request.method == "POST":
        for stage in Stage.values:
            raw = request.POST.get(stage, "")
            version = next((v for v in versions if str(v.pk) == raw), None)
            if raw and version is None:
                errors[stage] = _("%(stage)s: 一覧にない版が選ばれました。選び直してください。") % {
                    "stage": Stage(stage).label
                }
                continue
            try:
                services.stage_form_set(
                    actor=request.user, subsidy=subsidy, stage=stage, form_version=version
                )
            except ApplicationError as error:
                errors[stage] = error.message
        if not errors:
            messages.success(request, _("申請様式を保存しました。"))
            return redirect("applications_staff:stage-forms", subsidy_id=subsidy.pk)
    current = selectors.stage_forms_of(subsidy)
    rows = [
        {
            "stage": value,
            "label": label,
            "selected": request.POST.get(value)
            if request.method == "POST"
            else (str(current[value].form_version_id) if value in current else ""),
            "error": errors.get(value, ""),
        }
        for value, label in Stage.choices
    ]
    return render(
        request,
        "applications/staff/stage_forms.html",
        {
            "subsidy": subsidy,
            "rows": rows,
            "versions": versions,
            "errors": [{"href": f"#f-{k}", "message": m} for k, m in errors.items()],
        },
        status=400 if errors else 200,
    )
