"""Checking a corporate number against the registry (法人番号公表サイト相当) before trusting it."""

from madoguchi.identity.errors import IdentityError, IdentityErrorCode
from madoguchi.registry import selectors as registry_selectors
from madoguchi.registry.models import Corporation
from madoguchi.registry.numbers import InvalidCorporateNumber, validate_corporate_number


def corporation_for_number(value: str, *, field: str = "corporate_number") -> Corporation:
    """The open registry record for ``value``, or an IdentityError saying, in Japanese, why not."""
    try:
        number = validate_corporate_number(value)
    except InvalidCorporateNumber as error:
        raise IdentityError(
            IdentityErrorCode.CORPORATE_NUMBER_INVALID, error.message, field=field
        ) from None
    corporation = registry_selectors.corporation_get(corporate_number=number)
    if corporation is None or corporation.is_deleted:
        raise IdentityError(
            IdentityErrorCode.CORPORATION_UNKNOWN,
            f"法人番号 {number} は法人番号の登録情報に見つかりません。番号をご確認ください。",
            field=field,
        )
    if corporation.close_date is not None:
        raise IdentityError(
            IdentityErrorCode.CORPORATION_CLOSED,
            f"法人番号 {number}（{corporation.name}）は"
            f"{corporation.close_date:%Y年%m月%d日}に登記記録が閉鎖されているため登録できません。",
            field=field,
        )
    return corporation
