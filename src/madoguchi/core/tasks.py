"""Queueing background work after the current transaction commits (CONVENTIONS rule 4), and the
one task that sends e-mail (core/mail.py)."""

import logging
from typing import Any

from celery import Task, shared_task
from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)

EMAIL_MAX_RETRIES = (
    12  # backing off from 1 minute to 1 hour: about half a day of mail-server outage
)


def enqueue_on_commit(task: Task, *args: Any, **kwargs: Any) -> None:
    """Queue ``task`` with ids (never objects) once the surrounding transaction has committed.

    With no broker configured, Celery runs it eagerly in this process at that moment. A broker that
    cannot be reached (after kombu's retries) is logged, not raised: the change is committed and the
    request must not answer 500 for it; unsent e-mails stay in core.Email for email_send_pending.
    """

    def send() -> None:
        try:
            task.delay(*args, **kwargs)
        except OperationalError:
            logger.exception("core.enqueue_failed", extra={"task": task.name, "task_args": args})

    transaction.on_commit(send)


@shared_task(name="core.email_send", bind=True, max_retries=EMAIL_MAX_RETRIES)
def email_send(self: Task, email_id: str) -> str:
    """Send one queued e-mail once; retried with back-off while the mail server fails."""
    from madoguchi.core.mail import email_deliver

    try:
        return email_deliver(email_id=email_id)
    except Exception as error:
        logger.warning("core.email_failed", extra={"email_id": email_id}, exc_info=True)
        if self.request.is_eager:
            # In-process (no broker): the change is committed and must not fail because of the
            # mail server. The row stays unsent; `madoguchi email_send_pending` sends it later.
            return "failed"
        raise self.retry(exc=error, countdown=min(60 * 2**self.request.retries, 3600)) from error
