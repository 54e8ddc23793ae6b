"""The three answer formats of the /4/ Web-API: CSV Shift-JIS (01), CSV Unicode (02), XML Unicode (12).

CSV: the first line carries ``lastUpdateDate,count,divideNumber,divideSize`` (values, unquoted), then one line
per record in the 30-column layout of madoguchi.registry.nta_format (free text quoted, CRLF), as the original
sends it (mcp-houjin-bangou tests/unit/csv-parser.test.ts fixtures: ``2017-05-10,1,1,1`` then the rows). XML:
``<corporations>`` with the four header elements and one ``<corporation>`` per record whose children are the
column names, an empty value as an empty element (github.com/fillin-inc/go-corp testdata/response/*.xml).

Shift-JIS is Microsoft's code page 932, what Windows clients of the original decode. Before encoding, the
characters that JIS X 0208 and cp932 map differently are mapped to cp932's (〜→～, −→－, ‖→∥, —→―, ¢£¬→￠￡￢),
variation selectors (IVS/SVS, glyph hints only) are dropped, and every character that cp932 still cannot
encode becomes 〓 (GETA MARK, U+3013, Shift-JIS 0x81AC), one 〓 per character — the mark Japanese printing uses
for a character it cannot set. The Unicode formats carry every character as stored.

Assumed: Content-Type ``text/csv; charset=Shift_JIS`` / ``text/csv; charset=UTF-8`` /
``application/xml; charset=UTF-8``; no BOM; the XML without indentation, its declaration exactly
``<?xml version="1.0" encoding="UTF-8"?>``.
"""

import codecs
import re
from collections.abc import Iterator

from django.http import HttpResponse

from madoguchi.registry.nta_format import COLUMN_NAMES, format_line, format_value
from madoguchi.registry.webapi_v4.errors import WebApiError
from madoguchi.registry.webapi_v4.params import ResponseType
from madoguchi.registry.webapi_v4.selectors import Page

GETA = "〓"
_GETA_ERRORS = "madoguchi-geta"


def _geta(error: UnicodeError) -> tuple[str, int]:
    if isinstance(error, UnicodeEncodeError):
        return GETA * (error.end - error.start), error.end
    raise error


codecs.register_error(_GETA_ERRORS, _geta)

_TO_CP932 = str.maketrans(
    {
        "\u301c": "\uff5e",  # WAVE DASH → FULLWIDTH TILDE
        "\u2016": "\u2225",  # DOUBLE VERTICAL LINE → PARALLEL TO
        "\u2212": "\uff0d",  # MINUS SIGN → FULLWIDTH HYPHEN-MINUS
        "\u2014": "\u2015",  # EM DASH → HORIZONTAL BAR
        "\u00a2": "\uffe0",  # CENT SIGN → FULLWIDTH CENT SIGN
        "\u00a3": "\uffe1",  # POUND SIGN → FULLWIDTH POUND SIGN
        "\u00ac": "\uffe2",  # NOT SIGN → FULLWIDTH NOT SIGN
    }
)
_VARIATION_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
# Characters XML 1.0 does not allow (C0 controls other than tab, LF, CR; U+FFFE, U+FFFF; lone surrogates).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_CONTENT_TYPES = {
    ResponseType.CSV_SHIFT_JIS: "text/csv; charset=Shift_JIS",
    ResponseType.CSV_UNICODE: "text/csv; charset=UTF-8",
    ResponseType.XML_UNICODE: "application/xml; charset=UTF-8",
}
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'


def encode_shift_jis(text: str) -> bytes:
    """``text`` in cp932; what cp932 cannot hold becomes 〓 (see the module docstring)."""
    text = _VARIATION_SELECTORS.sub("", text.translate(_TO_CP932))
    return text.encode("cp932", errors=_GETA_ERRORS)


def _header(page: Page) -> list[str]:
    return [
        page.last_update_date.isoformat(),
        str(page.count),
        str(page.divide_number),
        str(page.divide_size),
    ]


def _records(page: Page) -> Iterator[list[str]]:
    """Each row as the 30 column texts, sequenceNumber counted across the whole answer."""
    for position, row in enumerate(page.rows, start=page.first_sequence_number):
        yield [str(position), *(format_value(value) for value in row)]


def render_csv(page: Page) -> str:
    lines = [",".join(_header(page)) + "\r\n"]
    lines.extend(format_line(fields) for fields in _records(page))
    return "".join(lines)


def _element(name: str, text: str) -> str:
    if not text:
        return f"<{name}/>"
    text = _NOT_XML.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<{name}>{text}</{name}>"


def render_xml(page: Page) -> str:
    parts = [XML_DECLARATION, "<corporations>"]
    for name, value in zip(
        ("lastUpdateDate", "count", "divideNumber", "divideSize"), _header(page), strict=True
    ):
        parts.append(_element(name, value))
    for fields in _records(page):
        parts.append("<corporation>")
        parts.extend(_element(n, t) for n, t in zip(COLUMN_NAMES, fields, strict=True))
        parts.append("</corporation>")
    parts.append("</corporations>")
    return "".join(parts)


def page_response(page: Page, response_type: ResponseType) -> HttpResponse:
    if response_type == ResponseType.XML_UNICODE:
        body = render_xml(page).encode("utf-8")
    elif response_type == ResponseType.CSV_SHIFT_JIS:
        body = encode_shift_jis(render_csv(page))
    else:
        body = render_csv(page).encode("utf-8")
    return HttpResponse(body, content_type=_CONTENT_TYPES[response_type])


def error_response(error: WebApiError, response_type: ResponseType | None) -> HttpResponse:
    """An error as one CSV line, in Shift-JIS when the client asked for 01, in UTF-8 otherwise."""
    if response_type == ResponseType.CSV_SHIFT_JIS:
        body, content_type = encode_shift_jis(error.csv_line()), _CONTENT_TYPES[response_type]
    else:
        body, content_type = error.csv_line().encode("utf-8"), "text/csv; charset=UTF-8"
    return HttpResponse(body, status=error.status, content_type=content_type)
