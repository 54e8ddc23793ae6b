"""The engine on its own: every field type, every condition, the schema, documents, lookups."""

import copy
from typing import Any

import pytest
from django.http import QueryDict
from jsonschema import Draft202012Validator

from madoguchi.forms.documents import change_notice_document, sponsorship_document
from madoguchi.forms.engine import (
    FormDefinition,
    answer_rows,
    apply_lookup,
    clean,
    compile_schema,
    display_value,
    field_required,
    holds,
    parse_page,
    render_page,
    validate,
    visible_pages,
)
from madoguchi.forms.errors import InvalidDocument
from tests.registry.factories import CorporationFactory


def one(field_type: str, **spec: Any) -> FormDefinition:
    """A one-question form."""
    return FormDefinition.from_document(
        {
            "format": "madoguchi-form/1",
            "title": "t",
            "ui": {
                "pages": [{"id": "p1", "title": "P", "sections": [{"title": "", "fields": ["q"]}]}],
                "fields": {"q": {"type": field_type, "label": "質問", **spec}},
            },
        }
    )


def post(**values: Any) -> QueryDict:
    q = QueryDict(mutable=True)
    for key, value in values.items():
        if isinstance(value, list):
            q.setlist(key, value)
        else:
            q[key] = value
    return q


def answer(definition: FormDefinition, **values: Any) -> dict[str, Any]:
    return parse_page(definition, definition.pages[0], post(**values), {})


def check(field_type: str, typed: Any, **spec: Any) -> tuple[Any, str]:
    """(stored value, error message or "") of one typed answer."""
    definition = one(field_type, **spec)
    data = answer(definition, q=typed)
    return data.get("q"), validate(definition, data).get("q", "")


@pytest.mark.parametrize(
    ("field_type", "typed", "spec", "stored", "error"),
    [
        ("short_text", "  山田  ", {}, "山田", ""),
        (
            "short_text",
            "あ" * 201,
            {},
            "あ" * 201,
            "「質問」は200文字以内で入力してください（現在201文字）。",
        ),
        ("short_text", "", {"required": True}, None, "「質問」を入力してください。"),
        ("long_text", "一行目\r\n二行目", {}, "一行目\n二行目", ""),
        (
            "long_text",
            "長い",
            {"max_length": 1},
            "長い",
            "「質問」は1文字以内で入力してください（現在2文字）。",
        ),
        ("number", "１２．５", {}, 12.5, ""),
        ("number", "abc", {}, "abc", "「質問」は数値（半角または全角の数字）で入力してください。"),
        ("number", "0", {"minimum": 1}, 0, "「質問」は1以上で入力してください。"),
        ("number", "11", {"maximum": 10}, 11, "「質問」は10以下で入力してください。"),
        ("yen", "¥1,200円", {}, 1200, ""),
        ("yen", "12.5", {}, "12.5", "「質問」は円単位の整数（例: 150000）で入力してください。"),
        ("yen", "-5", {}, -5, "「質問」は0以上で入力してください。"),
        ("date", "2026/4/1", {}, "2026-04-01", ""),
        (
            "date",
            "2026-02-30",
            {},
            "2026-02-30",
            "「質問」は正しい日付（例: 2026-04-01）で入力してください。",
        ),
        ("single_choice", "a", {"options": [{"value": "a", "label": "A"}]}, "a", ""),
        (
            "single_choice",
            "z",
            {"options": [{"value": "a", "label": "A"}]},
            "z",
            "「質問」は選択肢の中から選んでください。",
        ),
        (
            "single_choice",
            "",
            {"required": True, "options": [{"value": "a", "label": "A"}]},
            None,
            "「質問」を選択してください。",
        ),
        ("yes_no", "yes", {}, True, ""),
        ("yes_no", "no", {}, False, ""),
        ("yes_no", "maybe", {}, "maybe", "「質問」は「はい」か「いいえ」を選択してください。"),
        ("email", "ｔａｒｏ@example.jp", {}, "taro@example.jp", ""),
        (
            "email",
            "taro@",
            {},
            "taro@",
            "「質問」はメールアドレスの形式（例: name@example.jp）で入力してください。",
        ),
        ("phone", "03-1234-5678", {}, "0312345678", ""),
        ("phone", "090（1234）5678", {}, "09012345678", ""),
        (
            "phone",
            "12345",
            {},
            "12345",
            "「質問」は0から始まる10桁または11桁の電話番号で入力してください（例: 03-1234-5678）。",
        ),
        ("postal_code", "〒１００－０００１", {}, "1000001", ""),
        (
            "postal_code",
            "100",
            {},
            "100",
            "「質問」は7桁の数字で入力してください（例: 100-0013）。",
        ),
        ("address", "東京都千代田区千代田1-1", {}, "東京都千代田区千代田1-1", ""),
        (
            "corporate_number",
            "1234567890123",
            {},
            "1234567890123",
            "「質問」のチェックディジット（先頭の1桁）が正しくありません（残り12桁から計算すると 9 になります）。番号をご確認ください。",
        ),
        ("corporate_number", "12-34", {}, "1234", "「質問」は13桁の数字で入力してください。"),
        (
            "consent",
            "",
            {"required": True},
            None,
            "「質問」に同意してください（チェックを入れてください）。",
        ),
        ("consent", "on", {"required": True}, True, ""),
    ],
)
def test_field_types(
    field_type: str, typed: str, spec: dict[str, Any], stored: Any, error: str
) -> None:
    value, message = check(field_type, typed, **spec)
    assert value == stored
    assert message == error


