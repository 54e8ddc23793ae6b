"""Notices: rendered in background work after the commit, a real Japanese PDF (core.pdf's font),
downloadable only by the applicant organisation (and staff)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from madoguchi.core.pdf import pdf_font_names
from madoguchi.grants.applications import services as lifecycle
from madoguchi.grants.review import notices, services, tasks
from madoguchi.grants.review.enums import NoticeKind, NoticeStatus
from madoguchi.grants.review.errors import ReviewError
from madoguchi.grants.review.models import Notice
from madoguchi.grants.review.pdf import notice_html, wareki
from tests.grants.review.conftest import make_prime
from tests.pdftext import assert_japanese_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def adopted(
    make_application: Any, po: Any, subsidy: Any, django_capture_on_commit_callbacks: Any
) -> Any:
    services.review_setting_set(
        actor=po,
        subsidy=subsidy,
        budget=10_000_000,
        issuer="中小企業庁長官",
        conditions="補助事業は計画どおり実施すること。",
    )
    application = make_application("株式会社採択", 1_234_000)
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.application_adopt(actor=po, application=application)
    return application


def test_wareki() -> None:
    import datetime as dt

    assert wareki(dt.date(2026, 11, 27)) == "令和8年11月27日"
    assert wareki(dt.date(2019, 5, 1)) == "令和元年5月1日"
    assert wareki(dt.date(2019, 4, 30)) == "平成31年4月30日"


def test_adoption_notice_pdf_is_rendered_after_commit(adopted: Any) -> None:
    notice = Notice.objects.get(application=adopted)
    assert notice.kind == NoticeKind.ADOPTION and notice.status == NoticeStatus.READY
    assert re.fullmatch(r"S-\d+ 採第\d+号", notice.number)
    assert notice.amount == 1_234_000
    with notice.file.open("rb") as handle:
        content = handle.read()
    assert_japanese_pdf(content, "採択通知", notice.number, "株式会社採択", "1,234,000円")
    assert pdf_font_names(content) == {"Noto-Sans-JP", "Noto-Sans-JP-Bold"}  # core.pdf's family
    html = notice_html(notice)
    for text in (
        "採択通知",
        notice.number,
        "令和",
        "株式会社採択",
        "代表者　山田 太郎　殿",
        "中小企業庁長官",
        "ものづくり補助金",
        "1,234,000円",
        "補助事業は計画どおり実施すること。",
    ):
        assert text in html, text


def test_rendering_is_not_in_the_request_and_safe_twice(make_application: Any, po: Any) -> None:
    application = make_application("株式会社二度")
    # Without the commit callbacks, nothing is rendered yet: only the pending row exists.
    lifecycle.application_adopt(actor=po, application=application)
    notice = Notice.objects.get(application=application)
    assert notice.status == NoticeStatus.PENDING and not notice.file
    assert tasks.notice_render(notice.pk) == "ready"
    notice.refresh_from_db()
    first = notice.file.name
    assert tasks.notice_render(notice.pk) == "ready"
    notice.refresh_from_db()
    assert notice.file.name == first
    # Issuing the same kind again returns the same notice.
    assert (
        notices.notice_issue(application_id=application.pk, kind=NoticeKind.ADOPTION).pk
        == notice.pk
    )


def test_failure_is_recorded_and_can_be_retried(
    make_application: Any, po: Any, monkeypatch: Any
) -> None:
    application = make_application("株式会社失敗")
    lifecycle.application_adopt(actor=po, application=application)
    notice = Notice.objects.get(application=application)

    def broken(_: Any) -> bytes:
        raise OSError("disk full")

    monkeypatch.setattr("madoguchi.grants.review.pdf.notice_pdf", broken)
    assert tasks.notice_render(notice.pk) == "failed"
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.FAILED and "disk full" in notice.error
    monkeypatch.undo()
    again = notices.notice_issue(application_id=application.pk, kind=NoticeKind.ADOPTION, actor=po)
    assert again.pk == notice.pk and again.status == NoticeStatus.PENDING


def test_notice_kind_must_fit_the_state(
    make_application: Any, po: Any, reviewers: list[Any]
) -> None:
    application = make_application("株式会社審査中")
    with pytest.raises(ReviewError) as caught:
        notices.notice_issue(
            application_id=application.pk, kind=NoticeKind.GRANT_DECISION, actor=po
        )
    assert caught.value.message == "この申請は「審査中」のため、交付決定通知書は発行できません。"
    with pytest.raises(ReviewError):
        notices.notice_issue(
            application_id=application.pk, kind=NoticeKind.NOT_ADOPTION, actor=reviewers[0]
        )


def test_download_only_by_the_applicant_organisation(adopted: Any, po: Any) -> None:
    notice = Notice.objects.get(application=adopted)
    url = f"/notices/{notice.pk}/"
    owner = Client()
    owner.force_login(adopted.created_by)
    response = owner.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    listing = owner.get("/notices/")
    assert "採択通知" in listing.content.decode() and notice.number in listing.content.decode()
    from tests.grants.review.conftest import make_org

    stranger = Client()
    stranger.force_login(make_prime(make_org("株式会社よその会社")))
    assert stranger.get(url).status_code == 404
    assert notice.number not in stranger.get("/notices/").content.decode()
    assert Client().get(url).status_code == 404  # anonymous visitors too: nothing says it exists
    staff = Client()
    staff.force_login(po)
    assert staff.get(f"/staff/review/notices/{notice.pk}/").status_code == 200
    assert stranger.get(f"/staff/review/notices/{notice.pk}/").status_code == 404
