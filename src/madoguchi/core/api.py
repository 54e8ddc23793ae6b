"""What every JSON endpoint of the project API (/api/v1/, django-ninja) shares: the error shape, the body
of an "invalid input" answer, query parameters read as text, and the bounded JSON body parser.

Parameters are declared as text and checked by the endpoint, so that every bad value gets a Japanese
message naming the parameter (``invalid_body``), never a 500 and never the library's English one. Their
OpenAPI declaration must still be valid: an optional parameter whose absence means "no filter" has no
``default`` (an empty default would break its own ``enum``, ``pattern`` or ``minLength``).
"""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.parser import Parser

from madoguchi.core.jsonparse import parse_json


class ErrorDetail(Schema):
    field: str | None = Field(None, description="誤りのあるパラメータの名前（例: prefecture）")
    code: str = Field(..., description="誤りの種類（機械向けの安定したコード）")
    message: str = Field(..., description="誤りの内容（日本語）")


class ErrorOut(Schema):
    code: str = Field(..., description="invalid（入力の誤り）または not_found（見つからない）")
    message: str = Field(..., description="人が読むための説明（日本語）")
    errors: list[ErrorDetail] = Field(default_factory=list, description="入力の誤り（項目ごと）")


class BoundedParser(Parser):
    """Request bodies read with ``core.jsonparse`` (bounded size and depth, no control characters).
    The edge has already refused a body that fails it; this keeps the API safe on its own."""

    def parse_body(self, request: HttpRequest) -> Any:
        return parse_json(request.body, source=_("本文（JSON）"), field="body")


def error_detail(field: str | None, code: str, message: str) -> dict[str, Any]:
    return {"field": field, "code": code, "message": message}


def invalid_body(errors: list[dict[str, Any]]) -> dict[str, Any]:
    """The body of an answer refusing input (``ErrorOut``): a summary and one entry per error."""
    return {
        "code": "invalid",
        "message": _("入力内容に誤りがあります。") + "".join(e["message"] for e in errors),
        "errors": errors,
    }


def _without_default(constraints: dict[str, Any]) -> Any:
    def extra(schema: dict[str, Any]) -> None:
        schema.pop("default", None)
        schema.update(constraints)

    return extra


def text_parameter(description: str, **constraints: Any) -> Any:
    """An optional query parameter read as text, empty when absent; ``constraints`` (``enum``,
    ``pattern``, ``maxLength``…) describe the values it takes, and no default is declared."""
    return Field("", description=description, json_schema_extra=_without_default(constraints))


def integer_parameter(description: str, *, default: int, **constraints: Any) -> Any:
    """An optional integer query parameter, read as text (so a bad value gets a Japanese message) and
    declared as the integer it is, with its integer default."""
    return Field(
        "",
        description=description,
        json_schema_extra={"type": "integer", "default": default, **constraints},
    )
