"""What the edge refuses: each part of a request that reaches the platform's code, checked once.

- the path: no control character, at most ``MAX_PATH_LENGTH`` characters and ``MAX_SEGMENT_LENGTH``
  per segment. (Bytes that are not UTF-8, ``%FF%FE``, need no check: Django keeps them escaped, so a
  view sees the plain ASCII text ``%FF%FE``, which names nothing and is answered 404.)
- every request header: no control character (RFC 9110 allows none but tab in a field value), and
  what the platform decodes from them: the credentials of ``Authorization: Basic`` (client id and secret,
  percent-decoded as OAuth 2.0 does) and each cookie;
- the query string and an urlencoded body: valid UTF-8 (Django would quietly turn other bytes into
  U+FFFD, and the view would act on text nobody sent), no control character but tab and line breaks
  in any name or value;
- a multipart body: the same for its fields (Django already strips control characters from upload
  file names and cuts them to 255 characters);
- a JSON body (``application/json``, ``…+json``), read with ``core.jsonparse``: size, depth, syntax,
  no control character in any key or string.

A refusal is a ``RefusedInput`` (or a ``core.jsonparse.InvalidJson``) whose Japanese message names the
part of the request and the reason; ``portal.edge.answers`` turns it into the answer.
"""

import base64
import binascii
from collections.abc import Iterable
from enum import StrEnum
from urllib.parse import unquote_plus, unquote_to_bytes

