"""Errors of the forms context (one shape: ``MadoguchiError`` with a ``FormsErrorCode``)."""

from madoguchi.core.errors import MadoguchiError
from madoguchi.forms.enums import FormsErrorCode


class FormsError(MadoguchiError):
    code: FormsErrorCode


class InvalidDocument(FormsError):
    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(FormsErrorCode.INVALID_DOCUMENT, message, field=field)


class NotAllowed(FormsError):
    def __init__(self, message: str = "この操作を行う権限がありません。") -> None:
        super().__init__(FormsErrorCode.NOT_ALLOWED, message)


class WrongState(FormsError):
    def __init__(self, message: str) -> None:
        super().__init__(FormsErrorCode.WRONG_STATE, message)
