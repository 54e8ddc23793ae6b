"""Corporate numbers (法人番号): normalising what people type and checking the check digit.

The check digit is computed by python-stdnum (``stdnum.jp.cn``); this module adds the normalisation of
what people actually type (full-width digits, hyphens, spaces) and a Japanese message for each failed check.
"""

import unicodedata
from enum import StrEnum

from stdnum.exceptions import ValidationError
from stdnum.jp import cn

from madoguchi.core.errors import MadoguchiError


class CorporateNumberErrorCode(StrEnum):
    EMPTY = "empty"
    NOT_DIGITS = "not_digits"
    WRONG_LENGTH = "wrong_length"
    WRONG_CHECK_DIGIT = "wrong_check_digit"


class InvalidCorporateNumber(MadoguchiError):
    pass


_SEPARATORS = {ord(c): None for c in " \t-‐‑‒–—―−ーｰ"}


def normalize_corporate_number(value: str) -> str:
    """Full-width digits become ASCII; spaces and hyphens (any kind) go."""
    return unicodedata.normalize("NFKC", value or "").strip().translate(_SEPARATORS)


def check_digit(base12: str) -> int:
    """The check digit of a 12-digit base number (see docs/glossary.md, 法人番号)."""
    return int(cn.calc_check_digit(base12))


def validate_corporate_number(value: str, *, field: str = "法人番号") -> str:
    """Return the normalised 13-digit number, or raise InvalidCorporateNumber saying which check failed."""
    number = normalize_corporate_number(value)
    if not number:
        raise InvalidCorporateNumber(
            CorporateNumberErrorCode.EMPTY, f"{field}を入力してください。", field=field
        )
    if not number.isdigit() or not number.isascii():
        raise InvalidCorporateNumber(
            CorporateNumberErrorCode.NOT_DIGITS,
            f"{field}は数字だけで入力してください（数字以外の文字が含まれています）。",
            field=field,
        )
    if len(number) != 13:
        raise InvalidCorporateNumber(
            CorporateNumberErrorCode.WRONG_LENGTH,
            f"{field}は13桁です（入力は{len(number)}桁です）。",
            field=field,
        )
    try:
        cn.validate(number)
    except ValidationError:
        expected = check_digit(number[1:])
        raise InvalidCorporateNumber(
            CorporateNumberErrorCode.WRONG_CHECK_DIGIT,
            f"{field}のチェックディジット（先頭の1桁）が正しくありません"
            f"（残り12桁から計算すると {expected} になります）。番号をご確認ください。",
            field=field,
        ) from None
    return number


def is_valid_corporate_number(value: str) -> bool:
    try:
        validate_corporate_number(value)
    except InvalidCorporateNumber:
        return False
    return True
