"""The PDF copy of a submission, written by the one renderer (core.pdf)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from madoguchi.core.pdf import render_pdf
from madoguchi.forms.engine import FormDefinition, answer_rows
from madoguchi.forms.models import Submission


def submission_html(submission: Submission) -> str:
    definition = FormDefinition.from_document(submission.form_version.document)
    return render_to_string(
        "forms/pdf/submission.html",
        {
            "submission": submission,
            "procedure": submission.procedure,
            "pages": answer_rows(definition, submission.data),
            "submitted_at": timezone.localtime(submission.submitted_at)
            if submission.submitted_at
            else None,
            "version": submission.form_version,
        },
    )


def submission_pdf(submission: Submission) -> bytes:
    return render_pdf(submission_html(submission))
