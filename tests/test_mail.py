"""E-mail through core's transactional outbox: recorded with the change, sent after the commit, sent
once however often the task runs; a failing mail server loses nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from madoguchi.core.mail import email_queue
from madoguchi.core.models import Email
from madoguchi.core.tasks import email_send

pytestmark = pytest.mark.django_db


def test_an_email_leaves_after_the_commit_once(
    settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.SITE_URL = "https://madoguchi.example.jp"
    with django_capture_on_commit_callbacks(execute=True):
        email = email_queue(
            to=["a@example.jp", "a@example.jp", ""], subject="件名\n続き", body="本文 https://x/"
        )
        assert email is not None
        assert mail.outbox == []  # not before the commit
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["a@example.jp"] and sent.subject == "件名 続き"
    assert sent.extra_headers["Message-ID"] == f"<{email.pk}@madoguchi.example.jp>"
    email.refresh_from_db()
    assert email.sent_at is not None and email.attempts == 1
    assert email.body == ""  # a sign-in or reset link does not stay in the database

    assert email_send.delay(str(email.pk)).get() == "already-sent"  # a second run
    assert len(mail.outbox) == 1


def test_a_rolled_back_change_sends_nothing(django_capture_on_commit_callbacks: Any) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        email_queue(to=["a@example.jp"], subject="件名", body="本文")
        raise RuntimeError("the change fails")
    assert mail.outbox == [] and not Email.objects.exists()


def test_no_recipient_no_email() -> None:
    assert email_queue(to=["", "  "], subject="件名", body="本文") is None
    assert not Email.objects.exists()


class Unreachable(Exception):
    pass


def failing_send(*args: Any, **kwargs: Any) -> int:
    raise Unreachable("mail server down")


def test_a_failing_mail_server_keeps_the_email_for_later(
    monkeypatch: Any, django_capture_on_commit_callbacks: Any
) -> None:
    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", failing_send)
    with django_capture_on_commit_callbacks(execute=True):
        email = email_queue(to=["a@example.jp"], subject="件名", body="本文")  # the change commits
    assert email is not None
    email.refresh_from_db()
    assert email.sent_at is None and email.attempts == 1
    assert email.last_error == "Unreachable: mail server down"
    assert email.body == "本文"

    monkeypatch.undo()
    call_command("email_send_pending", older_than=0)
    assert [m.subject for m in mail.outbox] == ["件名"]
    email.refresh_from_db()
    assert email.sent_at is not None
    call_command("email_send_pending", older_than=0)
    assert len(mail.outbox) == 1


def test_identity_links_come_from_the_site_url(settings: Any) -> None:
    from madoguchi.identity.mail import absolute_url

    settings.SITE_URL = "https://madoguchi.example.jp"
    assert absolute_url("identity:mandates") == "https://madoguchi.example.jp/identity/mandates/"


def test_an_unreachable_broker_does_not_fail_the_committed_change(
    monkeypatch: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from kombu.exceptions import OperationalError

    def unreachable(*args: Any, **kwargs: Any) -> None:
        raise OperationalError("[Errno 111] Connection refused")

    monkeypatch.setattr(email_send, "delay", unreachable)
    with django_capture_on_commit_callbacks(execute=True):
        email = email_queue(to=["a@example.jp"], subject="件名", body="本文")
    assert email is not None and mail.outbox == []
    monkeypatch.undo()
    call_command("email_send_pending", older_than=0)  # what cron runs: nothing is lost
    assert [m.subject for m in mail.outbox] == ["件名"]
