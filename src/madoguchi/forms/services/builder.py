"""The builder's writes: forms, their draft versions, pages and questions, publishing.

Edits always go to the form's draft version. Editing a form whose newest version is published first
copies that version into a new draft (版+1): a published version never changes.
"""

from __future__ import annotations

import copy
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from madoguchi.core.audit import audit_record
from madoguchi.forms.engine import FORMAT, FormDefinition
from madoguchi.forms.enums import VersionStatus
from madoguchi.forms.errors import InvalidDocument, NotAllowed, WrongState
from madoguchi.forms.models import Form, FormVersion
from madoguchi.identity.models import Division
from madoguchi.identity.roles import Right
from madoguchi.identity.selectors import sole_division, staff_has, staff_may


def check_builder(actor: Any, division: Division | int | None) -> None:
    """Forms of ``division`` are built by the roles reaching it (identity.roles: form_build)."""
    if not staff_may(actor, Right.FORM_BUILD, division):
        raise NotAllowed(
            _("このフォームを編集する権限がありません（担当部署の手続き作成担当の職員のみ）。")
        )


def owning_division(actor: Any, right: Right, division: Division | None) -> Division:
    """The division a new form or procedure goes to: the one given, or the actor's only one."""
    if not staff_has(actor, right):
        raise NotAllowed(_("この操作を行う権限がありません。"))
    division = division or sole_division(actor, right)
    if division is None:
        raise InvalidDocument(_("担当部署を選んでください。"), field="division")
    return division


def empty_document(title: str) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "title": title,
        "description": "",
        "ui": {
            "pages": [{"id": "p1", "title": "入力", "sections": [{"title": "", "fields": []}]}],
            "fields": {},
        },
    }


def _normalised(document: Any) -> dict[str, Any]:
    """Parse (raising InvalidDocument) and write back: the schema is always compiled from the ui."""
    definition = FormDefinition.from_document(copy.deepcopy(document), check_schema=True)
    return definition.to_document()


@transaction.atomic
def form_create(*, actor: Any, title: str, division: Division | None = None) -> Form:
    """A new form of ``division`` (default: the actor's only division)."""
    division = owning_division(actor, Right.FORM_BUILD, division)
    check_builder(actor, division)
    title = title.strip()
    if not title:
        raise InvalidDocument("フォーム名を入力してください。", field="title")
    form = Form.objects.create(title=title[:200], division=division, created_by=actor)
    FormVersion.objects.create(form=form, number=1, document=_normalised(empty_document(title)))
    audit_record(action="forms.form_create", actor=actor, target=form)
    return form


@transaction.atomic
def form_import(*, actor: Any, document: Any, division: Division | None = None) -> Form:
    """A new form of ``division`` from an exported document (a file made by ``export``, here or
    elsewhere)."""
    division = owning_division(actor, Right.FORM_BUILD, division)
    check_builder(actor, division)
    normalised = _normalised(document)
    form = Form.objects.create(title=normalised["title"][:200], division=division, created_by=actor)
    FormVersion.objects.create(form=form, number=1, document=normalised)
    audit_record(action="forms.form_import", actor=actor, target=form)
    return form


def draft_version(form: Form) -> FormVersion:
    """The version edits go to; a new draft copied from the newest published one if needed."""
    latest = FormVersion.objects.select_for_update().filter(form=form).order_by("-number")[0]
    if latest.status == VersionStatus.DRAFT:
        return latest
    return FormVersion.objects.create(
        form=form, number=latest.number + 1, document=copy.deepcopy(latest.document)
    )


@transaction.atomic
def form_version_update(*, actor: Any, version: FormVersion, document: Any) -> FormVersion:
    version = (
        FormVersion.objects.select_for_update(of=("self",))
        .select_related("form")
        .get(pk=version.pk)
    )
    check_builder(actor, version.form.division_id)
    if version.status != VersionStatus.DRAFT:
        raise WrongState("公開済みの版は変更できません。新しい版を作成してください。")
    version.document = _normalised(document)
    version.save(update_fields=["document", "updated_at"])
    form = version.form
    if form.title != version.document["title"]:
        form.title = version.document["title"][:200]
        form.save(update_fields=["title", "updated_at"])
    audit_record(action="forms.version_update", actor=actor, target=version)
    return version


def _edit(actor: Any, form: Form, change: Any) -> FormVersion:
    """Apply ``change(document)`` to the draft version, checking the result."""
    check_builder(actor, form.division_id)
    version = draft_version(form)
    document = copy.deepcopy(version.document)
    change(document)
    return form_version_update(actor=actor, version=version, document=document)


@transaction.atomic
def form_describe(*, actor: Any, form: Form, title: str, description: str) -> FormVersion:
    title = title.strip()
    if not title:
        raise InvalidDocument("フォーム名を入力してください。", field="title")

    def change(document: dict[str, Any]) -> None:
        document["title"] = title
        document["description"] = description.strip()

    return _edit(actor, form, change)


