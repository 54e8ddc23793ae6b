"""Identity e-mails (decisions, invitations, mandates): recorded with the change, sent after commit."""

from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse

from madoguchi.core.mail import email_queue, site_link

SUBJECT_PREFIX = "[窓口] "


def absolute_url(name: str, **kwargs: Any) -> str:
    """The link to a page for an e-mail, from SITE_URL (never from the request's Host header)."""
    return site_link(reverse(name, kwargs=kwargs or None))


def send_on_commit(*, to: list[str], subject: str, template: str, context: dict[str, Any]) -> None:
    body = render_to_string(f"identity/email/{template}.txt", context)
    email_queue(to=to, subject=SUBJECT_PREFIX + subject, body=body)
