"""The builder: questions added, edited, moved and deleted; conditions; preview; publish; versions."""

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from madoguchi.forms import services
from madoguchi.forms.documents import sponsorship_document
from madoguchi.forms.engine import FormDefinition
from madoguchi.forms.enums import VersionStatus
from madoguchi.forms.errors import InvalidDocument, NotAllowed, WrongState
from madoguchi.forms.models import Form
from tests.forms.conftest import make_staff

pytestmark = pytest.mark.django_db


def question(client: Client, form: Form, page: str, **values: Any) -> Any:
    return client.post(reverse("forms:builder-field-new", args=[form.pk, page]), values)


def definition_of(form: Form) -> FormDefinition:
    return FormDefinition.from_document(form.versions.order_by("-number").first().document)


def test_staff_build_a_form_with_a_condition_and_publish(client: Client, builder_user: Any) -> None:
    client.force_login(builder_user)
    response = client.post(reverse("forms:builder-list"), {"title": "イベント届"})
    form = Form.objects.get(title="イベント届")
    assert response["Location"] == reverse("forms:builder", args=[form.pk])
    assert (
        question(
            client, form, "p1", type="yes_no", label="有料ですか", name="paid", required="on"
        ).status_code
        == 302
    )
    response = question(
        client,
        form,
        "p1",
        type="yen",
        label="料金",
        name="fee",
        required="on",
        condition_effect="show",
        condition_field="paid",
        condition_op="eq",
        condition_value="はい",
    )
    assert response.status_code == 302
    client.post(reverse("forms:builder-page-new", args=[form.pk]), {"title": "詳細"})
    question(client, form, "p2", type="long_text", label="内容", name="body")
    definition = definition_of(form)
    assert definition.fields["fee"].visible_when == {"field": "paid", "op": "eq", "value": True}
    assert [p.title for p in definition.pages] == ["入力", "詳細"]
    page = client.get(reverse("forms:builder", args=[form.pk])).content.decode()
    assert "条件で表示" in page
    # Preview: exactly the applicant's page; the condition works; nothing stored.
    preview = client.post(
        reverse("forms:builder-preview", args=[form.pk, "p1"]), {"_fields": ["paid"], "paid": "yes"}
    )
    assert "「料金」を入力してください。" in preview.content.decode()
    client.post(reverse("forms:builder-publish", args=[form.pk]))
    version = form.versions.get(number=1)
    assert version.status == VersionStatus.PUBLISHED and version.published_at


def test_question_errors_are_shown_in_japanese(client: Client, builder_user: Any) -> None:
    client.force_login(builder_user)
    form = services.form_create(actor=builder_user, title="F")
    response = question(client, form, "p1", type="single_choice", label="色", name="Bad Name")
    assert response.status_code == 400
    page = response.content.decode()
    assert "項目名は半角英小文字で始め" in page
    assert "選択肢を1つ以上入力してください。" in page
    assert 'value="色"' in page


def test_edit_rename_move_delete(client: Client, builder_user: Any) -> None:
    client.force_login(builder_user)
    form = services.form_create(actor=builder_user, title="F")
    for name in ("a", "b", "c"):
        question(client, form, "p1", type="short_text", label=name.upper(), name=name)
    client.post(reverse("forms:builder-field-move", args=[form.pk, "c"]), {"direction": "up"})
    assert definition_of(form).pages[0].field_names == ["a", "c", "b"]
    response = client.post(
        reverse("forms:builder-field", args=[form.pk, "a"]),
        {"type": "number", "label": "人数", "name": "people", "maximum": "10"},
    )
    assert response.status_code == 302
    definition = definition_of(form)
    assert definition.pages[0].field_names == ["people", "c", "b"]
    assert definition.fields["people"].maximum == 10
    client.post(reverse("forms:builder-field-delete", args=[form.pk, "c"]))
    assert definition_of(form).pages[0].field_names == ["people", "b"]


def test_published_versions_never_change(builder_user: Any) -> None:
    form = services.form_import(actor=builder_user, document=sponsorship_document())
    v1 = form.versions.get()
    services.form_version_publish(actor=builder_user, version=v1)
    with pytest.raises(WrongState):
        services.form_version_update(actor=builder_user, version=v1, document=v1.document)
    before = json.dumps(v1.document, sort_keys=True)
    services.field_delete(actor=builder_user, form=form, name="programme")  # goes to a new draft
    v1.refresh_from_db()
    assert json.dumps(v1.document, sort_keys=True) == before
    v2 = form.versions.get(number=2)
    assert v2.status == VersionStatus.DRAFT and "programme" not in v2.document["ui"]["fields"]


