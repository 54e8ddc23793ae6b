"""Compiling a definition into JSON Schema 2020-12, and evaluating conditions with that same schema.

A condition such as ``{"field": "has_fee", "op": "eq", "value": true}`` becomes a schema predicate
(``{"properties": {"has_fee": {"const": true}}, "required": ["has_fee"]}``); the page logic asks a
JSON Schema validator whether the answers satisfy it, and the compiled schema carries the very same
predicate in ``if``/``then``. One source of truth for what is shown, required and accepted.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema import Draft202012Validator

from madoguchi.forms.engine.definition import TEXT_LIMITS, Condition, Field, FormDefinition, Page
from madoguchi.forms.enums import ConditionOp, FieldType

DIALECT = "https://json-schema.org/draft/2020-12/schema"
PATTERNS = {
    FieldType.PHONE: r"^0\d{9,10}$",
    FieldType.POSTAL_CODE: r"^\d{7}$",
    FieldType.CORPORATE_NUMBER: r"^\d{13}$",
    FieldType.EMAIL: r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
    FieldType.DATE: r"^\d{4}-\d{2}-\d{2}$",
}
_EMPTY: list[Any] = ["", None, [], False]


def predicate(condition: Condition) -> dict[str, Any]:
    """The JSON Schema that holds exactly when ``condition`` holds."""
    if "all" in condition:
        return {"allOf": [predicate(c) for c in condition["all"]]}
    if "any" in condition:
        return {"anyOf": [predicate(c) for c in condition["any"]]}
    name = condition["field"]
    op = ConditionOp(condition["op"])
    value = condition.get("value")

    def has(schema: dict[str, Any]) -> dict[str, Any]:
        return {"properties": {name: schema}, "required": [name]}

    match op:
        case ConditionOp.EQ:
            return has({"const": value})
        case ConditionOp.NE:
            return {"not": has({"const": value})}
        case ConditionOp.IN:
            return has({"enum": list(value or [])})
        case ConditionOp.CONTAINS:
            return has({"type": "array", "contains": {"const": value}})
        case ConditionOp.NOT_EMPTY:
            return has({"not": {"enum": _EMPTY}})
        case ConditionOp.EMPTY:
            return {"not": has({"not": {"enum": _EMPTY}})}
        case ConditionOp.GT:
            return has({"type": "number", "exclusiveMinimum": value})
        case ConditionOp.GTE:
            return has({"type": "number", "minimum": value})
        case ConditionOp.LT:
            return has({"type": "number", "exclusiveMaximum": value})
        case ConditionOp.LTE:
            return has({"type": "number", "maximum": value})
    raise ValueError(op)  # pragma: no cover - ConditionOp is exhaustive


def holds(condition: Condition | None, data: dict[str, Any]) -> bool:
    if not condition:
        return True
    return _validator(_freeze(predicate(condition))).is_valid(data)


@lru_cache(maxsize=512)
def _validator(frozen: str) -> Draft202012Validator:
    import json

    return Draft202012Validator(json.loads(frozen))


def _freeze(schema: dict[str, Any]) -> str:
    import json

    return json.dumps(schema, sort_keys=True, ensure_ascii=False)


def _all(conditions: list[Condition | None]) -> Condition | None:
    present = [c for c in conditions if c]
    if not present:
        return None
    return present[0] if len(present) == 1 else {"all": present}


def visibility(page: Page, field: Field) -> Condition | None:
    """When a field is shown: its page's condition and its own, together."""
    return _all([page.visible_when, field.visible_when])


def field_schema(field: Field) -> dict[str, Any]:
    """The JSON Schema of one field's value."""
    t = field.type
    schema: dict[str, Any]
    if t in (FieldType.SHORT_TEXT, FieldType.LONG_TEXT, FieldType.ADDRESS):
        schema = {"type": "string", "maxLength": field.max_length or TEXT_LIMITS[t]}
    elif t == FieldType.NUMBER:
        schema = {"type": "number"}
    elif t == FieldType.YEN:
        schema = {"type": "integer", "minimum": 0}
    elif t == FieldType.DATE:
        schema = {"type": "string", "format": "date", "pattern": PATTERNS[t]}
    elif t == FieldType.SINGLE_CHOICE:
        schema = {"type": "string", "enum": [o.value for o in field.options]}
    elif t == FieldType.MULTIPLE_CHOICE:
        schema = {
            "type": "array",
            "items": {"enum": [o.value for o in field.options]},
            "uniqueItems": True,
        }
    elif t == FieldType.YES_NO:
        schema = {"type": "boolean"}
    elif t == FieldType.CONSENT:
        schema = {"type": "boolean", "const": True}
    elif t == FieldType.EMAIL:
        schema = {"type": "string", "format": "email", "pattern": PATTERNS[t], "maxLength": 254}
    elif t in (FieldType.PHONE, FieldType.POSTAL_CODE, FieldType.CORPORATE_NUMBER):
        schema = {"type": "string", "pattern": PATTERNS[t]}
    elif t == FieldType.FILE:
        schema = {
            "type": "object",
            "properties": {
                "id": {"type": "string"},
                "name": {"type": "string"},
                "size": {"type": "integer", "maximum": field.max_bytes},
                "content_type": {"type": "string"},
            },
            "required": ["id", "name", "size"],
        }
    elif t == FieldType.REPEAT:
        schema = {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {c.name: field_schema(c) for c in field.columns},
                "required": [c.name for c in field.columns if c.required],
                "additionalProperties": False,
            },
        }
    else:  # pragma: no cover - guidance holds no data
        raise ValueError(t)
    if t in (FieldType.NUMBER, FieldType.YEN):
        if field.minimum is not None:
            schema["minimum"] = field.minimum
        if field.maximum is not None:
            schema["maximum"] = field.maximum
    if t in (FieldType.MULTIPLE_CHOICE, FieldType.REPEAT):
        if field.min_items:
            schema["minItems"] = field.min_items
        if field.max_items:
            schema["maxItems"] = field.max_items
    schema["title"] = field.label
    if field.help:
        schema["description"] = field.help
    return schema


def compile_schema(definition: FormDefinition) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    rules: list[dict[str, Any]] = []
    for page in definition.pages:
        for field in definition.page_fields(page):
            if not field.holds_data:
                continue
            properties[field.name] = field_schema(field)
            shown = visibility(page, field)
            if shown:
                # A hidden question has no answer.
                rules.append(
                    {"if": {"not": predicate(shown)}, "then": {"not": {"required": [field.name]}}}
                )
            if field.required:
                if shown:
                    rules.append({"if": predicate(shown), "then": {"required": [field.name]}})
                else:
                    required.append(field.name)
            if field.required_when:
                when = _all([shown, field.required_when]) or field.required_when
                rules.append({"if": predicate(when), "then": {"required": [field.name]}})
    schema: dict[str, Any] = {
        "$schema": DIALECT,
        "title": definition.title,
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    if definition.description:
        schema["description"] = definition.description
    if rules:
        schema["allOf"] = rules
    return schema
