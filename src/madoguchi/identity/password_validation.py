"""Refusing breached and guessable passwords, in Japanese, beyond Django's 20,000 common ones.

``BreachedPasswordValidator`` checks a local list (``data/breached_passwords.txt``: passwords that
top published breach corpora and Japanese keyboard/word patterns Django's list misses) and refuses
passwords built from the service's own name or the address's local part. No password leaves the
server: there is no call to an online breach service.
"""

import functools
import unicodedata
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

LIST_PATH = Path(__file__).resolve().parent / "data" / "breached_passwords.txt"
SERVICE_WORDS = ("madoguchi", "mado", "gbizid", "jgrants")


@functools.cache
def breached_passwords() -> frozenset[str]:
    lines = LIST_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.startswith("#")
    )


def _fold(value: str) -> str:
    return unicodedata.normalize("NFKC", value).lower()


class BreachedPasswordValidator:
    def validate(self, password: str, user: Any = None) -> None:
        folded = _fold(password)
        stripped = folded.rstrip("0123456789!@#$%^&*.?-_ ")
        if folded in breached_passwords() or (stripped and stripped in breached_passwords()):
            raise ValidationError(
                _(
                    "このパスワードは流出したパスワードの一覧に含まれています。別のパスワードにしてください。"
                ),
                code="password_breached",
            )
        words = list(SERVICE_WORDS)
        email = getattr(user, "email", "") or ""
        local = _fold(email.split("@", 1)[0]) if email else ""
        if len(local) >= 4:
            words.append(local)
        for word in words:
            if word and word in folded and len(folded) - len(word) < 8:
                raise ValidationError(
                    _(
                        "サービス名やメールアドレスを元にしたパスワードは推測されやすいため使えません。"
                    ),
                    code="password_guessable",
                )

    def get_help_text(self) -> str:
        return _(
            "流出が知られているパスワードや、サービス名・メールアドレスを元にしたものは使えません。"
        )
