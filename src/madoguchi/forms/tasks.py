"""Background work of the forms context: the PDF copy (e-mails: forms/mail.py). Tasks take ids and may
run twice."""

from __future__ import annotations

import logging

from celery import shared_task
from django.core.files.base import ContentFile

from madoguchi.forms.models import Submission

logger = logging.getLogger(__name__)


@shared_task
def render_submission_pdf(submission_id: str) -> None:
    """Write the PDF copy of what was submitted (WeasyPrint, Noto Sans JP)."""
    from madoguchi.forms.pdf import submission_pdf

    submission = (
        Submission.objects.select_related("procedure", "form_version")
        .filter(pk=submission_id)
        .first()
    )
    if submission is None or submission.reference is None:
        return
    content = submission_pdf(submission)
    if submission.pdf:
        submission.pdf.delete(save=False)
    submission.pdf.save(f"{submission.reference}.pdf", ContentFile(content), save=False)
    Submission.objects.filter(pk=submission.pk).update(pdf=submission.pdf.name)
    logger.info("forms.pdf_rendered", extra={"submission_id": submission_id})