def test_multiple_choice() -> None:
    options = [{"value": v, "label": v.upper()} for v in "abc"]
    definition = one("multiple_choice", options=options, required=True, max_items=2)
    assert validate(definition, answer(definition)) == {"q": "「質問」を選択してください。"}
    data = answer(definition, q=["a", "c"])
    assert data == {"q": ["a", "c"]} and validate(definition, data) == {}
    assert display_value(definition.fields["q"], ["a", "c"]) == "A、C"
    data = answer(definition, q=["a", "b", "c"])
    assert validate(definition, data) == {"q": "「質問」は2つまでにしてください。"}


def test_file_field_value_and_size() -> None:
    definition = one("file", required=True, max_size_mb=1)
    assert validate(definition, {}) == {"q": "「質問」のファイルを添付してください。"}
    ok = {"q": {"id": "x", "name": "a.pdf", "size": 1000, "content_type": "application/pdf"}}
    assert validate(definition, ok) == {}
    too_big = {"q": {**ok["q"], "size": 2 * 1024 * 1024}}
    assert validate(definition, too_big) == {"q": "「質問」のファイルが大きすぎます（1MBまで）。"}
    # A file question keeps its file when the page is posted again, and drops it on request.
    assert parse_page(definition, definition.pages[0], post(), ok) == ok
    assert parse_page(definition, definition.pages[0], post(q__remove="1"), ok) == {}


def test_repeat_table_with_totals_and_cell_errors() -> None:
    definition = one(
        "repeat",
        required=True,
        columns=[
            {"name": "item", "type": "short_text", "label": "費目", "required": True},
            {"name": "amount", "type": "yen", "label": "金額"},
        ],
        totals=["amount"],
    )
    data = answer(
        definition,
        q__rows="3",
        q__0__item="会場費",
        q__0__amount="1,000",
        q__1__amount="500",
        q__2__item="",
        q__2__amount="",
    )
    assert data == {"q": [{"item": "会場費", "amount": 1000}, {"amount": 500}]}  # empty row dropped
    assert validate(definition, data) == {"q__1__item": "2行目の「費目」を入力してください。"}
    rows = answer_rows(definition, data)[0]["items"][0]["table"]
    assert rows["totals"] == ["", "1,500円"]
    html = render_page(definition, definition.pages[0], data, {})
    assert "<output>1,500円</output>" in html
    removed = answer(definition, q__rows="2", q__0__item="A", q__1__item="B", q__remove="0")
    assert removed == {"q": [{"item": "B"}]}
    assert validate(definition, {}) == {"q": "「質問」を1行以上入力してください。"}


def test_guidance_holds_no_data() -> None:
    definition = one("guidance", help="説明です")
    assert compile_schema(definition)["properties"] == {}
    assert "説明です" in render_page(definition, definition.pages[0], {}, {})


def conditional(
    op: str, value: Any, controller: str = "number", **controller_spec: Any
) -> FormDefinition:
    return FormDefinition.from_document(
        {
            "format": "madoguchi-form/1",
            "title": "t",
            "ui": {
                "pages": [
                    {"id": "p1", "title": "P", "sections": [{"title": "", "fields": ["c", "q"]}]}
                ],
                "fields": {
                    "c": {"type": controller, "label": "条件", **controller_spec},
                    "q": {
                        "type": "short_text",
                        "label": "質問",
                        "required": True,
                        "visible_when": {
                            "field": "c",
                            "op": op,
                            **({} if value is None else {"value": value}),
                        },
                    },
                },
            },
        }
    )


