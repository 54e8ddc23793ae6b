"""Japanese text normalisation for search, and the control characters input may not carry.

``normalize_for_search`` folds the differences a person does not mean when typing a name:

- width: full-width ASCII and half-width katakana become their standard forms (NFKC), so
  ＩｏＴ = IoT and ｶﾌﾞｼｷｶﾞｲｼｬ = カブシキガイシャ;
- case: Latin letters are lower-cased;
- kana: hiragana becomes katakana, so かぶしき = カブシキ;
- spaces and middle dots are removed (株式会社 山田 = 株式会社山田).

The same folding is written in SQL for PostgreSQL (``SQL_NORMALIZE``) so that a bulk import can fold
millions of names inside the database; tests prove the two agree.
"""

import re
import unicodedata

import jaconv

REMOVED_CHARACTERS = {ord(c): None for c in " \u3000\t\r\n・･"}


def normalize_for_search(text: str) -> str:
    """Fold width, case, kana and spacing so that equivalent spellings compare equal."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text).lower()
    folded = jaconv.hira2kata(folded)
    return folded.translate(REMOVED_CHARACTERS)


# Hiragana ぁ..ゖ (U+3041..U+3096) and ゝゞ map to katakana by adding 0x60.
_HIRAGANA = "".join(chr(c) for c in range(0x3041, 0x3097)) + "ゝゞ"
_KATAKANA = "".join(chr(c + 0x60) for c in range(0x3041, 0x3097)) + "ヽヾ"

# PostgreSQL expression (%s stands for the column or value) equal to normalize_for_search.
SQL_NORMALIZE = (
    "translate(lower(normalize(coalesce(%s, ''), NFKC)), "
    f"'{_HIRAGANA} \u3000\t\r\n・', '{_KATAKANA}')"
)


# Control characters (Unicode category Cc: C0, DEL, C1) no text field takes, except tab, line feed and
# carriage return (PostgreSQL text cannot hold NUL; XML 1.0, the PDFs and the pages want none of them).
_FORBIDDEN_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# In a URL path not even tab or a line break belongs (RFC 3986).
_FORBIDDEN_IN_PATH = re.compile("[\x00-\x1f\x7f-\x9f]")


def forbidden_control(text: str, *, strict: bool = False) -> str | None:
    """The first control character of ``text`` that input may not carry, or None.

    Text (form fields, parameters, JSON strings) may hold tab and line breaks; ``strict`` (URL paths)
    allows no control character at all."""
    match = (_FORBIDDEN_IN_PATH if strict else _FORBIDDEN_IN_TEXT).search(text)
    return match.group() if match else None


def printable(text: str, limit: int = 50) -> str:
    """``text`` safe to show in a message: control characters as ``\\xNN``, at most ``limit``
    characters (an ellipsis marks the cut)."""
    shown = _FORBIDDEN_IN_PATH.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
