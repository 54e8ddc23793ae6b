"""Server-side validation: the compiled JSON Schema plus the checks a schema cannot say (check digits).

``validate`` returns ``{input name: Japanese message}``: one message per field, naming the field and the
reason, keyed the same way as the inputs (``expenses__2__amount`` for a cell of a table).
"""

from __future__ import annotations

from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from madoguchi.forms.engine.definition import Field, FormDefinition, Page
from madoguchi.forms.engine.schema import compile_schema, holds, visibility
from madoguchi.forms.engine.values import input_name
from madoguchi.forms.enums import FieldType
from madoguchi.registry.numbers import InvalidCorporateNumber, validate_corporate_number


def page_visible(page: Page, data: dict[str, Any]) -> bool:
    return holds(page.visible_when, data)


def visible_pages(definition: FormDefinition, data: dict[str, Any]) -> list[Page]:
    return [p for p in definition.pages if page_visible(p, data)]


def field_visible(definition: FormDefinition, field: Field, data: dict[str, Any]) -> bool:
    page = definition.page_of(field.name)
    if page is None:  # a column of a table: shown with its table
        return True
    return holds(visibility(page, field), data)


def field_required(definition: FormDefinition, field: Field, data: dict[str, Any]) -> bool:
    """Whether an answer is needed now (the field is shown and required, always or by condition)."""
    if not field.holds_data or not field_visible(definition, field, data):
        return False
    return field.required or bool(field.required_when and holds(field.required_when, data))


def clean(definition: FormDefinition, data: dict[str, Any]) -> dict[str, Any]:
    """The answers that count: those of known fields that are shown, in page order.

    Hidden answers are dropped only here (on checking and submitting), never while the user is still
    filling in, so that switching a choice back brings back what was typed.
    """
    cleaned: dict[str, Any] = {}
    for field in definition.data_fields():
        # Conditions look only at earlier fields, which ``cleaned`` already holds (or lacks, if hidden).
        if field.name in data and field_visible(definition, field, cleaned):
            cleaned[field.name] = data[field.name]
    return cleaned