from django.conf import settings
from django.core.exceptions import (
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import HttpRequest
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _

from madoguchi.core.errors import MadoguchiError
from madoguchi.core.jsonparse import MAX_BYTES, InvalidJson, parse_json
from madoguchi.core.text import forbidden_control, printable

# Characters of the decoded path (gunicorn's whole request line is 4,094 bytes), and between two slashes
# (no identifier of ours comes near; file systems allow 255 for a name).
MAX_PATH_LENGTH = 2048
MAX_SEGMENT_LENGTH = 255


class EdgeErrorCode(StrEnum):
    CONTROL_CHARACTER = "control_character"
    NOT_UTF8 = "not_utf8"
    TOO_LONG = "too_long"
    TOO_LARGE = "too_large"
    UNREADABLE = "unreadable"


class RefusedInput(MadoguchiError):
    code: EdgeErrorCode


def _control(where: str, *, field: str) -> RefusedInput:
    return RefusedInput(
        EdgeErrorCode.CONTROL_CHARACTER,
        _("%(where)sに使用できない文字（NUL 文字などの制御文字）が含まれています。")
        % {"where": where},
        field=field,
    )


def _not_utf8(where: str, *, field: str) -> RefusedInput:
    return RefusedInput(
        EdgeErrorCode.NOT_UTF8,
        _("%(where)sを UTF-8 の文字として読めません（不正なパーセントエンコードなど）。")
        % {"where": where},
        field=field,
    )


def _wire_bytes(text: str) -> bytes | None:
    """The bytes a WSGI string stands for (PEP 3333: each byte as one Latin-1 character); None when
    they were already decoded (an ASGI server)."""
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return None


def _wire_text(value: str) -> str:
    """A header or cookie value as text: its bytes read as UTF-8 when they are, otherwise without the
    bytes above 0x7F (opaque "obs-text", RFC 9110), which are no control characters."""
    raw = None if value.isascii() else _wire_bytes(value)
    if raw is None:
        return value
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("ascii", "ignore")


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _is_utf8_form(raw: bytes) -> bool:
    """Whether form-encoded bytes (a query string, an urlencoded body) decode to UTF-8 text."""
    if b"%" not in raw:
        return _is_utf8(raw)
    return _is_utf8(unquote_to_bytes(raw))


def check_path(request: HttpRequest) -> None:
    path = request.path
    if forbidden_control(path, strict=True):
        raise _control(_("URL のパス"), field="path")
    longest = max((len(segment) for segment in path.split("/")), default=0)
    if len(path) > MAX_PATH_LENGTH or longest > MAX_SEGMENT_LENGTH:
        raise RefusedInput(
            EdgeErrorCode.TOO_LONG,
            _(
                "URL のパスが長すぎます（全体で %(path)d 文字、区切り（/）の間は %(segment)d 文字まで）。"
            )
            % {"path": MAX_PATH_LENGTH, "segment": MAX_SEGMENT_LENGTH},
            field="path",
        )


def _header_name(meta_key: str) -> str:
    return meta_key.removeprefix("HTTP_").replace("_", "-").title()


def _basic_credentials(value: str) -> list[str]:
    """The client id and secret of ``Basic <base64>``, decoded as django-oauth-toolkit does
    (RFC 6749 §2.3.1: each part form-urlencoded); [] when they cannot be decoded (the endpoint then
    refuses the client itself)."""
    scheme, _sep, token = value.partition(" ")
    if scheme.lower() != "basic":
        return []
    try:
        text = base64.b64decode(token.strip()).decode("utf-8")
    except (binascii.Error, ValueError):
        return []
    return [unquote_plus(part) for part in text.split(":", 1)]


def check_headers(request: HttpRequest) -> None:
    for key, value in request.META.items():
        if not (key.startswith("HTTP_") or key in ("CONTENT_TYPE", "CONTENT_LENGTH")):
            continue
        if not isinstance(value, str):
            continue
        if forbidden_control(_wire_text(value).replace("\t", " "), strict=True):
            name = _header_name(key)
            raise _control(_("ヘッダー「%(name)s」") % {"name": printable(name)}, field=name)
        if key == "HTTP_AUTHORIZATION" and any(
            forbidden_control(part, strict=True) for part in _basic_credentials(value)
        ):
            raise _control(
                _("ヘッダー「Authorization」のクライアント ID かパスワード"), field="Authorization"
            )
    for cookie, value in request.COOKIES.items():
        if forbidden_control(_wire_text(cookie), strict=True) or forbidden_control(
            _wire_text(value), strict=True
        ):
            raise _control(_("クッキー「%(name)s」") % {"name": printable(cookie)}, field="Cookie")


def _check_fields(items: Iterable[tuple[str, list[str]]], *, label: str) -> None:
    for name, values in items:
        if forbidden_control(name) or any(forbidden_control(v) for v in values):
            shown = printable(name)
            raise _control(label % {"name": shown}, field=shown)


def check_query(request: HttpRequest) -> None:
    raw = _wire_bytes(request.META.get("QUERY_STRING", ""))
    if raw is not None and not _is_utf8_form(raw):
        raise _not_utf8(_("URL のパラメーター"), field="query")
    _check_fields(request.GET.lists(), label=_("パラメーター「%(name)s」"))


def _too_large() -> RefusedInput:
    return RefusedInput(EdgeErrorCode.TOO_LARGE, _("送信内容が大きすぎます。"), field="body")


def _too_many() -> RefusedInput:
    return RefusedInput(
        EdgeErrorCode.TOO_LARGE,
        _(
            "パラメーターか送信内容の項目、またはファイルが多すぎます（項目は %(fields)d 個、ファイルは %(files)d 個まで）。"
        )
        % {
            "fields": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
            "files": settings.DATA_UPLOAD_MAX_NUMBER_FILES,
        },
        field="body",
    )


def _unreadable() -> RefusedInput:
    return RefusedInput(
        EdgeErrorCode.UNREADABLE,
        _("送信内容を読み取れません（形式が壊れています）。"),
        field="body",
    )


def check_body(request: HttpRequest) -> None:
    content_type = request.content_type or ""
    if content_type == "application/json" or content_type.endswith("+json"):
        if request.body:
            parse_json(
                request.body,
                source=_("本文（JSON）"),
                field="body",
                max_bytes=settings.DATA_UPLOAD_MAX_MEMORY_SIZE or MAX_BYTES,
            )
        return
    if request.method != "POST" or content_type not in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        return  # Django reads form fields from POST requests only
    if content_type == "application/x-www-form-urlencoded" and not _is_utf8_form(request.body):
        raise _not_utf8(_("送信内容"), field="body")
    _check_fields(request.POST.lists(), label=_("項目「%(name)s」"))
    for name in request.FILES:
        if forbidden_control(name):
            raise _control(
                _("ファイルの項目名「%(name)s」") % {"name": printable(name)}, field="body"
            )


CHECKS = (check_path, check_headers, check_query, check_body)


def refusal(request: HttpRequest) -> MadoguchiError | None:
    """Why the request is refused at the edge, or None when every part of it can be taken."""
    try:
        for check in CHECKS:
            check(request)
    except (RefusedInput, InvalidJson) as error:
        return error
    # What Django itself refuses while reading the request: said in the same words and shape.
    except RequestDataTooBig:
        return _too_large()
    except (TooManyFieldsSent, TooManyFilesSent):
        return _too_many()
    except (MultiPartParserError, SuspiciousOperation):
        return _unreadable()
    return None
