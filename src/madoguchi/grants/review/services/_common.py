"""What the review services share: who may act, loading rows under lock."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from madoguchi.grants.models import Subsidy
from madoguchi.grants.review.enums import ReviewErrorCode
from madoguchi.grants.review.errors import ReviewError, ReviewPermissionDenied
from madoguchi.identity.roles import Right
from madoguchi.identity.selectors import staff_has, staff_may


def is_reviewer(user: Any) -> bool:
    """A reviewer (審査員): a role that scores what it is assigned (identity.roles)."""
    return staff_has(user, Right.REVIEW_SCORE)


def require_officer(user: Any, subsidy: Subsidy) -> None:
    """Managing the review of ``subsidy``: a role reaching its division (identity.roles)."""
    if not staff_may(user, Right.REVIEW_MANAGE, subsidy.division_id):
        raise ReviewPermissionDenied(
            _("この操作は、この補助金を担当する部署の制度担当職員だけが行えます。")
        )


def require_reviewer(user: Any) -> None:
    if not is_reviewer(user):
        raise ReviewPermissionDenied("この操作は審査員だけが行えます。")


def parse_int(value: Any, *, field: str, label: str, minimum: int, maximum: int | None) -> int:
    """A whole number within bounds, or a ReviewError naming the field and the reason."""
    if value is None or str(value).strip() == "":
        raise ReviewError(ReviewErrorCode.REQUIRED, f"{label}を入力してください。", field=field)
    text = str(value).replace(",", "").replace("円", "").strip()
    try:
        number = int(text)
    except ValueError:
        raise ReviewError(
            ReviewErrorCode.INVALID, f"{label}は半角の整数で入力してください。", field=field
        ) from None
    if number < minimum or (maximum is not None and number > maximum):
        bounds = f"{minimum}〜{maximum}" if maximum is not None else f"{minimum}以上"
        raise ReviewError(
            ReviewErrorCode.INVALID,
            f"{label}は{bounds}の範囲で入力してください（入力された値: {number}）。",
            field=field,
        )
    return number
