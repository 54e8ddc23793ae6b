"""The local outbox (/outbox/): e-mails the file backend wrote, readable in the browser, so that a
newcomer completes sign-up, reset and invitation flows without a mail server. The local demo only:
the URLs exist when MADOGUCHI_OUTBOX_VIEWER is on, which only MADOGUCHI_MODE=demo turns on, and the
demo answers 127.0.0.1 only (core.middleware)."""

import dataclasses
import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

SEPARATOR = b"-" * 79


@dataclasses.dataclass(frozen=True)
class OutboxMessage:
    id: str
    subject: str
    to: str
    date: str
    body: str


def _enabled() -> None:
    if not settings.MADOGUCHI_OUTBOX_VIEWER:
        raise Http404("outbox viewer is off")


def _messages() -> list[OutboxMessage]:
    folder = Path(settings.EMAIL_FILE_PATH)
    if not folder.is_dir():
        return []
    found: list[OutboxMessage] = []
    files = sorted(folder.glob("*.log"), key=lambda p: p.stat().st_mtime, reverse=True)
    for path in files[:200]:
        chunks = [c.strip() for c in path.read_bytes().split(SEPARATOR) if c.strip()]
        for index, chunk in enumerate(chunks):
            message = email.message_from_bytes(chunk, policy=email.policy.default)
            if not isinstance(message, EmailMessage):
                continue
            part = message.get_body(preferencelist=("plain", "html"))
            body = part.get_content() if part is not None else ""
            found.append(
                OutboxMessage(
                    id=f"{path.stem}-{index}",
                    subject=str(message.get("Subject", "")),
                    to=str(message.get("To", "")),
                    date=str(message.get("Date", "")),
                    body=body,
                )
            )
    return found


def outbox(request: HttpRequest) -> HttpResponse:
    _enabled()
    return render(request, "identity/outbox.html", {"messages_list": _messages()})


def outbox_message(request: HttpRequest, message_id: str) -> HttpResponse:
    _enabled()
    for message in _messages():
        if message.id == message_id:
            return render(request, "identity/outbox_message.html", {"message": message})
    raise Http404("no such message")
