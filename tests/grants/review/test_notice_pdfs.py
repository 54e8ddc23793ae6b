"""Every kind of notice (採択通知・不採択通知・交付決定通知書・額の確定通知書) is a PDF whose text reads
its Japanese title in the bundled font; notices an older version wrote in boxes are rendered again.

These tests run again with an empty fontconfig (tests/core/test_fresh_machine.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from madoguchi.core.pdf import pdf_is_current
from madoguchi.grants.applications import services as lifecycle
from madoguchi.grants.review import notices, tasks
from madoguchi.grants.review.enums import NoticeKind, NoticeStatus
from madoguchi.grants.review.models import Notice
from tests.pdftext import assert_japanese_pdf, pdf_in_boxes

pytestmark = pytest.mark.django_db


def _content(notice: Notice) -> bytes:
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.READY, notice.error
    with notice.file.open("rb") as handle:
        return handle.read()


def test_each_notice_kind_reads_its_title(
    make_application: Any, po: Any, django_capture_on_commit_callbacks: Any
) -> None:
    application = make_application("株式会社通知", 2_000_000)
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.application_adopt(actor=po, application=application)
        lifecycle.application_grant_apply(actor=application.created_by, application=application)
        lifecycle.application_grant_decide(actor=po, application=application)
        lifecycle.application_report(actor=application.created_by, application=application)
        lifecycle.application_amount_confirm(actor=po, application=application, amount=1_500_000)
    rejected = make_application("株式会社不採択")
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.application_not_adopt(actor=po, application=rejected)
        notices.notice_issue(application_id=rejected.pk, kind=NoticeKind.NOT_ADOPTION, actor=po)
    issued = {n.kind: n for n in Notice.objects.filter(application__in=[application, rejected])}
    assert set(issued) == set(NoticeKind.values)
    for kind, amount in (
        (NoticeKind.ADOPTION, "2,000,000円"),
        (NoticeKind.GRANT_DECISION, "2,000,000円"),
        (NoticeKind.AMOUNT_CONFIRMATION, "1,500,000円"),
        (NoticeKind.NOT_ADOPTION, ""),
    ):
        notice = issued[kind]
        organisation = "株式会社不採択" if kind == NoticeKind.NOT_ADOPTION else "株式会社通知"
        text = assert_japanese_pdf(
            _content(notice), kind.label, notice.number, organisation, "ものづくり補助金"
        )
        assert amount in text, (kind, text[:300])


def test_notices_written_in_boxes_are_rendered_again(
    make_application: Any, po: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    application = make_application("株式会社再作成")
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.application_adopt(actor=po, application=application)
    notice = Notice.objects.get(application=application)
    assert pdf_is_current(_content(notice))
    assert tasks.notices_render_stale() == 0  # nothing to do
    with notice.file.storage.open(notice.file.name, "wb") as handle:
        handle.write(pdf_in_boxes(tmp_path))  # as an older version wrote it without the font
    assert not pdf_is_current(_content(notice))
    assert tasks.notices_render_stale() == 1
    assert_japanese_pdf(_content(notice), "採択通知", "株式会社再作成")
    assert tasks.notices_render_stale() == 0


def test_without_the_font_the_notice_fails_with_the_reason(
    make_application: Any, po: Any, settings: Any, tmp_path: Path
) -> None:
    application = make_application("株式会社フォントなし")
    lifecycle.application_adopt(actor=po, application=application)
    notice = Notice.objects.get(application=application)
    settings.PDF_FONT = str(tmp_path / "missing.otf")
    assert tasks.notice_render(notice.pk) == "failed"
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.FAILED and not notice.file
    assert notice.error.startswith("PdfFontError: PDF 用の日本語フォント（標準）のファイル")