@transaction.atomic
def page_add(
    *, actor: Any, form: Form, title: str, visible_when: dict[str, Any] | None = None
) -> FormVersion:
    title = title.strip()
    if not title:
        raise InvalidDocument("ページの見出しを入力してください。", field="title")

    def change(document: dict[str, Any]) -> None:
        pages = document["ui"]["pages"]
        ids = {p["id"] for p in pages}
        n = len(pages) + 1
        while f"p{n}" in ids:
            n += 1
        page: dict[str, Any] = {
            "id": f"p{n}",
            "title": title,
            "sections": [{"title": "", "fields": []}],
        }
        if visible_when:
            page["visible_when"] = visible_when
        pages.append(page)

    return _edit(actor, form, change)


@transaction.atomic
def page_update(
    *, actor: Any, form: Form, page_id: str, title: str, visible_when: dict[str, Any] | None
) -> FormVersion:
    """Change a page's heading and the condition under which it is shown."""
    title = title.strip()
    if not title:
        raise InvalidDocument("ページの見出しを入力してください。", field="title")

    def change(document: dict[str, Any]) -> None:
        page = next((p for p in document["ui"]["pages"] if p["id"] == page_id), None)
        if page is None:
            raise InvalidDocument("ページが見つかりません。")
        page["title"] = title
        if visible_when:
            page["visible_when"] = visible_when
        else:
            page.pop("visible_when", None)

    return _edit(actor, form, change)


@transaction.atomic
def page_delete(*, actor: Any, form: Form, page_id: str) -> FormVersion:
    def change(document: dict[str, Any]) -> None:
        pages = document["ui"]["pages"]
        page = next((p for p in pages if p["id"] == page_id), None)
        if page is None:
            raise InvalidDocument("ページが見つかりません。")
        if len(pages) == 1:
            raise InvalidDocument("最後の1ページは削除できません。")
        for section in page["sections"]:
            for name in section["fields"]:
                document["ui"]["fields"].pop(name, None)
        pages.remove(page)

    return _edit(actor, form, change)


@transaction.atomic
def field_save(
    *,
    actor: Any,
    form: Form,
    page_id: str,
    name: str,
    spec: dict[str, Any],
    original: str | None = None,
) -> FormVersion:
    """Add a question to a page (``original`` None) or replace one (renaming it if ``name`` differs)."""

    def change(document: dict[str, Any]) -> None:
        fields = document["ui"]["fields"]
        pages = document["ui"]["pages"]
        if original != name and name in fields:
            raise InvalidDocument(f"項目名「{name}」はすでに使われています。", field="name")
        if original is None:
            page = next((p for p in pages if p["id"] == page_id), None)
            if page is None:
                raise InvalidDocument("ページが見つかりません。")
            page["sections"][-1]["fields"].append(name)
            fields[name] = spec
            return
        if original not in fields:
            raise InvalidDocument("項目が見つかりません。")
        # Keep the order of the fields object; rename in place in the pages.
        document["ui"]["fields"] = {
            (name if key == original else key): (spec if key == original else value)
            for key, value in fields.items()
        }
        for page in pages:
            for section in page["sections"]:
                section["fields"] = [name if n == original else n for n in section["fields"]]

    return _edit(actor, form, change)


@transaction.atomic
def field_delete(*, actor: Any, form: Form, name: str) -> FormVersion:
    def change(document: dict[str, Any]) -> None:
        if name not in document["ui"]["fields"]:
            raise InvalidDocument("項目が見つかりません。")
        del document["ui"]["fields"][name]
        for page in document["ui"]["pages"]:
            for section in page["sections"]:
                section["fields"] = [n for n in section["fields"] if n != name]

    return _edit(actor, form, change)


@transaction.atomic
def field_move(*, actor: Any, form: Form, name: str, direction: int) -> FormVersion:
    """Move a question one place up (-1) or down (+1), across page boundaries at the edges."""

    def change(document: dict[str, Any]) -> None:
        slots = [
            (page, section) for page in document["ui"]["pages"] for section in page["sections"]
        ]
        for index, (_page, section) in enumerate(slots):
            if name in section["fields"]:
                position = section["fields"].index(name)
                target = position + direction
                if 0 <= target < len(section["fields"]):
                    items = section["fields"]
                    items[position], items[target] = items[target], items[position]
                else:
                    neighbour = index + direction
                    if not 0 <= neighbour < len(slots):
                        return
                    section["fields"].remove(name)
                    other = slots[neighbour][1]["fields"]
                    if direction < 0:
                        other.append(name)
                    else:
                        other.insert(0, name)
                return
        raise InvalidDocument("項目が見つかりません。")

    return _edit(actor, form, change)


@transaction.atomic
def form_version_publish(*, actor: Any, version: FormVersion) -> FormVersion:
    version = (
        FormVersion.objects.select_for_update(of=("self",))
        .select_related("form")
        .get(pk=version.pk)
    )
    check_builder(actor, version.form.division_id)
    if version.status != VersionStatus.DRAFT:
        raise WrongState("この版はすでに公開されています。")
    definition = FormDefinition.from_document(version.document)
    if not definition.data_fields():
        raise InvalidDocument("質問が1つもないフォームは公開できません。")
    version.publish()
    version.save(update_fields=["status", "published_at", "updated_at"])
    audit_record(action="forms.version_publish", actor=actor, target=version)
    return version
