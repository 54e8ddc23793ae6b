"""Japanese text normalisation for search.

``normalize_for_search`` folds the differences a person does not mean when typing a name:

- width: full-width ASCII and half-width katakana become their standard forms (NFKC), so
  ＩｏＴ = IoT and ｶﾌﾞｼｷｶﾞｲｼｬ = カブシキガイシャ;
- case: Latin letters are lower-cased;
- kana: hiragana becomes katakana, so かぶしき = カブシキ;
- spaces and middle dots are removed (株式会社 山田 = 株式会社山田).

The same folding is written in SQL for PostgreSQL (``SQL_NORMALIZE``) so that a bulk import can fold
millions of names inside the database; tests prove the two agree.
"""

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
