"""decisions_bulk: an officer adopts or rejects many applications at once from the ranked table.

Each decision goes through the applications lifecycle services (application_adopt /
application_not_adopt), which check the officer's permission and the state, write the timeline and
issue the 採択通知; a rejection also gets its 不採択通知 here. With ``all_or_nothing`` any failure
rolls every decision back; otherwise each one is kept or refused on its own and reported.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from madoguchi.core.errors import MadoguchiError
from madoguchi.grants.applications import services as lifecycle
from madoguchi.grants.applications.models import Application
from madoguchi.grants.models import Subsidy
from madoguchi.grants.review.enums import Decision, NoticeKind, ReviewErrorCode
from madoguchi.grants.review.errors import ReviewError
from madoguchi.grants.review.services._common import require_officer

logger = logging.getLogger("madoguchi.grants.review")


@dataclasses.dataclass(frozen=True)
class DecisionItem:
    application_id: Any
    decision: str  # Decision value
    amount: int | None = None  # adopted amount; defaults to the requested amount
    message: str = ""


@dataclasses.dataclass
class DecisionResult:
    application_id: Any
    decision: str
    ok: bool
    message: str
    label: str = ""  # receipt number, for the report


@dataclasses.dataclass
class BulkOutcome:
    results: list[DecisionResult]
    rolled_back: bool = False

    @property
    def succeeded(self) -> list[DecisionResult]:
        return [r for r in self.results if r.ok] if not self.rolled_back else []

    @property
    def failed(self) -> list[DecisionResult]:
        return [r for r in self.results if not r.ok]


class _RollBack(Exception):
    pass


def _decide_one(actor: Any, subsidy: Subsidy, item: DecisionItem) -> DecisionResult:
    from madoguchi.grants.review.notices import notice_issue

    try:
        application = Application.objects.filter(pk=item.application_id, subsidy=subsidy).first()
    except (ValidationError, ValueError):
        application = None
    if application is None:
        return DecisionResult(
            item.application_id, item.decision, False, "この補助金の申請が見つかりません。"
        )
    label = application.receipt_number or str(application.pk)
    try:
        with transaction.atomic():
            if item.decision == Decision.ADOPT:
                lifecycle.application_adopt(
                    actor=actor, application=application, amount=item.amount, message=item.message
                )
                text = "採択しました。"
            elif item.decision == Decision.REJECT:
                lifecycle.application_not_adopt(
                    actor=actor, application=application, message=item.message
                )
                notice_issue(
                    application_id=application.pk, kind=NoticeKind.NOT_ADOPTION, actor=actor
                )
                text = "不採択にしました。"
            else:
                raise ReviewError(
                    ReviewErrorCode.INVALID, "採択か不採択を選んでください。", field="decision"
                )
    except MadoguchiError as error:
        return DecisionResult(application.pk, item.decision, False, error.message, label)
    return DecisionResult(application.pk, item.decision, True, text, label)


@transaction.atomic
def decisions_bulk(
    *, actor: Any, subsidy: Subsidy, decisions: list[DecisionItem], all_or_nothing: bool = False
) -> BulkOutcome:
    require_officer(actor, subsidy)
    if not decisions:
        raise ReviewError(
            ReviewErrorCode.REQUIRED,
            "採択または不採択にする申請を選んでください。",
            field="applications",
        )
    seen: set[str] = set()
    for item in decisions:
        key = str(item.application_id)
        if key in seen:
            raise ReviewError(
                ReviewErrorCode.INVALID, "同じ申請が2回選ばれています。", field="applications"
            )
        seen.add(key)
    results: list[DecisionResult] = []
    try:
        with transaction.atomic():
            for item in decisions:
                results.append(_decide_one(actor, subsidy, item))
            if all_or_nothing and any(not r.ok for r in results):
                raise _RollBack
    except _RollBack:
        logger.info("grant_review.bulk_rolled_back", extra={"subsidy_id": subsidy.pk})
        return BulkOutcome(results, rolled_back=True)
    return BulkOutcome(results)
