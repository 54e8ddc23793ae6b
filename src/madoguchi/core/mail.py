"""E-mail through a transactional outbox: nothing lost, nothing sent twice.

``email_queue`` writes a ``core.Email`` row inside the caller's transaction (the change the e-mail
reports) and queues ``core.tasks.email_send`` after the commit: a rolled-back change sends nothing.
``email_deliver`` sends under a row lock and marks the row sent in the same transaction, so a second
run (a retry, a task given back by a killed worker) finds it sent and does nothing. The one window
left is a worker dying between the mail server's acceptance and the commit: the e-mail is then sent
again on the retry, with the same Message-ID, which mail clients use to drop the duplicate.
With no broker the task runs in-process right after the commit.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from madoguchi.core.models import Email
from madoguchi.core.tasks import email_send, enqueue_on_commit

logger = logging.getLogger(__name__)


def site_link(path: str) -> str:
    """An absolute link for an e-mail: SITE_URL and the path (never the request's Host header)."""
    return settings.SITE_URL + path


def email_queue(*, to: Iterable[str], subject: str, body: str, html: str = "") -> Email | None:
    """Record an e-mail to send once the current transaction commits (None: no recipient)."""
    recipients = list(
        dict.fromkeys(address.strip() for address in to if address and address.strip())
    )
    if not recipients:
        return None
    email = Email.objects.create(
        to=recipients, subject=" ".join(subject.split())[:300], body=body, html=html
    )
    enqueue_on_commit(email_send, str(email.pk))
    return email


def message_id(email: Email) -> str:
    """The same Message-ID for every attempt to send one e-mail."""
    host = urlsplit(settings.SITE_URL).hostname or "madoguchi.invalid"
    return f"<{email.pk}@{host}>"


def email_deliver(*, email_id: str) -> str:
    """Send one queued e-mail unless it was sent: ``sent``, ``already-sent`` or ``missing``."""
    try:
        with transaction.atomic():
            email = Email.objects.select_for_update().filter(pk=email_id).first()
            if email is None:
                return "missing"
            if email.sent_at is not None:
                return "already-sent"
            message = EmailMultiAlternatives(
                subject=email.subject,
                body=email.body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=email.to,
                headers={"Message-ID": message_id(email)},
            )
            if email.html:
                message.attach_alternative(email.html, "text/html")
            message.send()
            Email.objects.filter(pk=email.pk).update(
                sent_at=timezone.now(), body="", html="", attempts=F("attempts") + 1, last_error=""
            )
    except Exception as error:
        Email.objects.filter(pk=email_id, sent_at__isnull=True).update(
            attempts=F("attempts") + 1, last_error=f"{type(error).__name__}: {error}"[:300]
        )
        raise
    logger.info("core.email_sent", extra={"email_id": email_id})
    return "sent"
