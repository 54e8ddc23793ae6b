"""E-mails about a submission (receipt, decision, return for correction, staff notice): rendered and
recorded in the transaction of the change, sent once after the commit (core/mail.py)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string

from madoguchi.core.mail import email_queue
from madoguchi.forms.models import Submission


def submission_email_queue(
    submission: Submission, template: str, recipients: list[str], comment: str = ""
) -> None:
    """The first line of ``forms/email/<template>.txt`` is the subject, the rest the body."""
    if not recipients:
        return
    context = {
        "submission": submission,
        "procedure": submission.procedure,
        "comment": comment,
        "site_url": settings.SITE_URL,
    }
    rendered = render_to_string(f"forms/email/{template}.txt", context)
    subject, _, text = rendered.partition("\n")
    email_queue(to=recipients, subject=subject.strip(), body=text.strip() + "\n")
