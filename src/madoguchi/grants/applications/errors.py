"""Errors of the applications context: one code enum, Japanese messages naming the field."""

from madoguchi.core.errors import MadoguchiError
from madoguchi.grants.applications.enums import ApplicationErrorCode


class ApplicationError(MadoguchiError):
    code: ApplicationErrorCode


class PermissionDenied(ApplicationError):
    def __init__(self, message: str = "この申請を操作する権限がありません。") -> None:
        super().__init__(ApplicationErrorCode.PERMISSION_DENIED, message)


class InvalidAnswers(ApplicationError):
    """The stage's form has errors: ``errors`` maps field keys to Japanese messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(
            ApplicationErrorCode.INVALID_ANSWERS,
            f"入力内容に{len(errors)}件の誤りがあります。各項目を直してください。",
        )
        self.errors = errors