def test_conditions_may_only_look_back(builder_user: Any) -> None:
    form = services.form_create(actor=builder_user, title="F")
    services.field_save(
        actor=builder_user,
        form=form,
        page_id="p1",
        name="a",
        spec={"type": "short_text", "label": "A"},
    )
    services.field_save(
        actor=builder_user,
        form=form,
        page_id="p1",
        name="b",
        spec={
            "type": "short_text",
            "label": "B",
            "visible_when": {"field": "a", "op": "not_empty"},
        },
    )
    with pytest.raises(InvalidDocument, match="それより前にある項目だけ"):
        services.field_save(
            actor=builder_user,
            form=form,
            page_id="p1",
            name="a",
            original="a",
            spec={
                "type": "short_text",
                "label": "A",
                "visible_when": {"field": "b", "op": "not_empty"},
            },
        )
    with pytest.raises(InvalidDocument, match="「zz」がありません"):
        services.field_save(
            actor=builder_user,
            form=form,
            page_id="p1",
            name="c",
            spec={
                "type": "short_text",
                "label": "C",
                "visible_when": {"field": "zz", "op": "not_empty"},
            },
        )


def test_export_and_import_a_file(client: Client, builder_user: Any) -> None:
    client.force_login(builder_user)
    form = services.form_import(actor=builder_user, document=sponsorship_document())
    exported = client.get(reverse("forms:builder-export", args=[form.pk]))
    assert exported["Content-Disposition"].startswith("attachment;")
    document = json.loads(exported.content)
    assert document["schema"]["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    upload = SimpleUploadedFile("form.json", exported.content, content_type="application/json")
    response = client.post(reverse("forms:builder-import"), {"document": upload})
    copy = Form.objects.exclude(pk=form.pk).get()
    assert response["Location"] == reverse("forms:builder", args=[copy.pk])
    assert copy.versions.get().document == document
    bad = SimpleUploadedFile("bad.json", b"{not json", content_type="application/json")
    response = client.post(reverse("forms:builder-import"), {"document": bad}, follow=True)
    assert "JSON として読めません" in response.content.decode()


def test_builder_needs_the_permission(client: Client) -> None:
    plain_staff = make_staff("plain")
    client.force_login(plain_staff)
    assert client.get(reverse("forms:builder-list")).status_code == 403  # no role builds forms
    with pytest.raises(NotAllowed):
        services.form_create(actor=plain_staff, title="x")


def test_cannot_publish_an_empty_form(builder_user: Any) -> None:
    form = services.form_create(actor=builder_user, title="空")
    with pytest.raises(InvalidDocument, match="質問が1つもない"):
        services.form_version_publish(actor=builder_user, version=form.versions.get())


def test_page_heading_and_condition_can_be_changed(client: Client, builder_user: Any) -> None:
    client.force_login(builder_user)
    form = services.form_create(actor=builder_user, title="F")
    question(client, form, "p1", type="yes_no", label="有料", name="paid")
    client.post(reverse("forms:builder-page-new", args=[form.pk]), {"title": "料金"})
    response = client.post(
        reverse("forms:builder-page", args=[form.pk, "p2"]),
        {
            "title": "参加費",
            "condition_field": "paid",
            "condition_op": "eq",
            "condition_value": "はい",
        },
    )
    assert response.status_code == 302
    page = definition_of(form).pages[1]
    assert page.title == "参加費"
    assert page.visible_when == {"field": "paid", "op": "eq", "value": True}
    edit = client.get(reverse("forms:builder", args=[form.pk])).content.decode()
    assert 'value="はい"' in edit
    client.post(reverse("forms:builder-page", args=[form.pk, "p2"]), {"title": "参加費"})
    assert definition_of(form).pages[1].visible_when is None


def test_import_checks_the_schema_part(builder_user: Any) -> None:
    document = sponsorship_document()
    document["schema"] = {"type": 12}
    with pytest.raises(InvalidDocument, match="JSON Schema 2020-12"):
        services.form_import(actor=builder_user, document=document)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        # Nested deeper than the interpreter's stack: this was a RecursionError, a server error.
        (
            b"[" * 100_000 + b"]" * 100_000,
            "の入れ子が深すぎます（配列とオブジェクトは 64 段まで）。",
        ),
        (
            b'{"format": "x", "title": "a\\u0000", "ui": {}}',
            "の「title」に使用できない文字（NUL 文字などの制御文字）が含まれています。",
        ),
        (b'{"title": NaN}', "を JSON として読めません（NaN は JSON の値ではありません）。"),
        (b"\x82\xa0", "を UTF-8 の文字として読めません。"),
    ],
)
def test_import_refuses_what_the_platform_cannot_read_naming_the_file(
    client: Client, builder_user: Any, content: bytes, message: str
) -> None:
    client.force_login(builder_user)
    upload = SimpleUploadedFile("深い.json", content, content_type="application/json")
    response = client.post(reverse("forms:builder-import"), {"document": upload}, follow=True)
    assert response.status_code == 200
    assert "読み込めませんでした: ファイル「深い.json」" + message in response.content.decode()
    assert not Form.objects.exists()
