"""Background work of the forms context: the PDF copy (e-mails: forms/mail.py). Tasks take ids and may
run twice."""

from __future__ import annotations

import logging

from celery import shared_task
from django.core.files.base import ContentFile

from madoguchi.core.pdf import PdfFontError
from madoguchi.forms.models import Submission

logger = logging.getLogger(__name__)


@shared_task
def render_submission_pdf(submission_id: str) -> None:
    """Write the PDF copy of what was submitted (core.pdf, in the bundled Japanese font)."""
    from madoguchi.forms.pdf import submission_pdf

    submission = (
        Submission.objects.select_related("procedure", "form_version")
        .filter(pk=submission_id)
        .first()
    )
    if submission is None or submission.reference is None:
        return
    try:
        content = submission_pdf(submission)
    except PdfFontError:  # no Japanese font (system check core.E001): no copy rather than boxes
        logger.exception("forms.pdf_font_missing", extra={"submission_id": submission_id})
        return
    if submission.pdf:
        submission.pdf.delete(save=False)
    submission.pdf.save(f"{submission.reference}.pdf", ContentFile(content), save=False)
    Submission.objects.filter(pk=submission.pk).update(pdf=submission.pdf.name)
    logger.info("forms.pdf_rendered", extra={"submission_id": submission_id})


def submission_pdfs_render_stale() -> int:
    """Render again the PDF copies written without the Japanese font (boxes instead of text).

    For an existing (demo) database after upgrading: ``madoguchi demo`` calls it. Returns how many.
    """
    from madoguchi.core.pdf import stored_pdf_is_current

    rendered = 0
    for submission in Submission.objects.exclude(pdf="").only("pk", "pdf").iterator():
        if not stored_pdf_is_current(submission.pdf):
            render_submission_pdf(str(submission.pk))
            rendered += 1
    return rendered
