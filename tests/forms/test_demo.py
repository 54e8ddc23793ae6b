"""The forms demo: two procedures with two steps each, submissions in different states; idempotent."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from madoguchi.forms import demo
from madoguchi.forms.enums import SubmissionStatus
from madoguchi.forms.models import Procedure, Submission
from madoguchi.identity.models import User
from tests.forms.conftest import make_business


@pytest.mark.django_db
def test_demo_procedures_and_submissions(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    User.objects.create_superuser(
        username="staff", email="staff@madoguchi.example", password="x-2026-demo"
    )
    prime = make_business(demo.APPLICANT_EMAIL)
    with django_capture_on_commit_callbacks(execute=True):
        lines = list(demo.load())
    assert "申請 4件" in lines[0]
    assert set(Procedure.objects.values_list("slug", flat=True)) == {
        demo.SPONSORSHIP_SLUG,
        demo.CHANGE_SLUG,
    }
    assert all(p.steps.count() == 2 and p.is_open() for p in Procedure.objects.all())
    states = sorted(Submission.objects.values_list("status", "step"))
    assert states == sorted(
        [
            (SubmissionStatus.APPROVED, 2),
            (SubmissionStatus.RETURNED, 1),
            (SubmissionStatus.SUBMITTED, 2),
            (SubmissionStatus.DRAFT, 0),
        ]
    )
    assert all(s.pdf for s in Submission.objects.exclude(status=SubmissionStatus.DRAFT))
    assert list(demo.load()) == ["手続きのデモ: 作成済み（スキップ）"]
    client.force_login(prime)
    page = client.get(reverse("forms:my")).content.decode()
    assert page.count("後援名義使用申請") == 4
    client.force_login(User.objects.get(email=demo.REVIEWERS[1][0]))
    inbox = client.get(reverse("forms:inbox", args=[demo.SPONSORSHIP_SLUG]), {"step": "2"})
    assert inbox.status_code == 200 and "KOU-" in inbox.content.decode()