@pytest.mark.parametrize(
    ("op", "value", "answer_value", "shown"),
    [
        ("eq", "5", 5, True),
        ("eq", "5", 6, False),
        ("ne", "5", 6, True),
        ("ne", "5", 5, False),
        ("in", "1,2,3", 2, True),
        ("in", "1,2,3", 4, False),
        ("gt", 5, 6, True),
        ("gt", 5, 5, False),
        ("gte", 5, 5, True),
        ("gte", 5, 4, False),
        ("lt", 5, 4, True),
        ("lt", 5, 5, False),
        ("lte", 5, 5, True),
        ("lte", 5, 6, False),
        ("not_empty", None, 1, True),
        ("not_empty", None, None, False),
        ("empty", None, None, True),
        ("empty", None, 1, False),
    ],
)
def test_conditions_show_and_hide(op: str, value: Any, answer_value: Any, shown: bool) -> None:
    definition = conditional(op, value)
    data = {} if answer_value is None else {"c": answer_value}
    errors = validate(definition, data)
    assert ("q" in errors) is shown  # a shown required question must be answered
    assert field_required(definition, definition.fields["q"], data) is shown
    html = render_page(definition, definition.pages[0], data, {})
    assert ('name="q"' in html) is shown


def test_contains_condition_on_multiple_choice() -> None:
    definition = conditional(
        "contains",
        "b",
        controller="multiple_choice",
        options=[{"value": "a", "label": "A"}, {"value": "b", "label": "B"}],
    )
    assert "q" in validate(definition, {"c": ["a", "b"]})
    assert "q" not in validate(definition, {"c": ["a"]})


def test_yes_no_condition_value_is_coerced_from_builder_text() -> None:
    definition = conditional("eq", "はい", controller="yes_no")
    assert definition.fields["q"].visible_when == {"field": "c", "op": "eq", "value": True}
    assert "q" in validate(definition, {"c": True})
    assert "q" not in validate(definition, {"c": False})


def test_hidden_answers_are_kept_while_filling_but_not_submitted() -> None:
    definition = conditional("eq", "はい", controller="yes_no")
    data = {"c": False, "q": "前に入力した値"}
    assert clean(definition, data) == {"c": False}
    # The hidden field is not in the posted page; its earlier answer survives the post.
    kept = parse_page(definition, definition.pages[0], post(_fields=["c"], c="no"), data)
    assert kept["q"] == "前に入力した値"


def test_required_when_and_page_conditions() -> None:
    definition = FormDefinition.from_document(change_notice_document())
    assert [p.id for p in visible_pages(definition, {})] == ["business", "details"]
    errors = validate(
        definition,
        {
            "business_name": "A",
            "contact_email": "a@example.jp",
            "change_kind": ["representative"],
            "effective_date": "2026-01-01",
        },
    )
    assert errors == {"new_representative": "「新しい代表者の氏名」を入力してください。"}
    doc = {
        "format": "madoguchi-form/1",
        "title": "t",
        "ui": {
            "pages": [
                {"id": "a", "title": "A", "sections": [{"title": "", "fields": ["kind", "memo"]}]},
                {
                    "id": "b",
                    "title": "B",
                    "visible_when": {"field": "kind", "op": "eq", "value": "x"},
                    "sections": [{"title": "", "fields": ["detail"]}],
                },
            ],
            "fields": {
                "kind": {
                    "type": "single_choice",
                    "label": "種類",
                    "options": [{"value": "x", "label": "X"}, {"value": "y", "label": "Y"}],
                },
                "memo": {
                    "type": "short_text",
                    "label": "メモ",
                    "required_when": {"field": "kind", "op": "eq", "value": "y"},
                },
                "detail": {"type": "short_text", "label": "詳細", "required": True},
            },
        },
    }
    definition = FormDefinition.from_document(doc)
    assert [p.id for p in visible_pages(definition, {"kind": "y"})] == ["a"]
    assert validate(definition, {"kind": "y"}) == {"memo": "「メモ」を入力してください。"}
    assert validate(definition, {"kind": "x"}) == {"detail": "「詳細」を入力してください。"}
    assert validate(definition, {"kind": "x"}, page=definition.pages[0]) == {}


def test_compiled_schema_is_valid_2020_12_and_agrees_with_the_engine() -> None:
    definition = FormDefinition.from_document(sponsorship_document())
    schema = compile_schema(definition)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    validator = Draft202012Validator(schema)
    base = {
        "organiser_name": "A",
        "organiser_address": "B",
        "representative": "C",
        "contact_name": "D",
        "contact_email": "d@example.jp",
        "contact_phone": "0312345678",
        "event_name": "E",
        "event_kind": "seminar",
        "start_date": "2026-01-01",
        "end_date": "2026-01-02",
        "venue": "V",
        "venue_address": "X",
        "expected_attendance": 10,
        "admission_fee": False,
        "programme": "P",
        "expenses": [{"item": "i", "amount": 1}],
        "past_sponsorship": False,
        "plan_document": {"id": "1", "name": "a.pdf", "size": 1},
        "consent": True,
    }
    assert validate(definition, base) == {}
    assert validator.is_valid(base)
    charged = {**base, "admission_fee": True}
    assert validate(definition, charged) == {
        "fee_amount": "「参加費（1人あたり）」を入力してください。"
    }
    assert not validator.is_valid(charged)  # any 2020-12 validator sees the same condition
    assert validator.is_valid({**charged, "fee_amount": 500})
    # A hidden answer is not part of valid data in the portable schema either.
    assert not validator.is_valid({**base, "fee_amount": 500})
    assert holds({"field": "admission_fee", "op": "eq", "value": True}, charged)


