"""Errors of the grants context: one code enum, Japanese messages naming the field."""

from madoguchi.core.errors import MadoguchiError
from madoguchi.grants.enums import GrantsErrorCode


class GrantsError(MadoguchiError):
    code: GrantsErrorCode


class SubsidyInvalid(GrantsError):
    """Several field errors found at once, so a form can show them all."""

    def __init__(self, errors: list[GrantsError]) -> None:
        super().__init__(
            GrantsErrorCode.INVALID,
            "入力内容に誤りがあります。" + " ".join(error.message for error in errors),
        )
        self.errors = errors


def field_error(
    field: str, message: str, code: GrantsErrorCode = GrantsErrorCode.INVALID
) -> GrantsError:
    return GrantsError(code, message, field=field)
