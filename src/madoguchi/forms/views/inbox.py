"""Staff pages: procedure settings and steps, the inbox per procedure, one submission, exports."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.forms import access, selectors, services
from madoguchi.forms.engine import FormDefinition, answer_rows, display_value
from madoguchi.forms.enums import SubmissionStatus
from madoguchi.forms.errors import FormsError, NotAllowed, WrongState
from madoguchi.forms.inputs import CommentForm, DecisionForm, ProcedureForm, StepForm
from madoguchi.forms.models import Procedure
from madoguchi.identity.roles import Right
from madoguchi.identity.selectors import staff_has
from madoguchi.identity.staff_pages import require_division


def procedure_admin_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    rows = [
        {
            "procedure": p,
            "waiting": getattr(p, "waiting", 0),
            "may_view": access.staff_may_view(user, p),
            "may_configure": access.staff_may_configure(user, p.division_id),
        }
        for p in selectors.procedures_for_staff(user)
    ]
    return render(
        request,
        "forms/staff/procedures.html",
        {
            "rows": rows,
            "may_create": staff_has(user, Right.PROCEDURE_CONFIGURE),
            "may_build": staff_has(user, Right.FORM_BUILD),
        },
    )


def procedure_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    procedure = selectors.procedure_get(slug=slug) if slug else None
    if slug and procedure is None:
        raise Http404(_("手続きが見つかりません。"))
    if procedure is not None:
        require_division(request, procedure.division_id)
    settings_form = ProcedureForm(
        user=request.user,
        initial=(
            {
                "division": procedure.division_id,
                "title": procedure.title,
                "slug": procedure.slug,
                "summary": procedure.summary,
                "form": procedure.form_id,
                "audience": procedure.audience,
                "opens_at": procedure.opens_at and timezone.localtime(procedure.opens_at),
                "closes_at": procedure.closes_at and timezone.localtime(procedure.closes_at),
                "reference_prefix": procedure.reference_prefix,
                "receipt_message": procedure.receipt_message,
            }
            if procedure
            else {"audience": ["prime", "member", "entry"], "reference_prefix": "M"}
        ),
    )
    step_form = StepForm()
    status = 200
    if request.method == "POST" and "add_step" in request.POST and procedure is not None:
        step_form = StepForm(request.POST)
        if step_form.is_valid():
            try:
                services.workflow_step_add(
                    actor=request.user, procedure=procedure, **step_form.cleaned_data
                )
            except FormsError as error:
                step_form.add_error(None, error.message)
            else:
                messages.success(request, _("審査の段階を追加しました。"))
                return redirect("forms:staff-procedure-edit", slug=procedure.slug)
        status = 400
    elif request.method == "POST":
        settings_form = ProcedureForm(request.POST, user=request.user)
        if settings_form.is_valid():
            try:
                procedure = services.procedure_save(
                    actor=request.user, procedure=procedure, **settings_form.cleaned_data
                )
            except FormsError as error:
                settings_form.add_error(
                    error.field if error.field in settings_form.fields else None, error.message
                )
            else:
                messages.success(request, _("手続きを保存しました。"))
                if procedure.version_id is None:
                    messages.warning(
                        request, _("フォームに公開済みの版がないため、まだ受け付けられません。")
                    )
                return redirect("forms:staff-procedure-edit", slug=procedure.slug)
        status = 400
    return render(
        request,
        "forms/staff/procedure_edit.html",
        {
            "procedure": procedure,
            "settings_form": settings_form,
            "step_form": step_form,
            "steps": list(procedure.steps.select_related("group")) if procedure else [],
        },
        status=status,
    )


def _inbox_procedure(request: HttpRequest, slug: str) -> Procedure:
    procedure = selectors.procedure_get(slug=slug)
    if procedure is None or not access.staff_may_view(request.user, procedure):
        raise Http404(_("手続きが見つかりません。"))
    return procedure


def _filters(request: HttpRequest) -> dict[str, str]:
    return {key: request.GET.get(key, "") for key in ("status", "step", "assignee", "q")}


def inbox(request: HttpRequest, slug: str) -> HttpResponse:
    procedure = _inbox_procedure(request, slug)
    filters = _filters(request)
    submissions = selectors.inbox_submissions(procedure=procedure, **filters)[:500]
    staff = get_user_model().objects.filter(is_staff=True, is_active=True).order_by("username")
    return render(
        request,
        "forms/staff/inbox.html",
        {
            "procedure": procedure,
            "submissions": submissions,
            "filters": filters,
            "statuses": selectors.INBOX_STATUSES,
            "steps": list(procedure.steps.all()),
            "staff": [u for u in staff if access.staff_may_view(u, procedure)],
            "query": request.GET.urlencode(),
        },
    )


def submission_view(request: HttpRequest, pk: Any) -> HttpResponse:
    submission = selectors.staff_submission(user=request.user, pk=pk)
    if submission is None:
        raise Http404(_("申請が見つかりません。"))
    decision_form = DecisionForm()
    comment_form = CommentForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "decide":
                decision_form = DecisionForm(request.POST)
                if decision_form.is_valid():
                    services.submission_decide(
                        actor=request.user, submission=submission, **decision_form.cleaned_data
                    )
                    messages.success(request, _("処理しました。"))
                    return redirect("forms:staff-submission", pk=submission.pk)
            elif action == "assign":
                assignee_id = request.POST.get("assignee", "")
                assignee = (
                    get_user_model().objects.filter(pk=assignee_id).first()
                    if assignee_id.isdigit()
                    else None
                )
                services.submission_assign(
                    actor=request.user, submission=submission, assignee=assignee
                )
                messages.success(request, _("担当者を変更しました。"))
                return redirect("forms:staff-submission", pk=submission.pk)
            elif action == "comment":
                comment_form = CommentForm(request.POST)
                if comment_form.is_valid():
                    services.submission_comment(
                        actor=request.user,
                        submission=submission,
                        comment=comment_form.cleaned_data["comment"],
                    )
                    messages.success(request, _("メモを追加しました。"))
                    return redirect("forms:staff-submission", pk=submission.pk)
        except (NotAllowed, WrongState) as error:
            messages.error(request, error.message)
        except FormsError as error:
            target = decision_form if action == "decide" else comment_form
            field = error.field if error.field in target.fields else None
            target.add_error(field, error.message)
        status = 400
    definition = FormDefinition.from_document(submission.form_version.document)
    steps = list(submission.procedure.steps.select_related("group"))
    staff = get_user_model().objects.filter(is_staff=True, is_active=True).order_by("username")
    return render(
        request,
        "forms/staff/submission.html",
        {
            "submission": submission,
            "procedure": submission.procedure,
            "pages": answer_rows(definition, submission.data),
            "events": list(submission.events.select_related("actor")),
            "steps": steps,
            "current_step": next((s for s in steps if s.position == submission.step), None),
            "may_decide": submission.status == SubmissionStatus.SUBMITTED
            and access.staff_may_decide(request.user, submission),
            "may_handle": access.staff_may_handle(request.user, submission.procedure),
            "decision_form": decision_form,
            "comment_form": comment_form,
            "staff": [u for u in staff if access.staff_may_view(u, submission.procedure)],
        },
        status=status,
    )


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """Applicants' text never becomes a spreadsheet formula (CSV / formula injection)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _table(procedure: Procedure, submissions: Any) -> tuple[list[str], list[list[Any]]]:
    """Header and rows for the exports: fixed columns, then every question of the current version."""
    current = (
        FormDefinition.from_document(procedure.version.document) if procedure.version else None
    )
    fields = current.data_fields() if current else []
    header = [
        "受付番号",
        "状態",
        "審査中の段階",
        "事業者",
        "法人番号",
        "申請日時",
        "担当職員",
        "フォームの版",
    ]
    header += [f.label for f in fields]
    definitions: dict[int, FormDefinition] = {}
    steps = {s.position: s.name for s in procedure.steps.all()}
    rows = []
    for s in submissions:
        definition = definitions.setdefault(
            s.form_version_id, FormDefinition.from_document(s.form_version.document)
        )
        row: list[Any] = [
            s.reference,
            s.get_status_display(),
            steps.get(s.step, "") if s.status == SubmissionStatus.SUBMITTED else "",
            s.organisation.name if s.organisation else "",
            (s.organisation.corporate_number or "") if s.organisation else "",
            timezone.localtime(s.submitted_at).strftime("%Y-%m-%d %H:%M") if s.submitted_at else "",
            s.assignee.get_username() if s.assignee else "",
            s.form_version.number,
        ]
        for field in fields:
            own = definition.fields.get(field.name)
            value = s.data.get(field.name)
            row.append(_cell(display_value(own, value)) if own is not None else "")
        row[3] = _cell(row[3])
        rows.append(row)
    return header, rows


def export_csv(request: HttpRequest, slug: str) -> HttpResponse:
    procedure = _inbox_procedure(request, slug)
    header, rows = _table(
        procedure, selectors.inbox_submissions(procedure=procedure, **_filters(request))
    )
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    # UTF-8 with BOM so that Excel opens Japanese correctly.
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{procedure.slug}.csv"'
    return response


def export_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    procedure = _inbox_procedure(request, slug)
    header, rows = _table(
        procedure, selectors.inbox_submissions(procedure=procedure, **_filters(request))
    )
    book = Workbook()
    sheet = book.create_sheet("申請一覧", 0)
    book.remove(book.worksheets[1])
    sheet.title = "申請一覧"
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{procedure.slug}.xlsx"'
    return response
