"""Bounded JSON (core.jsonparse): what json.loads alone lets through is refused with a Japanese message
naming the source and, for a bad string, where it is."""

from typing import Any

import pytest
from django import forms
from django.contrib import admin
from django.test import RequestFactory

from madoguchi.core.jsonparse import (
    MAX_DEPTH,
    BoundedJSONField,
    InvalidJson,
    JsonErrorCode,
    parse_json,
)


def refused(data: bytes | str, **limits: Any) -> InvalidJson:
    with pytest.raises(InvalidJson) as caught:
        parse_json(data, source="ファイル「form.json」", **limits)
    return caught.value


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_ordinary_json_is_read_with_tabs_line_breaks_and_a_bom() -> None:
    text = '{"title": "後援\\t名義", "lines": ["一行目\\n二行目\\r\\n"], "n": 1.5, "ok": true}'
    assert parse_json(("\ufeff" + text).encode(), source="x") == {
        "title": "後援\t名義",
        "lines": ["一行目\n二行目\r\n"],
        "n": 1.5,
        "ok": True,
    }


def test_depth_is_bounded_exactly() -> None:
    assert parse_json(nested(MAX_DEPTH), source="x") is not None
    error = refused(nested(MAX_DEPTH + 1))
    assert error.code == JsonErrorCode.TOO_DEEP
    assert error.message == (
        f"ファイル「form.json」の入れ子が深すぎます（配列とオブジェクトは {MAX_DEPTH} 段まで）。"
    )


def test_nesting_deeper_than_the_interpreter_stack_is_refused_not_a_crash() -> None:
    assert refused(nested(200_000)).code == JsonErrorCode.TOO_DEEP
    assert refused('{"a":' * 50_000 + "1" + "}" * 50_000).code == JsonErrorCode.TOO_DEEP


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('{"ui": {"pages": [{"title": "a\\u0000"}]}}', "の「ui.pages[0].title」"),
        ('["ok", {"key\\u0001": 1}]', "の「[1].key\\x01」"),
        ('"\\u001b[31m"', ""),
    ],
)
def test_control_characters_are_refused_with_their_place(text: str, where: str) -> None:
    error = refused(text)
    assert error.code == JsonErrorCode.CONTROL_CHARACTER
    assert error.message == (
        f"ファイル「form.json」{where}に使用できない文字（NUL 文字などの制御文字）が含まれています。"
    )


@pytest.mark.parametrize(
    ("data", "code", "text"),
    [
        (b"{not json", JsonErrorCode.SYNTAX, "JSON として読めません（1 行 2 列"),
        (b'{"a": NaN}', JsonErrorCode.SYNTAX, "NaN は JSON の値ではありません"),
        (b"[-Infinity]", JsonErrorCode.SYNTAX, "-Infinity は JSON の値ではありません"),
        (b"9" * 5000, JsonErrorCode.SYNTAX, "JSON として読めません"),
        (b'{"a": "\x82\xa0"}', JsonErrorCode.ENCODING, "UTF-8 の文字として読めません"),
        (b"[" + b"1," * 600_000 + b"1]", JsonErrorCode.TOO_LARGE, "大きすぎます（1,024 KB まで）"),
    ],
)
def test_what_json_loads_would_let_through_or_crash_on(
    data: bytes, code: JsonErrorCode, text: str
) -> None:
    error = refused(data, max_bytes=1024 * 1024)
    assert error.code == code
    assert error.message.startswith("ファイル「form.json」")
    assert text in error.message


def test_the_form_field_refuses_with_a_validation_error() -> None:
    field = BoundedJSONField(label="利用できる人")
    assert field.clean('["guest"]') == ["guest"]
    with pytest.raises(forms.ValidationError, match="利用できる人の入れ子が深すぎます"):
        field.clean(nested(10_000))
    assert field.bound_data(nested(10_000), None) == nested(10_000)  # shown again as typed


@pytest.mark.django_db
def test_every_admin_form_reads_json_bounded(admin_user: Any) -> None:
    """A JSON field editable in the admin would otherwise parse unbounded (RecursionError, 500)."""
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    unbounded = []
    for model, model_admin in admin.site._registry.items():
        admins = [model_admin, *model_admin.get_inline_instances(request)]
        for each in admins:
            form = (
                each.get_formset(request).form
                if isinstance(each, admin.options.InlineModelAdmin)
                else each.get_form(request)
            )
            unbounded += [
                f"{model._meta.label}.{name}"
                for name, field in form.base_fields.items()
                if isinstance(field, forms.JSONField) and not isinstance(field, BoundedJSONField)
            ]
    assert unbounded == []
