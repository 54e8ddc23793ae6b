"""Applicants' pages: list of procedures, filling in page by page, checking, submitting, status."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from madoguchi.core.files import file_response
from madoguchi.forms import access, selectors, services
from madoguchi.forms.engine import (
    FormDefinition,
    Page,
    answer_rows,
    apply_lookup,
    parse_page,
    render_page,
    validate,
    visible_pages,
)
from madoguchi.forms.enums import FieldType, SubmissionStatus
from madoguchi.forms.errors import FormsError
from madoguchi.forms.models import Submission, SubmissionFile
from madoguchi.forms.services.submissions import InvalidAnswers
from madoguchi.forms.views.common import error_list, session_key


def procedure_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "forms/procedure_list.html", {"procedures": selectors.procedures_listed()}
    )


def procedure_detail(request: HttpRequest, slug: str) -> HttpResponse:
    procedure = selectors.procedure_get(slug=slug)
    if procedure is None:
        raise Http404(_("手続きが見つかりません。"))
    reason = access.why_not_apply(request.user, procedure)
    drafts = []
    if request.session.session_key or request.user.is_authenticated:
        drafts = list(
            selectors.applicant_submissions(
                user=request.user, session_key=request.session.session_key
            ).filter(procedure=procedure, status=SubmissionStatus.DRAFT)
        )
    definition = procedure.version.definition() if procedure.version else None
    return render(
        request,
        "forms/procedure_detail.html",
        {"procedure": procedure, "reason": reason, "drafts": drafts, "definition": definition},
    )


@require_POST
def procedure_start(request: HttpRequest, slug: str) -> HttpResponse:
    procedure = selectors.procedure_get(slug=slug)
    if procedure is None:
        raise Http404(_("手続きが見つかりません。"))
    try:
        submission = services.submission_start(
            actor=request.user, procedure=procedure, session_key=session_key(request)
        )
    except FormsError as error:
        messages.error(request, error.message)
        return redirect("forms:procedure", slug=slug)
    definition = submission.form_version.definition()
    first = visible_pages(definition, submission.data)[0]
    return redirect("forms:fill", pk=submission.pk, page_id=first.id)


def _submission_or_404(request: HttpRequest, pk: Any, *, files: bool = False) -> Submission:
    """The submission when the applicant may see it, or (``files``) when the user may read its files."""
    find = selectors.submission_for_files if files else selectors.applicant_submission
    submission = find(user=request.user, session_key=request.session.session_key, pk=pk)
    if submission is None:
        raise Http404(_("申請が見つかりません。"))
    return submission


def _progress(
    definition: FormDefinition, data: dict[str, Any], current: str
) -> list[dict[str, Any]]:
    steps = [
        {"title": p.title, "id": p.id, "current": p.id == current}
        for p in visible_pages(definition, data)
    ]
    steps.append({"title": _("入力内容の確認"), "id": "check", "current": current == "check"})
    return steps


def _neighbour(
    definition: FormDefinition, data: dict[str, Any], page: Page, step: int
) -> str | None:
    pages = [p.id for p in visible_pages(definition, data)]
    if page.id not in pages:
        return pages[0] if pages else None
    index = pages.index(page.id) + step
    return pages[index] if 0 <= index < len(pages) else None


def _apply_actions(
    definition: FormDefinition, page: Page, request: HttpRequest, data: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, str], dict[str, int], bool]:
    """Lookups and row additions/removals: (data, notes, extra rows, whether an action was taken)."""
    action = request.POST.get("_action", "")
    notes: dict[str, str] = {}
    extra_rows: dict[str, int] = {}
    acted = any(
        request.POST.get(f"{field.name}__remove")
        for field in definition.page_fields(page)
        if field.type == FieldType.REPEAT
    )
    if action.startswith("lookup:"):
        name = action.split(":", 1)[1]
        if name in page.field_names:
            data, notes[name] = apply_lookup(definition, definition.fields[name], data)
        acted = True
    elif action.startswith("add_row:"):
        name = action.split(":", 1)[1]
        if name in page.field_names:
            extra_rows[name] = 1
        acted = True
    return data, notes, extra_rows, acted


def fill(request: HttpRequest, pk: Any, page_id: str) -> HttpResponse:
    submission = _submission_or_404(request, pk)
    if not submission.is_editable:
        return redirect("forms:submission", pk=submission.pk)
    definition = submission.form_version.definition()
    page = definition.page(page_id)
    if page is None:
        raise Http404(_("ページが見つかりません。"))
    data = submission.data
    errors: dict[str, str] = {}
    notes: dict[str, str] = {}
    extra_rows: dict[str, int] = {}
    key = session_key(request)
    if request.method == "POST":
        data = parse_page(definition, page, request.POST, data)
        data, notes, extra_rows, acted = _apply_actions(definition, page, request, data)
        submission = services.submission_answers_save(
            actor=request.user, submission=submission, data=data, session_key=key
        )
        for field in definition.page_fields(page):
            upload = request.FILES.get(field.name)
            if field.type == FieldType.FILE and upload is not None:
                try:
                    submission = services.submission_file_attach(
                        actor=request.user,
                        submission=submission,
                        field_name=field.name,
                        upload=upload,
                        session_key=key,
                    )
                except FormsError as error:
                    errors[field.name] = error.message
        data = submission.data
        action = request.POST.get("_action", "next")
        if not acted and not errors:
            if action == "save":
                messages.success(
                    request,
                    _(
                        "下書きを保存しました。「申請の一覧」からいつでも続きを入力できます（ログインしていれば別の端末からも）。"
                    ),
                )
                return redirect("forms:fill", pk=submission.pk, page_id=page.id)
            if action == "back":
                previous = _neighbour(definition, data, page, -1)
                if previous:
                    return redirect("forms:fill", pk=submission.pk, page_id=previous)
                return redirect("forms:procedure", slug=submission.procedure.slug)
            errors = validate(definition, data, page=page)
            if not errors:
                following = _neighbour(definition, data, page, +1)
                if following:
                    return redirect("forms:fill", pk=submission.pk, page_id=following)
                return redirect("forms:check", pk=submission.pk)
    refresh_url = reverse("forms:refresh", args=[submission.pk, page.id])
    pages = visible_pages(definition, data)
    position = next((i for i, p in enumerate(pages) if p.id == page.id), 0)
    return render(
        request,
        "forms/fill.html",
        {
            "submission": submission,
            "procedure": submission.procedure,
            "definition": definition,
            "page": page,
            "fields_html": render_page(
                definition,
                page,
                data,
                errors,
                refresh_url=refresh_url,
                extra_rows=extra_rows,
                notes=notes,
            ),
            "errors": error_list(errors),
            "progress": _progress(definition, data, page.id),
            "is_first": position == 0,
            "is_last": position == len(pages) - 1,
        },
        status=400 if errors else 200,
    )


@require_POST
def refresh(request: HttpRequest, pk: Any, page_id: str) -> HttpResponse:
    """htmx: the page's fields again for the answers as typed (conditions, lookups, rows). Not saved."""
    submission = _submission_or_404(request, pk)
    definition = submission.form_version.definition()
    page = definition.page(page_id)
    if page is None or not submission.is_editable:
        raise Http404(_("ページが見つかりません。"))
    data = parse_page(definition, page, request.POST, submission.data)
    data, notes, extra_rows, _acted = _apply_actions(definition, page, request, data)
    html = render_page(
        definition,
        page,
        data,
        {},
        refresh_url=reverse("forms:refresh", args=[submission.pk, page.id]),
        extra_rows=extra_rows,
        notes=notes,
    )
    return HttpResponse(html)


