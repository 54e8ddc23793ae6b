"""Bounded JSON: the one way the platform reads JSON that comes from outside (a request body, an
uploaded file, a form field in the admin).

``json.loads`` alone accepts what the platform cannot keep or would fail on later, as a server error:
nesting deep enough to exhaust the interpreter's stack (RecursionError), integers beyond Python's
digit limit (ValueError), ``NaN`` and ``Infinity`` (not JSON, and PostgreSQL's jsonb refuses them),
``\\u0000`` (jsonb and text columns refuse it) and other control characters. ``parse_json`` refuses all of
them with an ``InvalidJson`` whose Japanese message names the source (the file, the body, the field)
and, for a bad string, where in the document it is (``ui.pages[0].title``).
"""

import json
import re
from enum import StrEnum
from typing import Any, cast

from django import forms
from django.contrib.admin import AdminSite
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.fields import InvalidJSONInput
from django.utils.translation import gettext as _

from madoguchi.core.errors import MadoguchiError
from madoguchi.core.text import forbidden_control, printable

MAX_DEPTH = 64  # nested arrays and objects; a form document needs about 12
MAX_BYTES = 2 * 1024 * 1024


class JsonErrorCode(StrEnum):
    TOO_LARGE = "json_too_large"
    TOO_DEEP = "json_too_deep"
    ENCODING = "json_encoding"
    SYNTAX = "json_syntax"
    CONTROL_CHARACTER = "control_character"


class InvalidJson(MadoguchiError):
    code: JsonErrorCode


def _refuse_constant(name: str) -> Any:
    raise ValueError(_("%(name)s は JSON の値ではありません") % {"name": name})


def _location(path: tuple[str | int, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return printable(text, 80)


def parse_json(
    data: bytes | str,
    *,
    source: str,
    field: str | None = None,
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
) -> Any:
    """The value of the JSON text ``data`` (bytes are UTF-8, a BOM is allowed), or ``InvalidJson``.

    ``source`` names the input in messages (「ファイル「form.json」」, 「本文（JSON）」); ``field`` is set
    on the error for callers that report errors per field."""
    size = len(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise InvalidJson(
            JsonErrorCode.TOO_LARGE,
            _("%(source)sが大きすぎます（%(limit)s KB まで）。")
            % {"source": source, "limit": f"{max_bytes // 1024:,}"},
            field=field,
        )
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidJson(
                JsonErrorCode.ENCODING,
                _("%(source)sを UTF-8 の文字として読めません。") % {"source": source},
                field=field,
            ) from None
    too_deep = InvalidJson(
        JsonErrorCode.TOO_DEEP,
        _("%(source)sの入れ子が深すぎます（配列とオブジェクトは %(limit)d 段まで）。")
        % {"source": source, "limit": max_depth},
        field=field,
    )
    try:
        value = json.loads(data, parse_constant=_refuse_constant)
    except RecursionError:
        raise too_deep from None
    except json.JSONDecodeError as error:
        raise InvalidJson(
            JsonErrorCode.SYNTAX,
            _("%(source)sを JSON として読めません（%(line)d 行 %(column)d 列: %(reason)s）。")
            % {"source": source, "line": error.lineno, "column": error.colno, "reason": error.msg},
            field=field,
        ) from None
    except ValueError as error:  # NaN/Infinity, an integer of more than 4,300 digits
        raise InvalidJson(
            JsonErrorCode.SYNTAX,
            _("%(source)sを JSON として読めません（%(reason)s）。")
            % {"source": source, "reason": error},
            field=field,
        ) from None
    if _too_deep(value, max_depth):
        raise too_deep
    where = _control_at(value) if _CONTROL_IN_TEXT.search(data) else None
    if where is not None:
        raise InvalidJson(
            JsonErrorCode.CONTROL_CHARACTER,
            _(
                "%(source)sの「%(where)s」に使用できない文字（NUL 文字などの制御文字）が含まれています。"
            )
            % {"source": source, "where": _location(where)}
            if where
            else _("%(source)sに使用できない文字（NUL 文字などの制御文字）が含まれています。")
            % {"source": source},
            field=field,
        )
    return value


# A control character reaches a parsed string only through an escape (\u0000–\u001f, \u007f–\u009f)
# or, for DEL and C1, written as it is: the text is searched first and the value walked only on a hit.
_CONTROL_IN_TEXT = re.compile(r"\\u00(?:[01][0-9a-fA-F]|7[fF]|[89][0-9a-fA-F])|[\x7f-\x9f]")


def _too_deep(value: Any, max_depth: int) -> bool:
    """Whether arrays and objects nest more than ``max_depth`` deep (walked without recursion)."""
    stack = [(value, 0)] if isinstance(value, dict | list) else []
    while stack:
        item, depth = stack.pop()
        if depth >= max_depth:
            return True
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def _control_at(value: Any) -> tuple[str | int, ...] | None:
    """Where the first key or string holding a forbidden control character is, or None."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, ())]
    while stack:
        item, path = stack.pop()
        if isinstance(item, str):
            if forbidden_control(item):
                return path
        elif isinstance(item, dict):
            for key, child in item.items():
                stack.append((key, (*path, key)))
                stack.append((child, (*path, key)))
        elif isinstance(item, list):
            stack.extend((child, (*path, index)) for index, child in enumerate(item))
    return None


class BoundedJSONField(forms.JSONField):
    """Django's JSON form field, reading its text with ``parse_json`` first: the admin's forms use it
    for every model JSONField (``bound_admin_json_fields``; a test checks every registered admin)."""

    def _bounded(self, value: Any) -> InvalidJson | None:
        try:
            parse_json(str(value), source=str(self.label or _("この項目")))
        except InvalidJson as error:
            return error
        return None

    def to_python(self, value: Any) -> Any:
        if not self.disabled and isinstance(value, str) and value not in self.empty_values:
            error = self._bounded(value)
            if error is not None:
                raise ValidationError(error.message, code=str(error.code))
        return super().to_python(value)

    def bound_data(self, data: Any, initial: Any) -> Any:
        # Re-showing a refused value must not parse it unbounded either.
        if not self.disabled and isinstance(data, str) and self._bounded(data) is not None:
            return InvalidJSONInput(data)
        return super().bound_data(data, initial)


def bound_admin_json_fields(site: AdminSite) -> None:
    """Every model admin of ``site`` and its inlines, ours and the libraries' (allauth's MFA data,
    django-oauth-toolkit's token resources…), edit model JSONFields with ``BoundedJSONField``."""
    field: type[models.Field[Any, Any]] = models.JSONField
    bounded = {"form_class": BoundedJSONField}
    for model_admin in site._registry.values():
        # Each instance holds its own copy of the overrides (ModelAdmin.__init__); inlines are made
        # per request from their class, so their class gets a new dict (never the shared default).
        cast(dict[Any, Any], model_admin.formfield_overrides)[field] = bounded
        for inline in model_admin.inlines:
            inline.formfield_overrides = {**inline.formfield_overrides, field: bounded}
