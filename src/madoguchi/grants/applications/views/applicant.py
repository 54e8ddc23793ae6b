"""Applicants' pages: start (申請する), fill each stage's form, check, submit, my applications, one
application with its timeline and the actions this user may take, attachments and notices."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from madoguchi.forms.engine import parse_page, render_page, validate, visible_pages
from madoguchi.forms.enums import FieldType
from madoguchi.grants import selectors as grants_selectors
from madoguchi.grants.applications import notices, selectors, services
from madoguchi.grants.applications.enums import STAGE_EDITABLE_IN, ApplicationStatus, Stage
from madoguchi.grants.applications.errors import ApplicationError, InvalidAnswers
from madoguchi.grants.applications.models import Application
from madoguchi.grants.applications.views.common import error_list, parse_amount, stage_answers

S = ApplicationStatus

# Stage → (service, label of the button, whether a message is required)
STAGE_SUBMIT: dict[str, tuple[Any, Any, bool]] = {
    Stage.GRANT_APPLICATION: (services.application_grant_apply, _lazy("交付申請を提出する"), False),
    Stage.CHANGE_REQUEST: (services.application_change_request, _lazy("計画変更を申請する"), True),
    Stage.REPORT: (services.application_report, _lazy("実績報告を提出する"), False),
    Stage.PAYMENT_REQUEST: (services.application_payment_request, _lazy("精算払を請求する"), False),
}


STAGE_LINKS: dict[str, Any] = {
    Stage.GRANT_APPLICATION: _lazy("交付申請を作成する"),
    Stage.CHANGE_REQUEST: _lazy("計画変更を申請する"),
    Stage.REPORT: _lazy("実績報告を作成する"),
    Stage.PAYMENT_REQUEST: _lazy("精算払請求を作成する"),
}


def _get(request: HttpRequest, pk: Any) -> Application:
    application = selectors.application_for_applicant(request.user, pk)
    if application is None:
        raise Http404(_("申請が見つかりません。"))
    return application


def _stage_or_404(stage: str) -> Stage:
    if stage not in Stage.values:
        raise Http404(_("ページが見つかりません。"))
    return Stage(stage)


def available_actions(application: Application) -> list[dict[str, Any]]:
    """What the applicant can do now, as links to the pages that do it."""
    pk = application.pk
    actions: list[dict[str, Any]] = []
    status = application.status
    if status in (S.DRAFT, S.RETURNED):
        label = _("入力を続ける") if status == S.DRAFT else _("修正して再申請する")
        actions.append(
            {"label": label, "url": reverse("applications:basics", args=[pk]), "primary": True}
        )
    for stage, (_service, _button, _msg) in STAGE_SUBMIT.items():
        if status in STAGE_EDITABLE_IN[stage]:
            actions.append(
                {
                    "label": STAGE_LINKS[stage],
                    "url": reverse("applications:stage", args=[pk, stage]),
                    "primary": stage != Stage.CHANGE_REQUEST,
                }
            )
    return actions


@login_required
def start(request: HttpRequest, subsidy_id: str) -> HttpResponse:
    """申請する: choose the business (own, or one that gave a mandate), name the plan, the amount."""
    subsidy = grants_selectors.subsidy_get(subsidy_id=subsidy_id)
    if subsidy is None or not subsidy.is_published:
        raise Http404(_("この補助金は見つかりません。"))
    organisations = selectors.organisations_acted_for(request.user)
    rounds = list(subsidy.rounds.all())
    errors: dict[str, str] = {}
    values = {"project_title": "", "requested_amount": "", "organisation": "", "round": ""}
    if request.method == "POST" and organisations:
        values = {k: request.POST.get(k, "") for k in values}
        organisation = next(
            (o for o in organisations if str(o.pk) == values["organisation"]), organisations[0]
        )
        round_ = next((r for r in rounds if r.pk == values["round"]), None)
        if rounds and round_ is None:
            errors["round"] = _("公募回を選んでください。")
        amount = parse_amount(values["requested_amount"])
        if isinstance(amount, str):
            errors["requested_amount"] = _("申請額（円）は半角数字で入力してください。")
        if not errors:
            try:
                application = services.application_draft_create(
                    actor=request.user,
                    subsidy=subsidy,
                    organisation=organisation,
                    round=round_,
                    project_title=values["project_title"],
                    requested_amount=amount,
                    idempotency_key=request.POST.get("idempotency_key", ""),
                )
            except ApplicationError as error:
                errors[error.field or "form"] = error.message
            else:
                return redirect("applications:basics", pk=application.pk)
    return render(
        request,
        "applications/start.html",
        {
            "subsidy": subsidy,
            "organisations": organisations,
            "rounds": rounds,
            "values": values,
            "errors": error_list(errors),
            "field_errors": errors,
            "idempotency_key": request.POST.get("idempotency_key") or secrets.token_urlsafe(24),
        },
        status=400 if errors else 200,
    )


@login_required
def my_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in S.values:
        status = ""
    return render(
        request,
        "applications/my_list.html",
        {
            "applications": selectors.applications_of_user(request.user, status=status),
            "statuses": S.choices,
            "status": status,
            "may_apply": bool(selectors.organisations_acted_for(request.user)),
        },
    )


@login_required
def detail(request: HttpRequest, pk: Any) -> HttpResponse:
    application = _get(request, pk)
    sections = [
        {"data": d, "pages": stage_answers(d)}
        for d in selectors.stage_data_of(application)
        if d.submitted_at
    ]
    return render(
        request,
        "applications/detail.html",
        {
            "application": application,
            "events": selectors.timeline(application),
            "sections": sections,
            "actions": available_actions(application),
            "may_withdraw": application.status
            in (
                S.DRAFT,
                S.SUBMITTED,
                S.RETURNED,
                S.RESUBMITTED,
                S.UNDER_REVIEW,
                S.ADOPTED,
                S.GRANT_APPLIED,
            ),
            "notices": notices.notices_for(application),
            "received": request.GET.get("received") == "1",
        },
    )


@login_required
def basics(request: HttpRequest, pk: Any) -> HttpResponse:
    """The application's title and amount, then the application form's pages."""
    application = _get(request, pk)
    if application.status not in STAGE_EDITABLE_IN[Stage.APPLICATION]:
        return redirect("applications:detail", pk=application.pk)
    errors: dict[str, str] = {}
    values = {
        "project_title": application.project_title,
        "requested_amount": ""
        if application.requested_amount is None
        else str(application.requested_amount),
    }
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in values}
        try:
            stage_data = services.application_save_draft(
                actor=request.user,
                application=application,
                project_title=values["project_title"],
                requested_amount=parse_amount(values["requested_amount"]),
                set_requested_amount=True,
            )
        except ApplicationError as error:
            errors[error.field or "form"] = error.message
        else:
            definition = stage_data.definition()
            if request.POST.get("_action") == "save":
                messages.success(request, _("下書きを保存しました。"))
                return redirect("applications:basics", pk=application.pk)
            if definition is not None:
                first = visible_pages(definition, stage_data.data)[0]
                return redirect(
                    "applications:fill",
                    pk=application.pk,
                    stage=Stage.APPLICATION,
                    page_id=first.id,
                )
            return redirect("applications:check", pk=application.pk, stage=Stage.APPLICATION)
    return render(
        request,
        "applications/basics.html",
        {
            "application": application,
            "values": values,
            "errors": error_list(errors),
            "field_errors": errors,
            "progress": _progress(application, None, "basics"),
        },
        status=400 if errors else 200,
    )


def _progress(
    application: Application, definition: Any, current: str, data: Any = None
) -> list[dict[str, Any]]:
    steps = []
    if application.status in STAGE_EDITABLE_IN[Stage.APPLICATION]:
        steps.append({"title": _("申請の概要"), "current": current == "basics"})
    if definition is not None:
        steps += [
            {"title": p.title, "current": p.id == current}
            for p in visible_pages(definition, data or {})
        ]
    steps.append({"title": _("入力内容の確認"), "current": current == "check"})
    return steps


def _open_stage(request: HttpRequest, application: Application, stage: Stage) -> Any:
    """The stage's data being edited; started (prefilled) by the service when there is none."""
    if application.status not in STAGE_EDITABLE_IN[stage]:
        return None
    current = selectors.stage_data_get(application, stage)
    if current is not None and (current.submitted_at is None):
        return current
    return services.application_save_draft(actor=request.user, application=application, stage=stage)