def _validator(definition: FormDefinition) -> Draft202012Validator:
    return Draft202012Validator(
        compile_schema(definition), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def validate(
    definition: FormDefinition, data: dict[str, Any], *, page: Page | None = None
) -> dict[str, str]:
    """Errors of the (cleaned) answers, limited to ``page`` when given."""
    answers = clean(definition, data)
    errors: dict[str, str] = {}
    for error in sorted(_validator(definition).iter_errors(answers), key=_depth):
        for key, message in _messages(definition, error):
            errors.setdefault(key, message)
    for field in definition.data_fields():
        value = answers.get(field.name)
        if field.type == FieldType.CORPORATE_NUMBER and isinstance(value, str):
            try:
                validate_corporate_number(value, field=f"「{field.label}」")
            except InvalidCorporateNumber as error:
                errors.setdefault(field.name, error.message)
    if page is not None:
        names = set(page.field_names)
        errors = {k: v for k, v in errors.items() if k.split("__", 1)[0] in names}
    return _in_page_order(definition, errors)


def _depth(error: ValidationError) -> int:
    return -len(error.absolute_path)


def _in_page_order(definition: FormDefinition, errors: dict[str, str]) -> dict[str, str]:
    order = {f.name: i for i, f in enumerate(definition.data_fields())}
    return dict(
        sorted(errors.items(), key=lambda kv: (order.get(kv[0].split("__")[0], 999), kv[0]))
    )


def _messages(definition: FormDefinition, error: ValidationError) -> list[tuple[str, str]]:
    path = list(error.absolute_path)
    if error.validator == "required":
        instance = error.instance if isinstance(error.instance, dict) else {}
        missing = [n for n in error.validator_value if n not in instance]
        out = []
        for name in missing:
            if not path and name in definition.fields:
                out.append((name, required_message(definition.fields[name])))
            elif len(path) == 2 and path[0] in definition.fields:
                column = definition.fields[path[0]].column(name)
                if column is not None:
                    key = input_name(str(path[0]), int(path[1]), name)
                    out.append((key, f"{int(path[1]) + 1}行目の{required_message(column)}"))
        return out
    if error.validator in ("allOf", "if", "then", "not", "anyOf"):
        # A rule of allOf failed; its context (the sub-errors) names the field.
        return [m for sub in error.context or [] for m in _messages(definition, sub)]
    if not path or path[0] not in definition.fields:
        return []
    field = definition.fields[str(path[0])]
    if field.type == FieldType.REPEAT and len(path) >= 3:
        column = field.column(str(path[2]))
        if column is None:
            return []
        row = int(path[1])
        key = input_name(field.name, row, column.name)
        return [(key, f"{row + 1}行目の" + value_message(column, error))]
    return [(field.name, value_message(field, error))]


def required_message(field: Field) -> str:
    label = f"「{field.label}」"
    match field.type:
        case FieldType.SINGLE_CHOICE | FieldType.MULTIPLE_CHOICE | FieldType.YES_NO:
            return f"{label}を選択してください。"
        case FieldType.CONSENT:
            return f"{label}に同意してください（チェックを入れてください）。"
        case FieldType.FILE:
            return f"{label}のファイルを添付してください。"
        case FieldType.REPEAT:
            return f"{label}を1行以上入力してください。"
    return f"{label}を入力してください。"


def value_message(field: Field, error: ValidationError) -> str:
    """A Japanese message for one schema failure of one field's value."""
    label = f"「{field.label}」"
    v = error.validator
    t = field.type
    if v == "type" and t in (FieldType.NUMBER, FieldType.YEN):
        if t == FieldType.YEN:
            return f"{label}は円単位の整数（例: 150000）で入力してください。"
        return f"{label}は数値（半角または全角の数字）で入力してください。"
    if v == "minimum" or v == "exclusiveMinimum":
        return f"{label}は{_num(error.validator_value)}以上で入力してください。"
    if v == "maximum" or v == "exclusiveMaximum":
        if t == FieldType.FILE:
            return f"{label}のファイルが大きすぎます（{field.max_size_mb or 10}MBまで）。"
        return f"{label}は{_num(error.validator_value)}以下で入力してください。"
    if v == "maxLength":
        return f"{label}は{error.validator_value}文字以内で入力してください（現在{len(error.instance)}文字）。"
    if v in ("pattern", "format"):
        return {
            FieldType.DATE: f"{label}は正しい日付（例: 2026-04-01）で入力してください。",
            FieldType.EMAIL: f"{label}はメールアドレスの形式（例: name@example.jp）で入力してください。",
            FieldType.PHONE: f"{label}は0から始まる10桁または11桁の電話番号で入力してください（例: 03-1234-5678）。",
            FieldType.POSTAL_CODE: f"{label}は7桁の数字で入力してください（例: 100-0013）。",
            FieldType.CORPORATE_NUMBER: f"{label}は13桁の数字で入力してください。",
        }.get(t, f"{label}の形式が正しくありません。")
    if v == "enum":
        return f"{label}は選択肢の中から選んでください。"
    if v == "const" and t == FieldType.CONSENT:
        return f"{label}に同意してください（チェックを入れてください）。"
    if v == "minItems":
        unit = "行" if t == FieldType.REPEAT else "つ"
        return f"{label}は{error.validator_value}{unit}以上にしてください。"
    if v == "maxItems":
        unit = "行" if t == FieldType.REPEAT else "つ"
        return f"{label}は{error.validator_value}{unit}までにしてください。"
    if v == "uniqueItems":
        return f"{label}で同じ選択肢が重複しています。"
    if v == "type":
        if t == FieldType.YES_NO:
            return f"{label}は「はい」か「いいえ」を選択してください。"
        return f"{label}の値の形式が正しくありません。"
    if v == "not":
        return f"{label}は現在の回答では入力できません。"
    return f"{label}の値が正しくありません。"


def _num(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else str(value)
