"""notice_issue: record a notice (通知書) and queue its PDF rendering after the commit.

The applications lifecycle calls ``notice_issue(application_id=…, kind=…)`` from application_adopt,
application_grant_decide and application_amount_confirm (inside their transaction, after its own
permission check); decisions_bulk calls it for 不採択通知. Issuing the same kind twice returns
the notice already issued (a failed one is queued again).
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.core.audit import audit_record
from madoguchi.core.tasks import enqueue_on_commit
from madoguchi.grants.applications.enums import ApplicationStatus
from madoguchi.grants.applications.models import Application
from madoguchi.grants.applications.permissions import officer_may
from madoguchi.grants.review.enums import (
    NOTICE_NUMBER_MARK,
    NoticeKind,
    NoticeStatus,
    ReviewErrorCode,
)
from madoguchi.grants.review.errors import ReviewError, ReviewPermissionDenied
from madoguchi.grants.review.models import Notice
from madoguchi.identity.roles import Right
from madoguchi.identity.selectors import staff_may

logger = logging.getLogger("madoguchi.grants.review")

S = ApplicationStatus
# The amount each notice states, and the states in which it may be issued.
AMOUNT_FIELD = {
    NoticeKind.ADOPTION: "adopted_amount",
    NoticeKind.NOT_ADOPTION: "",
    NoticeKind.GRANT_DECISION: "decided_amount",
    NoticeKind.AMOUNT_CONFIRMATION: "confirmed_amount",
}
ALLOWED_IN = {
    NoticeKind.ADOPTION: (
        S.ADOPTED,
        S.GRANT_APPLIED,
        S.GRANT_DECIDED,
        S.CHANGE_REQUESTED,
        S.REPORTED,
        S.AMOUNT_CONFIRMED,
        S.PAYMENT_REQUESTED,
        S.PAID,
    ),
    NoticeKind.NOT_ADOPTION: (S.NOT_ADOPTED,),
    NoticeKind.GRANT_DECISION: (
        S.GRANT_DECIDED,
        S.CHANGE_REQUESTED,
        S.REPORTED,
        S.AMOUNT_CONFIRMED,
        S.PAYMENT_REQUESTED,
        S.PAID,
    ),
    NoticeKind.AMOUNT_CONFIRMATION: (S.AMOUNT_CONFIRMED, S.PAYMENT_REQUESTED, S.PAID),
}


@transaction.atomic
def notice_issue(*, application_id: Any, kind: str, actor: Any = None) -> Notice:
    """``actor`` None means the system, on behalf of a lifecycle service that checked the officer;
    otherwise the actor must manage the review or process the applications of the subsidy's
    division (a retry from the overview)."""
    if kind not in NoticeKind.values:
        raise ReviewError(ReviewErrorCode.INVALID, "通知書の種類が正しくありません。", field="kind")
    notice_kind = NoticeKind(kind)
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("subsidy")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise ReviewError(ReviewErrorCode.NOT_FOUND, "申請が見つかりません。")
    if actor is not None and not (
        staff_may(actor, Right.REVIEW_MANAGE, application.subsidy.division_id)
        or officer_may(application, actor)
    ):
        raise ReviewPermissionDenied(
            _("通知書は、この補助金を担当する部署の制度担当職員だけが発行できます。")
        )
    if application.status not in ALLOWED_IN[notice_kind]:
        raise ReviewError(
            ReviewErrorCode.INVALID,
            f"この申請は「{application.get_status_display()}」のため、{notice_kind.label}は発行できません。",
        )
    existing = (
        Notice.objects.select_for_update().filter(application=application, kind=notice_kind).first()
    )
    if existing is not None:
        if existing.status == NoticeStatus.FAILED:
            existing.status, existing.error = NoticeStatus.PENDING, ""
            existing.save(update_fields=["status", "error", "updated_at"])
            _queue(existing)
        return existing
    field = AMOUNT_FIELD[notice_kind]
    notice = Notice.objects.create(
        application=application,
        kind=notice_kind,
        issued_at=timezone.now(),
        amount=getattr(application, field) if field else None,
        issued_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    notice.number = f"{application.subsidy.name} {NOTICE_NUMBER_MARK[notice_kind]}第{notice.pk}号"
    notice.save(update_fields=["number", "updated_at"])
    audit_record(
        action="grant_review.notice_issue",
        actor=actor,
        target=application,
        organisation=application.organisation_id,
        data={"notice": notice.pk, "kind": str(notice_kind), "number": notice.number},
    )
    _queue(notice)
    return notice


def _queue(notice: Notice) -> None:
    from madoguchi.grants.review.tasks import notice_render

    enqueue_on_commit(notice_render, notice.pk)
