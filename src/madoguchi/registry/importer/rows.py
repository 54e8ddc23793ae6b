"""Checking one CSV row of the NTA file and turning it into the record the importer stages.

``RowChecker.check`` accepts exactly the rows ``nta_format.parse_row`` accepts (and refuses a few more that
the database could not store), with the same Japanese reasons, but checks the common case — a clean row — on
the raw strings without building Python dates and dicts: the slow path (``parse_row``) only runs for a row
the fast checks do not pass, to refuse it with its exact reason or to normalise it.

A staged record is a list of strings: the physical line number, the 29 record fields in file order
(``RECORD_FIELDS``; dates ``YYYY-MM-DD`` or empty, flags ``0``/``1``), the fingerprint, the rank of the
process (``PROCESS_RANK``), ``search_name`` and ``search_text`` (empty for a row that is not latest).
"""

import datetime as dt
import re
import unicodedata
from hashlib import blake2b
from typing import Any

from jaconv.conv_table import H2K_TABLE

from madoguchi.core.text import REMOVED_CHARACTERS
from madoguchi.registry.enums import PROCESS_RANK, CloseCause, Correct, Kind
from madoguchi.registry.models import CorporationVersion
from madoguchi.registry.nta_format import (
    COLUMN_NAMES,
    FIELD_NAMES,
    RECORD_FIELDS,
    RowError,
    format_value,
    parse_row,
)

# Positions in a row as read (0 is the sequence number, replaced by the line number).
NUMBER, PROCESS, CORRECT, UPDATE, CHANGE, NAME = 1, 2, 3, 4, 5, 6
KIND, CLOSE_DATE, CLOSE_CAUSE, SUCCESSOR, ASSIGNMENT = 8, 18, 19, 20, 22
LATEST, EN_NAME, FURIGANA, HIHYOJI = 23, 24, 28, 29
PREFECTURE_CODE, CITY_CODE, POST_CODE = 13, 14, 15
IMAGE_IDS = (7, 12, 17)
# Columns whose database type has a length limit parse_row does not check: the image ids, and the
# successor number, which parse_row checks but keeps as written (with any hyphens or spaces).
LIMITED = (*IMAGE_IDS, SUCCESSOR)
# Positions after the 30 fields.
FINGERPRINT, RANK, SEARCH_NAME, SEARCH_TEXT = 30, 31, 32, 33
OPTIONAL_DATES = (CLOSE_DATE, ASSIGNMENT)

_PROCESSES = frozenset(PROCESS_RANK)
_KINDS = frozenset(Kind.values)
_CORRECTS = frozenset(Correct.values)
_CLOSE_CAUSES = frozenset(CloseCause.values) | {""}
_FLAGS = frozenset(("0", "1"))
_RANK_TEXT = {code: str(rank) for code, rank in PROCESS_RANK.items()}
_HIHYOJI_TEXT = {"0": "False", "1": "True"}  # how nta_format.fingerprint spells the flag
_CACHE_LIMIT = 100_000

_LIMITS = tuple(
    (position, getattr(CorporationVersion._meta.get_field(FIELD_NAMES[position]), "max_length", 0))
    for position in LIMITED
)
_IMAGE_ID_LIMIT = min(limit for position, limit in _LIMITS if position in IMAGE_IDS)
_SUCCESSOR_LIMIT = dict(_LIMITS)[SUCCESSOR]


# normalize_for_search (core.text) in one pass: NFKC, lower case, then hiragana → katakana and spaces and
# middle dots removed by one translate, skipped when the text has none of those characters (most names).
_FOLD_TABLE: dict[int, str | None] = {**H2K_TABLE, **REMOVED_CHARACTERS}
_FOLDED_CHARACTERS = re.compile("[" + re.escape("".join(map(chr, _FOLD_TABLE))) + "]")


def fold(text: str) -> str:
    """The same as ``core.text.normalize_for_search``, about twice as fast (a test checks they agree)."""
    folded = unicodedata.normalize("NFKC", text).lower()
    if _FOLDED_CHARACTERS.search(folded) is not None:
        return folded.translate(_FOLD_TABLE)
    return folded


def _number_ok(number: str) -> bool:
    """13 ASCII digits with the right check digit (法人番号, see docs/glossary.md and numbers.py)."""
    if len(number) != 13 or not number.isascii() or not number.isdigit():
        return False
    digits = number.encode("ascii")
    # Weights 1 and 2 alternate from the right end of the 12-digit base; 864 = 48 * (6 + 2 * 6).
    total = sum(digits[2::2]) + 2 * sum(digits[1::2]) - 864
    return 9 - total % 9 == digits[0] - 48


