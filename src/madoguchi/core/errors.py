"""One error shape for every domain: a stable code plus a Japanese message for people."""

from enum import StrEnum


class MadoguchiError(Exception):
    """Base of every domain error. ``code`` is stable for machines, ``message`` is for people.

    ``field`` names the input the error is about, where there is one.
    """

    code: StrEnum

    def __init__(self, code: StrEnum, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message
