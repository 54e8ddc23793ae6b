"""Links in application e-mails are absolute, from SITE_URL (never relative, never localhost)."""

from typing import Any

import pytest
from django.core import mail

from madoguchi.grants.applications import services

pytestmark = pytest.mark.django_db


def test_application_emails_link_to_the_site_url(
    make_draft: Any, prime: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.SITE_URL = "https://madoguchi.example.jp"
    application = make_draft(prime)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(actor=prime, application=application)
    assert len(mail.outbox) == 1
    link = f"https://madoguchi.example.jp{application.get_absolute_url()}"
    assert link in mail.outbox[0].body.splitlines()
