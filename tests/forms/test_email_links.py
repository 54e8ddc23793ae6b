"""Links in procedure e-mails are absolute, from SITE_URL (never relative, never localhost)."""

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.forms.test_filling import complete, start

pytestmark = pytest.mark.django_db


def test_procedure_emails_link_to_the_site_url(
    client: Client,
    settings: Any,
    procedure: Any,
    business: Any,
    reviewers: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.SITE_URL = "https://madoguchi.example.jp"
    client.force_login(business)
    submission = start(client, procedure)
    complete(client, submission)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("forms:check", args=[submission.pk]))
    bodies = {tuple(m.to): m.body for m in mail.outbox}
    assert "https://madoguchi.example.jp/procedures/my/" in bodies[("prime@example.jp",)]
    staff = bodies[("first@city.example.jp",)]
    assert f"https://madoguchi.example.jp/staff/procedures/{procedure.slug}/" in staff