def check(request: HttpRequest, pk: Any) -> HttpResponse:
    submission = _submission_or_404(request, pk)
    if not submission.is_editable:
        return redirect("forms:submission", pk=submission.pk)
    definition = submission.form_version.definition()
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            submission = services.submission_submit(
                actor=request.user, submission=submission, session_key=session_key(request)
            )
        except InvalidAnswers as invalid:
            errors = invalid.errors
        except FormsError as error:
            messages.error(request, error.message)
        else:
            return redirect(reverse("forms:submission", args=[submission.pk]) + "?received=1")
    else:
        errors = validate(definition, submission.data) if request.GET.get("validate") else {}
    anchors = {}
    for key in errors:
        page = definition.page_of(key.split("__")[0])
        if page is not None:
            anchors[key] = reverse("forms:fill", args=[submission.pk, page.id]) + f"#f-{key}"
    return render(
        request,
        "forms/check.html",
        {
            "submission": submission,
            "procedure": submission.procedure,
            "pages": answer_rows(definition, submission.data),
            "errors": error_list(errors, anchors),
            "progress": _progress(definition, submission.data, "check"),
        },
        status=400 if errors else 200,
    )


def submission_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    submission = _submission_or_404(request, pk)
    definition = submission.form_version.definition()
    first_page = visible_pages(definition, submission.data)[0]
    return render(
        request,
        "forms/submission_detail.html",
        {
            "submission": submission,
            "procedure": submission.procedure,
            "pages": answer_rows(definition, submission.data),
            "events": selectors.applicant_events(submission),
            "received": request.GET.get("received") == "1" and submission.reference,
            "first_page": first_page,
        },
    )


def my_submissions(request: HttpRequest) -> HttpResponse:
    submissions = selectors.applicant_submissions(
        user=request.user, session_key=request.session.session_key
    ).order_by("-updated_at")
    return render(request, "forms/my_submissions.html", {"submissions": submissions})


def submission_pdf(request: HttpRequest, pk: Any) -> FileResponse:
    """The PDF copy (申請内容の控え): the applicant's link and the inbox's are this one view."""
    submission = _submission_or_404(request, pk, files=True)
    if not submission.reference:
        raise Http404(_("提出前の申請には PDF がありません。"))
    if not submission.pdf or not submission.pdf.storage.exists(submission.pdf.name):
        from madoguchi.forms.tasks import render_submission_pdf

        render_submission_pdf(str(submission.pk))
        submission.refresh_from_db(fields=["pdf"])
    return file_response(
        submission.pdf, filename=f"{submission.reference}.pdf", content_type="application/pdf"
    )


def submission_file(request: HttpRequest, pk: Any, file_id: Any) -> FileResponse:
    submission = _submission_or_404(request, pk, files=True)
    stored = SubmissionFile.objects.filter(submission=submission, pk=file_id).first()
    if stored is None:
        raise Http404(_("ファイルが見つかりません。"))
    return file_response(stored.file, filename=stored.name, content_type=stored.content_type)