class RowChecker:
    """Checks rows and builds staged records; keeps small caches of dates, codes and folded names."""

    def __init__(self) -> None:
        self._dates: set[str] = set()  # dates seen valid (a file holds a few thousand)
        # Prefecture, city and post codes seen valid, by length.
        self._codes: dict[int, set[str]] = {2: {""}, 3: {""}, 7: {""}}
        self._folded: dict[str, str] = {"": ""}
        self._last_number: str | None = None  # the last number found valid

    def check(self, fields: list[str], line: int, clean: bool = False) -> tuple[list[str], bool]:
        """The staged record of a row, and whether it holds characters COPY text must escape.

        ``clean`` says the caller knows the row has no backslash, tab, CR, LF or NUL in any value.
        Raises ``RowError`` with the Japanese reason when the row cannot be imported.
        """
        f = fields
        dates, codes = self._dates, self._codes
        prefectures, cities, posts = codes[2], codes[3], codes[7]
        if not (
            len(f) == 30
            and f[PROCESS] in _PROCESSES
            and f[KIND] in _KINDS
            and f[CORRECT] in _CORRECTS
            and f[CLOSE_CAUSE] in _CLOSE_CAUSES
            and f[NAME]
            and f[LATEST] in _FLAGS
            and f[HIHYOJI] in _FLAGS
            and (f[NUMBER] == self._last_number or self._known_number(f[NUMBER]))
            and (f[UPDATE] in dates or self._date_ok(f[UPDATE]))
            and (f[CHANGE] in dates or self._date_ok(f[CHANGE]))
            and (not f[CLOSE_DATE] or f[CLOSE_DATE] in dates or self._date_ok(f[CLOSE_DATE]))
            and (not f[ASSIGNMENT] or f[ASSIGNMENT] in dates or self._date_ok(f[ASSIGNMENT]))
            and (not f[SUCCESSOR] or _number_ok(f[SUCCESSOR]))
            and (f[PREFECTURE_CODE] in prefectures or self._code_ok(f[PREFECTURE_CODE], 2))
            and (f[CITY_CODE] in cities or self._code_ok(f[CITY_CODE], 3))
            and (f[POST_CODE] in posts or self._code_ok(f[POST_CODE], 7))
        ):
            f = _slow_path(f)
        if (
            len(f[7]) > _IMAGE_ID_LIMIT
            or len(f[12]) > _IMAGE_ID_LIMIT
            or len(f[17]) > _IMAGE_ID_LIMIT
            or len(f[SUCCESSOR]) > _SUCCESSOR_LIMIT
        ):
            _check_limits(f)
        content = f[1:29]
        del content[LATEST - 1]
        content.append(_HIHYOJI_TEXT[f[HIHYOJI]])
        text = "\x1f".join(content)
        special = not clean and (
            "\\" in text or "\t" in text or "\r" in text or "\n" in text or "\x00" in text
        )
        if special and "\x00" in text:
            raise RowError("NUL 文字（\\x00）が含まれています")
        try:
            fingerprint = blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
        except UnicodeEncodeError:
            raise RowError("UTF-8 として読めないバイトがあります") from None
        folded = self._folded
        name = f[NAME]
        search_name = folded.get(name)
        if search_name is None:
            if len(folded) > _CACHE_LIMIT:
                folded.clear()
            search_name = folded[name] = fold(name)
        search_text = ""
        if f[LATEST] == "1":
            furigana = folded.get(f[FURIGANA])
            if furigana is None:
                furigana = folded[f[FURIGANA]] = fold(f[FURIGANA])
            en_name = folded.get(f[EN_NAME])
            if en_name is None:
                en_name = folded[f[EN_NAME]] = fold(f[EN_NAME])
            search_text = search_name  # " ".join of the parts that are not empty
            if furigana:
                search_text = f"{search_text} {furigana}" if search_text else furigana
            if en_name:
                search_text = f"{search_text} {en_name}" if search_text else en_name
        f[0] = str(line)
        f += (fingerprint, _RANK_TEXT[f[PROCESS]], search_name, search_text)
        return f, special

    def _known_number(self, number: str) -> bool:
        if _number_ok(number):
            self._last_number = number
            return True
        return False

    def _date_ok(self, text: str) -> bool:
        if not _strict_date(text):
            return False
        if len(self._dates) < _CACHE_LIMIT:
            self._dates.add(text)
        return True

    def _code_ok(self, text: str, length: int) -> bool:
        if not _digits(text, length):
            return False
        known = self._codes[length]
        if len(known) < _CACHE_LIMIT:
            known.add(text)
        return True


def _check_limits(fields: list[str]) -> None:
    for position, limit in _LIMITS:
        if len(fields[position]) > limit:
            column = COLUMN_NAMES[position]
            raise RowError(f"{column}「{fields[position]}」は {limit} 文字以内のはずです")


def _digits(text: str, length: int) -> bool:
    return len(text) == length and text.isascii() and text.isdigit()


def _strict_date(text: str) -> bool:
    """``YYYY-MM-DD`` exactly (other spellings go to the slow path, which parse_row decides)."""
    if len(text) != 10 or not text.isascii() or text[4] != "-" or text[7] != "-":
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _slow_path(fields: list[str]) -> list[str]:
    """``parse_row`` decides: refuse with its reason, or return the row with normalised values."""
    values: dict[str, Any] = parse_row(fields).values
    return [fields[0] if fields else "", *(format_value(values[name]) for name in RECORD_FIELDS)]
