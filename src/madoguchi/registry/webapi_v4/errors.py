"""The errors of the /4/ Web-API: a numeric code, a Japanese message and the HTTP status.

What is established about the original (法人番号システム Web-API Ver.4):

- error answers are CSV whatever ``type`` asked for (ケンオール's write-up of the NTA API: "データのレスポンスは
  csv・xml、エラーメッセージはcsv固定", https://blog.kenall.jp/);
- an application id that is not registered or has lapsed is answered with HTTP 404 (the spec's 別紙2 as quoted by
  github.com/sugukurukabe/mcp-houjin-bangou docs/troubleshooting.md; zenn.dev/tenkei/articles/8803f28e5165d9);
  403 is the original's access restriction for too many requests, which we do not impose;
- parameter errors are HTTP 400 with a three-digit code: 040–043 for the corporate number, 070–073 for the
  response type, 100–112 for the name and search mode, 180 for a result too large to return
  (mcp-houjin-bangou docs/api-reference.md, "第二編 別紙2").

What is assumed (the code table itself was not available): the body is one CSV line ``code,message`` with CRLF,
encoded like the requested ``type`` (Shift_JIS for 01, else UTF-8); the codes inside the known ranges are
numbered in the order of the spec's parameters, and the codes outside them (010, 050, 060–066, 080, 090, 095)
are ours, as is 001 for a request the platform's edge refuses before the API runs (portal.edge). A message
never contains an ASCII comma, so the line needs no quoting.
"""

from enum import StrEnum

from madoguchi.core.errors import MadoguchiError


class WebApiErrorCode(StrEnum):
    REQUEST_INVALID = (
        "001"  # ours: refused at the edge (a control character, not UTF-8; portal.edge)
    )
    APPLICATION_ID_MISSING = "010"
    APPLICATION_ID_UNKNOWN = "011"
    NUMBER_MISSING = "040"
    NUMBER_FORMAT = "041"
    NUMBER_CHECK_DIGIT = "042"
    NUMBER_TOO_MANY = "043"
    HISTORY_INVALID = "050"
    FROM_MISSING = "060"
    FROM_INVALID = "061"
    TO_MISSING = "062"
    TO_INVALID = "063"
    FROM_TOO_EARLY = "064"
    FROM_AFTER_TO = "065"
    RANGE_TOO_LONG = "066"
    TYPE_MISSING = "070"
    TYPE_INVALID = "071"
    ADDRESS_INVALID = "080"
    KIND_INVALID = "090"
    DIVIDE_INVALID = "095"
    NAME_MISSING = "100"
    NAME_TOO_LONG = "101"
    MODE_INVALID = "102"
    TARGET_INVALID = "103"
    CHANGE_INVALID = "104"
    CLOSE_INVALID = "105"


class WebApiError(MadoguchiError):
    """A request the /4/ Web-API refuses. ``status`` is the HTTP status of the answer."""

    code: WebApiErrorCode

    def __init__(
        self, code: WebApiErrorCode, message: str, *, status: int = 400, field: str | None = None
    ) -> None:
        super().__init__(code, message, field=field)
        self.status = status

    def csv_line(self) -> str:
        """The body of the answer: ``code,message`` and CRLF."""
        return f"{self.code.value},{self.message}\r\n"
