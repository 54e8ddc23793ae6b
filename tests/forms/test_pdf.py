"""The PDF copy of a submitted procedure reads its Japanese title, reference and answers in the
bundled font; copies an older version wrote in boxes are rendered again.

These tests run again with an empty fontconfig (tests/core/test_fresh_machine.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from madoguchi.core.pdf import pdf_is_current
from madoguchi.forms.enums import SubmissionStatus
from madoguchi.forms.models import Submission
from madoguchi.forms.tasks import submission_pdfs_render_stale
from tests.pdftext import assert_japanese_pdf, pdf_in_boxes

pytestmark = pytest.mark.django_db


def _content(submission: Submission) -> bytes:
    submission.refresh_from_db()
    with submission.pdf.open("rb") as handle:
        return handle.read()


def test_submission_copy_reads_its_title_and_answers(client: Client, submitted: Any) -> None:
    submission = submitted
    response = client.get(reverse("forms:pdf", args=[submission.pk]))
    assert_japanese_pdf(
        b"".join(response.streaming_content),
        "後援名義使用申請",
        f"受付番号{submission.reference}",
        "中小企業DXフォーラム2026",
    )


def test_copies_written_in_boxes_are_rendered_again(submitted: Any, tmp_path: Path) -> None:
    submission = submitted
    assert submission_pdfs_render_stale() == 0
    with submission.pdf.storage.open(submission.pdf.name, "wb") as handle:
        handle.write(pdf_in_boxes(tmp_path, "後援名義使用申請"))
    assert not pdf_is_current(_content(submission))
    assert submission_pdfs_render_stale() == 1
    assert_japanese_pdf(_content(submission), "後援名義使用申請", submission.reference or "")


@pytest.fixture
def font_missing(settings: Any, tmp_path: Path) -> None:
    settings.PDF_FONT = str(tmp_path / "missing.otf")


def test_without_the_font_the_submission_goes_through_without_a_copy(
    caplog: Any, font_missing: None, submitted: Any
) -> None:
    assert submitted.status == SubmissionStatus.SUBMITTED and submitted.reference
    assert not submitted.pdf  # no copy rather than one in boxes
    setup = [r.getMessage() for r in caplog.get_records("setup")]  # submitted in the fixture
    assert "forms.pdf_font_missing" in setup
