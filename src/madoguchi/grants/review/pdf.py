"""A notice (通知書) as a formal Japanese PDF, written by the one renderer (core.pdf)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from madoguchi.core.pdf import render_pdf
from madoguchi.grants.review.enums import NoticeKind
from madoguchi.grants.review.models import Notice, ReviewSetting

REIWA_START = dt.date(2019, 5, 1)

DEFAULT_CONDITIONS = {
    NoticeKind.ADOPTION: (
        "1. 採択は交付の決定ではありません。交付申請を行い、交付決定を受けた後に事業に着手してください。\n"
        "2. 採択額は交付申請の審査により減額されることがあります。"
    ),
    NoticeKind.GRANT_DECISION: (
        "1. 補助事業は交付申請書に記載された計画に従って実施し、内容を変更する場合は"
        "あらかじめ計画変更の承認を受けてください。\n"
        "2. 補助事業が完了したときは、事業終了期限までに実績報告書を提出してください。\n"
        "3. 補助事業に係る経理は他の経理と区分し、証拠書類を事業完了の翌年度から5年間保存してください。"
    ),
    NoticeKind.AMOUNT_CONFIRMATION: (
        "1. 確定した額の支払いを受けるには、精算払請求書を提出してください。\n"
        "2. 取得財産の処分には、あらかじめ承認を受けてください。"
    ),
    NoticeKind.NOT_ADOPTION: "",
}


def wareki(value: dt.date) -> str:
    """令和 era date: 2026-11-27 → 令和8年11月27日 (令和元年 for 2019)."""
    if value < REIWA_START:
        return f"平成{value.year - 1988}年{value.month}月{value.day}日"
    year = value.year - 2018
    return f"令和{'元' if year == 1 else year}年{value.month}月{value.day}日"


def western(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _setting(notice: Notice) -> ReviewSetting | None:
    application = notice.application
    settings = list(ReviewSetting.objects.filter(subsidy_id=application.subsidy_id))
    by_round = {s.round_id: s for s in settings}
    return by_round.get(application.round_id) or by_round.get(None)


def notice_context(notice: Notice) -> dict[str, Any]:
    application = notice.application
    subsidy = application.subsidy
    organisation = application.organisation
    setting = _setting(notice)
    issued = timezone.localtime(notice.issued_at).date()
    submitted = (
        timezone.localtime(application.submitted_at).date() if application.submitted_at else None
    )
    conditions = (
        setting.conditions if setting and setting.conditions else ""
    ) or DEFAULT_CONDITIONS[NoticeKind(notice.kind)]
    return {
        "notice": notice,
        "kind": NoticeKind(notice.kind),
        "kinds": NoticeKind,
        "title": NoticeKind(notice.kind).label,
        "application": application,
        "subsidy": subsidy,
        "organisation": organisation,
        "representative": organisation.representative_name,
        "issuer": (setting.issuer if setting and setting.issuer else "")
        or subsidy.institution_name
        or "補助金事務局",
        "issued_wareki": wareki(issued),
        "issued_western": western(issued),
        "submitted_wareki": wareki(submitted) if submitted else "",
        "conditions": [line for line in conditions.splitlines() if line.strip()],
    }


def notice_html(notice: Notice) -> str:
    return render_to_string("grant_review/pdf/notice.html", notice_context(notice))


def notice_pdf(notice: Notice) -> bytes:
    notice = Notice.objects.select_related(
        "application__subsidy", "application__organisation", "application__round"
    ).get(pk=notice.pk)
    return render_pdf(notice_html(notice))
