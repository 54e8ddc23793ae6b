"""The form definition: a portable JSON document (format ``madoguchi-form/1``).

A document has three parts::

    {"format": "madoguchi-form/1", "title": "...", "description": "...",
     "schema": {... JSON Schema 2020-12 of the data ...},
     "ui": {"pages": [{"id", "title", "visible_when", "sections": [{"title", "fields": [...]}]}],
            "fields": {"<name>": {"type", "label", "help", "required", "widget", "options", ...}}}}

The ``ui`` part is authoritative: ``schema`` is compiled from it (``compile_schema``) and rewritten on
import, so that a document edited by hand can never disagree with itself. Conditions (``visible_when``,
``required_when``) are written once, in the ``ui`` part, and compiled into the schema's ``if``/``then``
so that any JSON Schema 2020-12 validator checks the same data the same way.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from madoguchi.forms.enums import COLUMN_TYPES, ConditionOp, FieldType, Prefill
from madoguchi.forms.errors import InvalidDocument

FORMAT = "madoguchi-form/1"
NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
DEFAULT_MAX_SIZE_MB = 10
MAX_SIZE_MB_LIMIT = 50
DEFAULT_ACCEPT = (".pdf", ".jpg", ".jpeg", ".png", ".docx", ".xlsx")
TEXT_LIMITS = {FieldType.SHORT_TEXT: 200, FieldType.LONG_TEXT: 4000, FieldType.ADDRESS: 300}
_BOOL_TRUE = {"true", "yes", "はい", "1", "on"}

Condition = dict[str, Any]


@dataclasses.dataclass
class Option:
    value: str
    label: str

    def to_dict(self) -> dict[str, str]:
        return {"value": self.value, "label": self.label}


@dataclasses.dataclass
class Field:
    name: str
    type: FieldType
    label: str
    help: str = ""
    required: bool = False
    widget: str = ""
    options: list[Option] = dataclasses.field(default_factory=list)
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None
    min_items: int | None = None
    max_items: int | None = None
    visible_when: Condition | None = None
    required_when: Condition | None = None
    prefill: str = ""
    fills: dict[str, str] = dataclasses.field(default_factory=dict)
    accept: list[str] = dataclasses.field(default_factory=list)
    max_size_mb: int | None = None
    columns: list[Field] = dataclasses.field(default_factory=list)
    totals: list[str] = dataclasses.field(default_factory=list)

    @property
    def holds_data(self) -> bool:
        return self.type != FieldType.GUIDANCE

    @property
    def option_labels(self) -> dict[str, str]:
        return {o.value: o.label for o in self.options}

    @property
    def max_bytes(self) -> int:
        return (self.max_size_mb or DEFAULT_MAX_SIZE_MB) * 1024 * 1024

    @property
    def accepted(self) -> list[str]:
        return self.accept or list(DEFAULT_ACCEPT)

    def column(self, name: str) -> Field | None:
        return next((c for c in self.columns if c.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": str(self.type), "label": self.label}
        for key in ("help", "widget", "prefill"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.required:
            out["required"] = True
        for key in ("minimum", "maximum", "max_length", "min_items", "max_items", "max_size_mb"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        for key in ("visible_when", "required_when"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.options:
            out["options"] = [o.to_dict() for o in self.options]
        if self.fills:
            out["fills"] = dict(self.fills)
        if self.accept:
            out["accept"] = list(self.accept)
        if self.columns:
            out["columns"] = [{"name": c.name, **c.to_dict()} for c in self.columns]
        if self.totals:
            out["totals"] = list(self.totals)
        return out


@dataclasses.dataclass
class Section:
    title: str
    fields: list[str]


@dataclasses.dataclass
class Page:
    id: str
    title: str
    sections: list[Section]
    visible_when: Condition | None = None

    @property
    def field_names(self) -> list[str]:
        return [name for section in self.sections for name in section.fields]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "sections": [{"title": s.title, "fields": list(s.fields)} for s in self.sections],
        }
        if self.visible_when:
            out["visible_when"] = self.visible_when
        return out


@dataclasses.dataclass
class FormDefinition:
    """A whole form. Build it with ``FormDefinition.from_document``; never mutate a published one."""

    title: str
    pages: list[Page]
    fields: dict[str, Field]
    description: str = ""

    # --- access --------------------------------------------------------------------------------

    def field(self, name: str) -> Field:
        return self.fields[name]

    def page(self, page_id: str) -> Page | None:
        return next((p for p in self.pages if p.id == page_id), None)

    def page_of(self, field_name: str) -> Page | None:
        return next((p for p in self.pages if field_name in p.field_names), None)

    def page_fields(self, page: Page) -> list[Field]:
        return [self.fields[name] for name in page.field_names]

    def data_fields(self) -> list[Field]:
        """Every field that holds data, in page order."""
        return [f for page in self.pages for f in self.page_fields(page) if f.holds_data]

    # --- documents -----------------------------------------------------------------------------

    def to_document(self) -> dict[str, Any]:
        from madoguchi.forms.engine.schema import compile_schema

        return {
            "format": FORMAT,
            "title": self.title,
            "description": self.description,
            "schema": compile_schema(self),
            "ui": {
                "pages": [p.to_dict() for p in self.pages],
                "fields": {name: f.to_dict() for name, f in self.fields.items()},
            },
        }

    @classmethod
    def from_document(cls, document: Any, *, check_schema: bool = False) -> FormDefinition:
        """Parse and check a document; raise ``InvalidDocument`` with a Japanese reason.

        ``check_schema`` also checks the document's ``schema`` part against the 2020-12 meta-schema
        (about 30 ms for a large form): done on import and on every builder edit, not when a stored
        version, written by Madoguchi itself, is read back.
        """
        if not isinstance(document, dict):
            raise InvalidDocument("フォーム定義は JSON のオブジェクトである必要があります。")
        if document.get("format") != FORMAT:
            raise InvalidDocument(f"フォーム定義の形式（format）は {FORMAT} である必要があります。")
        title = document.get("title")
        if not isinstance(title, str) or not title.strip():
            raise InvalidDocument("フォームの名称（title）がありません。")
        ui = document.get("ui")
        if not isinstance(ui, dict):
            raise InvalidDocument("画面の定義（ui）がありません。")
        raw_fields = ui.get("fields")
        raw_pages = ui.get("pages")
        if not isinstance(raw_fields, dict) or not isinstance(raw_pages, list) or not raw_pages:
            raise InvalidDocument("ui には fields（オブジェクト）と pages（1つ以上）が必要です。")
        fields = {name: _parse_field(name, spec) for name, spec in raw_fields.items()}
        pages = [_parse_page(i, spec) for i, spec in enumerate(raw_pages)]
        definition = cls(
            title=title.strip(),
            description=str(document.get("description") or ""),
            pages=pages,
            fields=fields,
        )
        definition.check()
        schema = document.get("schema")
        if check_schema and schema is not None:
            from jsonschema import Draft202012Validator
            from jsonschema.exceptions import SchemaError

            try:
                Draft202012Validator.check_schema(schema)
            except SchemaError as error:
                raise InvalidDocument(
                    f"schema が JSON Schema 2020-12 として正しくありません: {error.message}"
                ) from None
        return definition

    def check(self) -> None:
        """Cross-checks: every field placed once, conditions refer to earlier fields, fills exist."""
        seen: list[str] = []
        page_ids = set()
        for page in self.pages:
            if page.id in page_ids:
                raise InvalidDocument(f"ページID「{page.id}」が重複しています。")
            page_ids.add(page.id)
            if page.visible_when:
                _check_condition(
                    self, page.visible_when, before=seen, where=f"ページ「{page.title}」"
                )
            for name in page.field_names:
                if name not in self.fields:
                    raise InvalidDocument(
                        f"ページ「{page.title}」の項目「{name}」が定義されていません。"
                    )
                if name in seen:
                    raise InvalidDocument(f"項目「{name}」が複数の場所に置かれています。")
                field = self.fields[name]
                for key in ("visible_when", "required_when"):
                    condition = getattr(field, key)
                    if condition:
                        _check_condition(
                            self, condition, before=seen, where=f"項目「{field.label}」"
                        )
                seen.append(name)
        missing = set(self.fields) - set(seen)
        if missing:
            raise InvalidDocument(
                f"どのページにも置かれていない項目があります: {', '.join(sorted(missing))}"
            )
        for field in self.fields.values():
            for role, target in field.fills.items():
                if target not in self.fields:
                    raise InvalidDocument(
                        f"項目「{field.label}」の自動入力先「{target}」（{role}）が定義されていません。"
                    )


# --- parsing helpers ------------------------------------------------------------------------------


def _number(value: Any, what: str) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidDocument(f"{what}は数値である必要があります。")
    return value


def _int(value: Any, what: str) -> int | None:
    number = _number(value, what)
    if number is None:
        return None
    if int(number) != number or number < 0:
        raise InvalidDocument(f"{what}は0以上の整数である必要があります。")
    return int(number)


def _parse_field(name: Any, spec: Any, *, column: bool = False) -> Field:
    if not isinstance(name, str) or not NAME_RE.match(name):
        raise InvalidDocument(
            f"項目名「{name}」は半角英小文字で始まり、英小文字・数字・_ だけの40文字以内にしてください。"
        )
    if not isinstance(spec, dict):
        raise InvalidDocument(f"項目「{name}」の定義がオブジェクトではありません。")
    try:
        field_type = FieldType(str(spec.get("type")))
    except ValueError:
        raise InvalidDocument(f"項目「{name}」の種類「{spec.get('type')}」は使えません。") from None
    if column and field_type not in COLUMN_TYPES:
        raise InvalidDocument(f"表の列「{name}」に種類「{field_type.label}」は使えません。")
    label = spec.get("label")
    if not isinstance(label, str) or not label.strip():
        raise InvalidDocument(f"項目「{name}」に見出し（label）がありません。")
    what = f"項目「{label}」の"
    options = []
    for raw in spec.get("options") or []:
        if not isinstance(raw, dict) or not str(raw.get("value", "")).strip():
            raise InvalidDocument(f"{what}選択肢に値（value）のないものがあります。")
        options.append(Option(value=str(raw["value"]), label=str(raw.get("label") or raw["value"])))
    if field_type in (FieldType.SINGLE_CHOICE, FieldType.MULTIPLE_CHOICE):
        if not options:
            raise InvalidDocument(f"{what}選択肢がありません。")
        if len({o.value for o in options}) != len(options):
            raise InvalidDocument(f"{what}選択肢の値が重複しています。")
    columns = []
    if field_type == FieldType.REPEAT:
        raw_columns = spec.get("columns") or []
        if not raw_columns:
            raise InvalidDocument(f"{what}列（columns）がありません。")
        for raw in raw_columns:
            if not isinstance(raw, dict):
                raise InvalidDocument(f"{what}列の定義がオブジェクトではありません。")
            columns.append(_parse_field(raw.get("name"), raw, column=True))
        if len({c.name for c in columns}) != len(columns):
            raise InvalidDocument(f"{what}列名が重複しています。")
    totals = [str(t) for t in spec.get("totals") or []]
    for total in totals:
        col = next((c for c in columns if c.name == total), None)
        if col is None or col.type not in (FieldType.NUMBER, FieldType.YEN):
            raise InvalidDocument(
                f"{what}合計する列「{total}」は数値か金額の列である必要があります。"
            )
    prefill = str(spec.get("prefill") or "")
    if prefill and prefill not in Prefill.values:
        raise InvalidDocument(f"{what}自動入力元「{prefill}」は使えません。")
    fills = spec.get("fills") or {}
    if not isinstance(fills, dict):
        raise InvalidDocument(f"{what}自動入力先（fills）がオブジェクトではありません。")
    allowed_roles = {
        FieldType.POSTAL_CODE: {"address"},
        FieldType.CORPORATE_NUMBER: {"name", "address", "postal_code"},
    }.get(field_type, set())
    for role in fills:
        if role not in allowed_roles:
            raise InvalidDocument(f"{what}自動入力先「{role}」は使えません。")
    max_size = _int(spec.get("max_size_mb"), f"{what}最大サイズ")
    if max_size is not None and not 1 <= max_size <= MAX_SIZE_MB_LIMIT:
        raise InvalidDocument(f"{what}最大サイズは1〜{MAX_SIZE_MB_LIMIT}MBにしてください。")
    accept = [str(a).lower() for a in spec.get("accept") or []]
    for ext in accept:
        if not re.match(r"^\.[a-z0-9]{1,8}$", ext):
            raise InvalidDocument(f"{what}ファイルの種類「{ext}」は .pdf のように書いてください。")
    field = Field(
        name=name,
        type=field_type,
        label=label.strip(),
        help=str(spec.get("help") or ""),
        required=bool(spec.get("required")),
        widget=str(spec.get("widget") or ""),
        options=options,
        minimum=_number(spec.get("minimum"), f"{what}最小値"),
        maximum=_number(spec.get("maximum"), f"{what}最大値"),
        max_length=_int(spec.get("max_length"), f"{what}最大文字数"),
        min_items=_int(spec.get("min_items"), f"{what}最小件数"),
        max_items=_int(spec.get("max_items"), f"{what}最大件数"),
        visible_when=spec.get("visible_when") or None,
        required_when=spec.get("required_when") or None,
        prefill=prefill,
        fills={str(k): str(v) for k, v in fills.items()},
        accept=accept,
        max_size_mb=max_size,
        columns=columns,
        totals=totals,
    )
    if field.minimum is not None and field.maximum is not None and field.minimum > field.maximum:
        raise InvalidDocument(f"{what}最小値が最大値より大きくなっています。")
    return field


def _parse_page(index: int, spec: Any) -> Page:
    if not isinstance(spec, dict):
        raise InvalidDocument(f"{index + 1}ページ目の定義がオブジェクトではありません。")
    title = str(spec.get("title") or "").strip()
    if not title:
        raise InvalidDocument(f"{index + 1}ページ目に見出し（title）がありません。")
    sections = []
    for raw in spec.get("sections") or []:
        if not isinstance(raw, dict) or not isinstance(raw.get("fields", []), list):
            raise InvalidDocument(f"ページ「{title}」の区分（sections）の形が正しくありません。")
        sections.append(
            Section(title=str(raw.get("title") or ""), fields=list(raw.get("fields", [])))
        )
    if not sections:
        sections = [Section(title="", fields=[])]
    return Page(
        id=str(spec.get("id") or f"p{index + 1}"),
        title=title,
        sections=sections,
        visible_when=spec.get("visible_when") or None,
    )


def _check_condition(
    definition: FormDefinition, condition: Condition, *, before: list[str], where: str
) -> None:
    if not isinstance(condition, dict):
        raise InvalidDocument(f"{where}の条件の形が正しくありません。")
    for key in ("all", "any"):
        if key in condition:
            parts = condition[key]
            if not isinstance(parts, list) or not parts:
                raise InvalidDocument(f"{where}の条件（{key}）が空です。")
            for part in parts:
                _check_condition(definition, part, before=before, where=where)
            return
    name = condition.get("field")
    if name not in definition.fields:
        raise InvalidDocument(f"{where}の条件が参照する項目「{name}」がありません。")
    if name not in before:
        raise InvalidDocument(
            f"{where}の条件は、それより前にある項目だけを参照できます（「{name}」）。"
        )
    try:
        op = ConditionOp(str(condition.get("op")))
    except ValueError:
        raise InvalidDocument(
            f"{where}の条件の比較方法「{condition.get('op')}」は使えません。"
        ) from None
    if op not in (ConditionOp.EMPTY, ConditionOp.NOT_EMPTY) and "value" not in condition:
        raise InvalidDocument(f"{where}の条件に比べる値（value）がありません。")
    condition["value"] = coerce_condition_value(definition.fields[name], op, condition.get("value"))


def coerce_condition_value(field: Field, op: ConditionOp, value: Any) -> Any:
    """Make a condition's value the type of the field it compares (the builder sends text)."""
    if op in (ConditionOp.EMPTY, ConditionOp.NOT_EMPTY):
        return None
    if op == ConditionOp.IN:
        items = value if isinstance(value, list) else str(value).replace("、", ",").split(",")
        return [coerce_condition_value(field, ConditionOp.EQ, v) for v in items if str(v).strip()]
    if field.type in (FieldType.YES_NO, FieldType.CONSENT):
        return value if isinstance(value, bool) else str(value).strip().lower() in _BOOL_TRUE
    if field.type in (FieldType.NUMBER, FieldType.YEN) or op in (
        ConditionOp.GT,
        ConditionOp.GTE,
        ConditionOp.LT,
        ConditionOp.LTE,
    ):
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
        text = str(value).replace(",", "").strip()
        try:
            number = float(text)
        except ValueError:
            raise InvalidDocument(f"条件の値「{value}」は数値である必要があります。") from None
        return int(number) if number.is_integer() else number
    return str(value).strip()
