"""Errors of the review context: one code enum, Japanese messages naming the field."""

from madoguchi.core.errors import MadoguchiError
from madoguchi.grants.review.enums import ReviewErrorCode


class ReviewError(MadoguchiError):
    code: ReviewErrorCode


class ReviewPermissionDenied(ReviewError):
    def __init__(self, message: str = "この操作を行う権限がありません。") -> None:
        super().__init__(ReviewErrorCode.PERMISSION_DENIED, message)


class ReviewInvalid(ReviewError):
    """Several field errors at once, so that a form can show each next to its field."""

    def __init__(self, errors: list[ReviewError]) -> None:
        super().__init__(
            ReviewErrorCode.INVALID,
            "入力内容に誤りがあります。" + " ".join(error.message for error in errors),
        )
        self.errors = errors


def field_error(
    field: str, message: str, code: ReviewErrorCode = ReviewErrorCode.INVALID
) -> ReviewError:
    return ReviewError(code, message, field=field)
