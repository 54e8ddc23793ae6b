"""The builder: staff who do not write code create forms, questions, conditions, and publish."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from madoguchi.core.jsonparse import InvalidJson, parse_json
from madoguchi.forms import selectors, services
from madoguchi.forms.engine import (
    FormDefinition,
    parse_page,
    render_page,
    validate,
    visible_pages,
)
from madoguchi.forms.enums import ConditionOp, FieldType, VersionStatus
from madoguchi.forms.errors import FormsError, InvalidDocument
from madoguchi.forms.inputs import DivisionChoiceForm, QuestionForm
from madoguchi.forms.models import Form
from madoguchi.forms.services.procedures import procedure_use_version
from madoguchi.forms.views.common import error_list
from madoguchi.identity.roles import Right
from madoguchi.identity.staff_pages import require_division

MAX_IMPORT_BYTES = 2 * 1024 * 1024


def _form(request: HttpRequest, pk: Any) -> Form:
    """The form of the page; 404 unless the user builds for its division."""
    form = get_object_or_404(Form, pk=pk)
    require_division(request, form.division_id)
    return form


def _division(request: HttpRequest) -> DivisionChoiceForm:
    return DivisionChoiceForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        right=Right.FORM_BUILD,
    )


def form_list(request: HttpRequest) -> HttpResponse:
    error = ""
    division = _division(request)
    if request.method == "POST":
        try:
            form = services.form_create(
                actor=request.user, title=request.POST.get("title", ""), division=division.chosen()
            )
        except FormsError as e:
            error = e.message
        else:
            return redirect("forms:builder", pk=form.pk)
    return render(
        request,
        "forms/builder/list.html",
        {
            "forms": selectors.forms_for_builder(request.user),
            "error": error,
            "title_value": request.POST.get("title", ""),
            "division_field": division["division"],
        },
        status=400 if error else 200,
    )


@require_POST
def form_import_view(request: HttpRequest) -> HttpResponse:
    upload = request.FILES.get("document")
    try:
        if upload is None:
            raise InvalidDocument("読み込むファイルを選んでください。")
        if (upload.size or 0) > MAX_IMPORT_BYTES:
            raise InvalidDocument("ファイルが大きすぎます（2MBまで）。")
        document = parse_json(
            upload.read(),
            source=_("ファイル「%(name)s」") % {"name": upload.name},
            max_bytes=MAX_IMPORT_BYTES,
        )
        form = services.form_import(
            actor=request.user, document=document, division=_division(request).chosen()
        )
    except (FormsError, InvalidJson) as error:
        messages.error(request, _("読み込めませんでした: ") + error.message)
        return redirect("forms:builder-list")
    messages.success(
        request, _("フォーム「%(title)s」を読み込みました（編集中の版）。") % {"title": form.title}
    )
    return redirect("forms:builder", pk=form.pk)


def _context(form: Form) -> dict[str, Any]:
    version = selectors.current_version(form)
    definition = FormDefinition.from_document(version.document)
    pages = []
    earlier: list[Any] = []
    for page in definition.pages:
        pages.append(
            {"page": page, "fields": definition.page_fields(page), "earlier": list(earlier)}
        )
        earlier += [
            f
            for f in definition.page_fields(page)
            if f.holds_data and f.type not in (FieldType.FILE, FieldType.REPEAT)
        ]
    return {
        "form": form,
        "version": version,
        "versions": selectors.form_versions(form),
        "definition": definition,
        "pages": pages,
        "field_types": FieldType,
        "condition_ops": ConditionOp.choices,
    }


def form_edit(request: HttpRequest, pk: Any) -> HttpResponse:
    form = _form(request, pk)
    return render(request, "forms/builder/edit.html", _context(form))


@require_POST
def form_settings(request: HttpRequest, pk: Any) -> HttpResponse:
    form = _form(request, pk)
    try:
        services.form_describe(
            actor=request.user,
            form=form,
            title=request.POST.get("title", ""),
            description=request.POST.get("description", ""),
        )
    except FormsError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("フォームの名称と説明を保存しました。"))
    return redirect("forms:builder", pk=form.pk)


def _page_condition(request: HttpRequest) -> dict[str, Any] | None:
    if not request.POST.get("condition_field"):
        return None
    condition = {
        "field": request.POST["condition_field"],
        "op": request.POST.get("condition_op") or "eq",
        "value": request.POST.get("condition_value", ""),
    }
    if condition["op"] in ("empty", "not_empty"):
        condition.pop("value")
    return condition


@require_POST
def page_new(request: HttpRequest, pk: Any) -> HttpResponse:
    form = _form(request, pk)
    visible_when = _page_condition(request)
    try:
        services.page_add(
            actor=request.user,
            form=form,
            title=request.POST.get("title", ""),
            visible_when=visible_when,
        )
    except FormsError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("ページを追加しました。"))
    return redirect("forms:builder", pk=form.pk)


@require_POST
def page_edit(request: HttpRequest, pk: Any, page_id: str) -> HttpResponse:
    form = _form(request, pk)
    try:
        services.page_update(
            actor=request.user,
            form=form,
            page_id=page_id,
            title=request.POST.get("title", ""),
            visible_when=_page_condition(request),
        )
    except FormsError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("ページを変更しました。"))
    return redirect(reverse("forms:builder", args=[form.pk]) + f"#page-{page_id}")


@require_POST
def page_remove(request: HttpRequest, pk: Any, page_id: str) -> HttpResponse:
    form = _form(request, pk)
    try:
        services.page_delete(actor=request.user, form=form, page_id=page_id)
    except FormsError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("ページを削除しました。"))
    return redirect("forms:builder", pk=form.pk)


def _earlier_fields(
    definition: FormDefinition, page_id: str, name: str | None
) -> list[tuple[str, str]]:
    """Questions before this one (conditions may refer only to those)."""
    out: list[tuple[str, str]] = []
    for page in definition.pages:
        for field in definition.page_fields(page):
            if field.name == name:
                return out
            if field.holds_data and field.type not in (FieldType.FILE, FieldType.REPEAT):
                out.append((field.name, f"{field.label}（{field.name}）"))
        if page.id == page_id and name is None:
            return out
    return out


def _question(request: HttpRequest, form: Form, page_id: str, name: str | None) -> HttpResponse:
    version = selectors.current_version(form)
    definition = FormDefinition.from_document(version.document)
    if definition.page(page_id) is None:
        raise Http404(_("ページが見つかりません。"))
    earlier = _earlier_fields(definition, page_id, name)
    if request.method == "POST":
        question = QuestionForm(request.POST, earlier=earlier)
        if question.is_valid():
            try:
                services.field_save(
                    actor=request.user,
                    form=form,
                    page_id=page_id,
                    name=question.cleaned_data["name"],
                    spec=question.to_spec(),
                    original=name,
                )
            except FormsError as error:
                question.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("質問「%(label)s」を保存しました。")
                    % {"label": question.cleaned_data["label"]},
                )
                return redirect(
                    reverse("forms:builder", args=[form.pk]) + f"#q-{question.cleaned_data['name']}"
                )
    else:
        initial = (
            QuestionForm.initial_from(name, version.document["ui"]["fields"][name])
            if name
            else {"type": request.GET.get("type", FieldType.SHORT_TEXT)}
        )
        question = QuestionForm(initial=initial, earlier=earlier)
    errors = {key: " ".join(str(m) for m in msgs) for key, msgs in question.errors.items()}
    return render(
        request,
        "forms/builder/question.html",
        {
            "form": form,
            "question": question,
            "page_id": page_id,
            "name": name,
            "errors": error_list(
                {k: v for k, v in errors.items()}, {k: f"#id_{k}" for k in errors}
            ),
        },
        status=400 if question.is_bound and question.errors else 200,
    )


def field_new(request: HttpRequest, pk: Any, page_id: str) -> HttpResponse:
    return _question(request, _form(request, pk), page_id, None)


def field_edit(request: HttpRequest, pk: Any, name: str) -> HttpResponse:
    form = _form(request, pk)
    definition = FormDefinition.from_document(selectors.current_version(form).document)
    page = definition.page_of(name)
    if page is None:
        raise Http404(_("質問が見つかりません。"))
    return _question(request, form, page.id, name)


@require_POST
def field_remove(request: HttpRequest, pk: Any, name: str) -> HttpResponse:
    form = _form(request, pk)
    try:
        services.field_delete(actor=request.user, form=form, name=name)
    except FormsError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("質問を削除しました。"))
    return redirect("forms:builder", pk=form.pk)


@require_POST
def field_reorder(request: HttpRequest, pk: Any, name: str) -> HttpResponse:
    form = _form(request, pk)
    direction = -1 if request.POST.get("direction") == "up" else 1
    try:
        services.field_move(actor=request.user, form=form, name=name, direction=direction)
    except FormsError as error:
        messages.error(request, error.message)
    if request.headers.get("HX-Request") == "true":
        return render(request, "forms/builder/_pages.html", _context(form))
    return redirect(reverse("forms:builder", args=[form.pk]) + f"#q-{name}")


def preview(request: HttpRequest, pk: Any, page_id: str) -> HttpResponse:
    """The form exactly as an applicant sees it; answers live in the session, nothing is stored."""
    form = _form(request, pk)
    version = selectors.current_version(form)
    definition = FormDefinition.from_document(version.document)
    page = definition.page(page_id)
    if page is None:
        raise Http404(_("ページが見つかりません。"))
    key = f"forms-preview-{version.pk}"
    data = request.session.get(key, {})
    errors: dict[str, str] = {}
    if request.method == "POST":
        data = parse_page(definition, page, request.POST, data)
        request.session[key] = data
        errors = validate(definition, data, page=page)
        if not errors:
            ids = [p.id for p in visible_pages(definition, data)]
            index = ids.index(page.id) + 1 if page.id in ids else 0
            if index < len(ids):
                return redirect("forms:builder-preview", pk=form.pk, page_id=ids[index])
            messages.success(
                request, _("プレビュー: 最後のページまで入力できました（保存はされません）。")
            )
    pages = visible_pages(definition, data)
    return render(
        request,
        "forms/builder/preview.html",
        {
            "form": form,
            "version": version,
            "page": page,
            "procedure": {"title": definition.title},
            "fields_html": render_page(definition, page, data, errors),
            "errors": error_list(errors),
            "progress": [{"title": p.title, "id": p.id, "current": p.id == page.id} for p in pages],
        },
        status=400 if errors else 200,
    )


@require_POST
def publish(request: HttpRequest, pk: Any) -> HttpResponse:
    form = _form(request, pk)
    version = selectors.current_version(form)
    if version.status != VersionStatus.DRAFT:
        messages.error(request, _("この版はすでに公開されています。変更すると新しい版ができます。"))
        return redirect("forms:builder", pk=form.pk)
    try:
        services.form_version_publish(actor=request.user, version=version)
        count = procedure_use_version(actor=request.user, form=form)
    except FormsError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("第%(n)s版を公開しました（この版を使う手続き: %(c)s件）。")
            % {"n": version.number, "c": count},
        )
    return redirect("forms:builder", pk=form.pk)


def export(request: HttpRequest, pk: Any) -> HttpResponse:
    form = _form(request, pk)
    number = request.GET.get("version")
    version = (
        form.versions.filter(number=number).first() if number else selectors.current_version(form)
    )
    if version is None:
        raise Http404(_("版が見つかりません。"))
    body = json.dumps(version.document, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="form-{form.pk}-v{version.number}.json"'
    )
    return response