@login_required
def stage_start(request: HttpRequest, pk: Any, stage: str) -> HttpResponse:
    """Entry to a later stage (交付申請, 計画変更, 実績報告, 支払請求): its form's first page."""
    application = _get(request, pk)
    stage_ = _stage_or_404(stage)
    if stage_ == Stage.APPLICATION:
        return redirect("applications:basics", pk=application.pk)
    try:
        stage_data = _open_stage(request, application, stage_)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("applications:detail", pk=application.pk)
    if stage_data is None:
        messages.error(request, _("この申請の状態では、この手続きはできません。"))
        return redirect("applications:detail", pk=application.pk)
    definition = stage_data.definition()
    if definition is None:
        return redirect("applications:check", pk=application.pk, stage=stage_)
    first = visible_pages(definition, stage_data.data)[0]
    return redirect("applications:fill", pk=application.pk, stage=stage_, page_id=first.id)


@login_required
def fill(request: HttpRequest, pk: Any, stage: str, page_id: str) -> HttpResponse:
    application = _get(request, pk)
    stage_ = _stage_or_404(stage)
    if application.status not in STAGE_EDITABLE_IN[stage_]:
        return redirect("applications:detail", pk=application.pk)
    stage_data = _open_stage(request, application, stage_)
    definition = stage_data.definition() if stage_data else None
    page = definition.page(page_id) if definition else None
    if page is None or definition is None:
        raise Http404(_("ページが見つかりません。"))
    data = stage_data.data
    errors: dict[str, str] = {}
    if request.method == "POST":
        data = parse_page(definition, page, request.POST, data)
        stage_data = services.application_save_draft(
            actor=request.user, application=application, stage=stage_, data=data
        )
        for field in definition.page_fields(page):
            upload = request.FILES.get(field.name)
            if field.type == FieldType.FILE and upload is not None:
                try:
                    stage_data = services.application_file_attach(
                        actor=request.user,
                        application=application,
                        stage=stage_,
                        field_name=field.name,
                        upload=upload,
                    )
                except ApplicationError as error:
                    errors[field.name] = error.message
        data = stage_data.data
        action = request.POST.get("_action", "next")
        pages = [p.id for p in visible_pages(definition, data)]
        index = pages.index(page.id) if page.id in pages else 0
        if not errors and action == "save":
            messages.success(
                request, _("下書きを保存しました。「申請の一覧」からいつでも続きを入力できます。")
            )
            return redirect("applications:fill", pk=application.pk, stage=stage_, page_id=page.id)
        if not errors and action == "back":
            if index > 0:
                return redirect(
                    "applications:fill", pk=application.pk, stage=stage_, page_id=pages[index - 1]
                )
            if stage_ == Stage.APPLICATION:
                return redirect("applications:basics", pk=application.pk)
            return redirect("applications:detail", pk=application.pk)
        if not errors:
            errors = validate(definition, data, page=page)
        if not errors:
            if index + 1 < len(pages):
                return redirect(
                    "applications:fill", pk=application.pk, stage=stage_, page_id=pages[index + 1]
                )
            return redirect("applications:check", pk=application.pk, stage=stage_)
    return render(
        request,
        "applications/fill.html",
        {
            "application": application,
            "stage": stage_,
            "page": page,
            "fields_html": render_page(definition, page, data, errors),
            "errors": error_list(errors),
            "progress": _progress(application, definition, page.id, data),
            "is_first": stage_ != Stage.APPLICATION
            and visible_pages(definition, data)[0].id == page.id,
        },
        status=400 if errors else 200,
    )