def test_document_round_trip_and_import_errors() -> None:
    document = sponsorship_document()
    again = FormDefinition.from_document(copy.deepcopy(document)).to_document()
    assert again == document
    broken = copy.deepcopy(document)
    broken["ui"]["fields"]["fee_amount"]["visible_when"]["field"] = "consent"
    with pytest.raises(InvalidDocument, match="それより前にある項目だけを参照できます"):
        FormDefinition.from_document(broken)
    broken = copy.deepcopy(document)
    broken["ui"]["fields"]["event_kind"]["type"] = "hologram"
    with pytest.raises(InvalidDocument, match="種類「hologram」は使えません"):
        FormDefinition.from_document(broken)
    broken = copy.deepcopy(document)
    broken["format"] = "other"
    with pytest.raises(InvalidDocument, match="形式"):
        FormDefinition.from_document(broken)
    broken = copy.deepcopy(document)
    broken["ui"]["pages"][0]["sections"][0]["fields"].append("event_name")
    with pytest.raises(InvalidDocument, match="複数の場所"):
        FormDefinition.from_document(broken)
    broken = copy.deepcopy(document)
    broken["schema"] = {"type": 12}
    FormDefinition.from_document(broken)  # a stored version is trusted
    with pytest.raises(InvalidDocument, match="JSON Schema 2020-12"):
        FormDefinition.from_document(broken, check_schema=True)


def test_postal_lookup_is_offline() -> None:
    definition = FormDefinition.from_document(sponsorship_document())
    field = definition.fields["venue_postal_code"]
    data, note = apply_lookup(definition, field, {"venue_postal_code": "1000001"})
    assert data["venue_address"] == "東京都千代田区千代田"
    assert "住所を入力しました" in note
    data, note = apply_lookup(definition, field, {"venue_postal_code": "0000000"})
    assert "venue_address" not in data and "見つかりませんでした" in note


@pytest.mark.django_db
def test_corporate_number_lookup_fills_name_and_address() -> None:
    corporation = CorporationFactory(
        name="株式会社見本",
        prefecture_name="京都府",
        city_name="京都市",
        street_number="1",
        post_code="6000000",
    )
    definition = FormDefinition.from_document(sponsorship_document())
    data, note = apply_lookup(
        definition,
        definition.fields["organiser_number"],
        {"organiser_number": corporation.corporate_number},
    )
    assert data["organiser_name"] == "株式会社見本"
    assert data["organiser_address"] == "京都府京都市1"
    assert data["organiser_postal_code"] == "6000000"
    _, note = apply_lookup(
        definition, definition.fields["organiser_number"], {"organiser_number": "1234567890123"}
    )
    assert "見つかりませんでした" in note


def test_rendered_fields_are_labelled_and_errors_linked() -> None:
    definition = one("short_text", required=True, help="例: 山田")
    html = render_page(definition, definition.pages[0], {}, {"q": "「質問」を入力してください。"})
    assert '<label class="form-field__label" for="f-q">' in html
    assert 'aria-describedby="f-q-help f-q-error"' in html
    assert 'aria-invalid="true"' in html
    assert "必須" in html


def test_a_hidden_field_keeps_its_answer_through_a_real_page_post() -> None:
    definition = conditional("eq", "はい", controller="yes_no")
    data = {"c": True, "q": "入力済み"}
    hidden = render_page(definition, definition.pages[0], {"c": False, "q": "入力済み"}, {})
    assert 'name="_fields" value="q"' not in hidden
    shown = render_page(definition, definition.pages[0], data, {})
    assert 'name="_fields" value="q"' in shown
    # The browser posts only the inputs it was shown: c (now "no"), not q.
    after = parse_page(definition, definition.pages[0], post(_fields=["c"], c="no"), data)
    assert after == {"c": False, "q": "入力済み"}


def test_postal_lookup_works_from_any_thread() -> None:
    import threading

    from madoguchi.forms.engine import postal_address

    assert postal_address("1000001") == "東京都千代田区千代田"  # this thread first
    results: list[str | None] = []
    worker = threading.Thread(target=lambda: results.append(postal_address("1000001")))
    worker.start()
    worker.join()
    assert results == ["東京都千代田区千代田"]
