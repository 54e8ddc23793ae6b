"""Small text helpers: kana to the romaji the NTA writes, full-width digits, fixed dates."""

import datetime as dt
from functools import cache

import jaconv

# Dates never depend on today: every generated date lies in this range.
FIRST_DAY = dt.date(2015, 10, 5)  # the day the NTA assigned the first corporate numbers
LAST_DAY = dt.date(2026, 10, 31)
FIRST = FIRST_DAY.toordinal()
LAST = LAST_DAY.toordinal()
_ISO = [dt.date.fromordinal(day).isoformat() for day in range(FIRST, LAST + 1)]


def iso(day: int) -> str:
    """YYYY-MM-DD of a proleptic ordinal within FIRST..LAST."""
    return _ISO[day - FIRST]


_FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")


def full_width(text: str) -> str:
    """ASCII digits and hyphens as the NTA writes them in addresses (１２３－４)."""
    return text.translate(_FULL_WIDTH)


def romaji(kana: str) -> str:
    """Hepburn without macrons, as in the NTA's English columns: トウキョウ → tokyo, チュウオウ → chuo."""
    text = jaconv.kana2alphabet(jaconv.kata2hira(kana))
    return text.replace("ou", "o").replace("oo", "o").replace("uu", "u").replace("cch", "tch")


@cache  # the words come from fixed lists, so the cache stays small
def title(kana: str) -> str:
    """Romaji with a capital first letter (チヨダ → Chiyoda)."""
    return romaji(kana).capitalize()
