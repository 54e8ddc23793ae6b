"""Identity e-mails (decisions, invitations, mandates), sent after the transaction commits."""

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

SUBJECT_PREFIX = "[窓口] "


def absolute_url(request: HttpRequest | None, name: str, **kwargs: Any) -> str:
    path = reverse(name, kwargs=kwargs or None)
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL + path


def send_on_commit(*, to: list[str], subject: str, template: str, context: dict[str, Any]) -> None:
    body = render_to_string(f"identity/email/{template}.txt", context)

    def send() -> None:
        send_mail(SUBJECT_PREFIX + subject, body, None, to)

    transaction.on_commit(send)
