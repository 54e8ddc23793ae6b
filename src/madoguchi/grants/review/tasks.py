"""Background work of the review context: rendering notices (通知書) to PDF.

Takes an id, reloads the row, and is safe to run twice: a notice already rendered is left alone
(unless ``replace``: ``notices_render_stale`` renders again those written without the Japanese font).
A failure is recorded on the notice (status failed) and logged, never raised into a request.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction

from madoguchi.grants.review.enums import NoticeStatus
from madoguchi.grants.review.models import Notice

logger = logging.getLogger("madoguchi.grants.review")


@shared_task(name="grant_review.notice_render")
def notice_render(notice_id: int, replace: bool = False) -> str:
    from madoguchi.grants.review.pdf import notice_pdf

    notice = Notice.objects.filter(pk=notice_id).first()
    if notice is None:
        return "missing"
    if (
        not replace
        and notice.status == NoticeStatus.READY
        and notice.file
        and notice.file.storage.exists(notice.file.name)
    ):
        return "ready"
    try:
        content = notice_pdf(notice)
    except Exception as error:  # rendering must never break the caller; the notice shows it
        logger.exception("grant_review.notice_render_failed", extra={"notice_id": notice_id})
        Notice.objects.filter(pk=notice_id).update(
            status=NoticeStatus.FAILED, error=f"{type(error).__name__}: {error}"[:300]
        )
        return "failed"
    with transaction.atomic():
        notice = Notice.objects.select_for_update().get(pk=notice_id)
        if notice.status == NoticeStatus.READY and notice.file and not replace:
            return "ready"  # a second run finished first
        if notice.file:  # an earlier, failed attempt's file
            notice.file.delete(save=False)
        notice.file.save("notice.pdf", ContentFile(content), save=False)
        notice.status, notice.error = NoticeStatus.READY, ""
        notice.save(update_fields=["file", "status", "error", "updated_at"])
    logger.info(
        "grant_review.notice_rendered", extra={"notice_id": notice_id, "bytes": len(content)}
    )
    return "ready"


def notices_render_stale() -> int:
    """Render again the ready notices whose PDF was written without the Japanese font (boxes).

    For an existing (demo) database after upgrading: ``madoguchi demo`` calls it. Returns how many.
    """
    from madoguchi.core.pdf import stored_pdf_is_current

    rendered = 0
    for notice in Notice.objects.filter(status=NoticeStatus.READY).iterator():
        if not stored_pdf_is_current(notice.file):
            notice_render(notice.pk, replace=True)
            rendered += 1
    return rendered