@login_required
def check(request: HttpRequest, pk: Any, stage: str) -> HttpResponse:
    """入力内容の確認 and the submit button of the stage (申請 / 再申請 / 交付申請 / …)."""
    application = _get(request, pk)
    stage_ = _stage_or_404(stage)
    if request.method != "POST" and application.status not in STAGE_EDITABLE_IN[stage_]:
        return redirect("applications:detail", pk=application.pk)
    errors: dict[str, str] = {}
    message = ""
    if request.method == "POST":
        message = request.POST.get("message", "")
        try:
            if stage_ == Stage.APPLICATION:
                if application.status == S.RETURNED:
                    services.application_resubmit(
                        actor=request.user, application=application, message=message
                    )
                else:
                    services.application_submit(actor=request.user, application=application)
            else:
                service, _label, _required = STAGE_SUBMIT[stage_]
                service(actor=request.user, application=application, message=message)
        except InvalidAnswers as invalid:
            errors = invalid.errors
        except ApplicationError as error:
            errors = {error.field or "form": error.message}
        else:
            return redirect(reverse("applications:detail", args=[application.pk]) + "?received=1")
        application = _get(request, pk)
        if application.status not in STAGE_EDITABLE_IN[stage_]:
            # Refused because it was already done elsewhere (another tab): show where it stands.
            messages.error(request, next(iter(errors.values())))
            return redirect("applications:detail", pk=application.pk)
    stage_data = selectors.stage_data_get(application, stage_)
    definition = stage_data.definition() if stage_data else None
    anchors = {}
    for key in errors:
        page = definition.page_of(key.split("__")[0]) if definition else None
        if page is not None:
            anchors[key] = (
                reverse("applications:fill", args=[application.pk, stage_, page.id]) + f"#f-{key}"
            )
        elif key in ("requested_amount", "project_title"):
            anchors[key] = reverse("applications:basics", args=[application.pk]) + f"#f-{key}"
    if stage_ == Stage.APPLICATION:
        button = _("修正して再申請する") if application.status == S.RETURNED else _("申請する")
        needs_message = False
    else:
        _service, button, needs_message = STAGE_SUBMIT[stage_]
    return render(
        request,
        "applications/check.html",
        {
            "application": application,
            "stage": stage_,
            "pages": stage_answers(stage_data) if stage_data else [],
            "errors": error_list(errors, anchors),
            "button": button,
            "needs_message": needs_message,
            "message": message,
            "progress": _progress(
                application, definition, "check", stage_data.data if stage_data else None
            ),
        },
        status=400 if errors else 200,
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: Any) -> HttpResponse:
    application = _get(request, pk)
    if request.POST.get("confirm") != "yes":
        messages.error(
            request,
            _("取り下げる場合は「取り下げることを確認しました」にチェックを入れてください。"),
        )
        return redirect("applications:detail", pk=application.pk)
    try:
        services.application_withdraw(
            actor=request.user, application=application, message=request.POST.get("message", "")
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("申請を取り下げました。"))
    return redirect("applications:detail", pk=application.pk)
