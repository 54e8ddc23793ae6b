"""score_submit: a reviewer scores an application against the subsidy's weighted criteria."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from madoguchi.core.audit import audit_record
from madoguchi.grants.applications.enums import ApplicationStatus
from madoguchi.grants.review.enums import ReviewErrorCode
from madoguchi.grants.review.errors import ReviewError, ReviewInvalid, field_error
from madoguchi.grants.review.models import Assignment, ConflictDeclaration, Criterion, Score
from madoguchi.grants.review.services._common import parse_int, require_reviewer


def scorable_assignment(actor: Any, assignment: Assignment) -> Assignment:
    """The assignment, locked, if ``actor`` is its reviewer, has no conflict, and it is in review."""
    require_reviewer(actor)
    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("application__subsidy")
        .get(pk=assignment.pk)
    )
    if assignment.reviewer_id != actor.pk:
        raise ReviewError(
            ReviewErrorCode.NOT_ASSIGNED, "この申請はあなたに割り当てられていません。"
        )
    if ConflictDeclaration.objects.filter(
        application_id=assignment.application_id, reviewer=actor
    ).exists():
        raise ReviewError(ReviewErrorCode.CONFLICT, "利益相反を申告した申請は評価できません。")
    if assignment.application.status != ApplicationStatus.UNDER_REVIEW:
        raise ReviewError(
            ReviewErrorCode.NOT_UNDER_REVIEW,
            f"この申請は「{assignment.application.get_status_display()}」のため評価できません"
            "（審査中の申請だけを評価できます）。",
        )
    return assignment


@transaction.atomic
def score_submit(
    *,
    actor: Any,
    assignment: Assignment,
    scores: dict[int, tuple[Any, str]],
    comment: str = "",
    finalise: bool = False,
) -> Assignment:
    """Save scores (criterion id → (score, comment)); each within 0..max. ``finalise`` requires a
    score for every criterion and marks the review done (it can be changed while in review)."""
    assignment = scorable_assignment(actor, assignment)
    criteria = list(Criterion.objects.filter(subsidy_id=assignment.application.subsidy_id))
    if not criteria:
        raise ReviewError(
            ReviewErrorCode.INCOMPLETE,
            "この補助金には評価項目が設定されていません。制度担当職員に連絡してください。",
        )
    known = {c.pk for c in criteria}
    errors: list[ReviewError] = []
    for criterion_id in scores:
        if criterion_id not in known:
            errors.append(
                field_error(
                    "scores",
                    "この補助金にない評価項目が送られました。画面を読み込み直してください。",
                )
            )
    cleaned: dict[int, tuple[int | None, str]] = {}
    for criterion in criteria:
        raw, note = scores.get(criterion.pk, (None, ""))
        note = (note or "").strip()
        field = f"score-{criterion.pk}"
        if len(note) > 2000:
            errors.append(
                field_error(
                    f"comment-{criterion.pk}",
                    f"「{criterion.name}」のコメントは2000文字以内で入力してください。",
                )
            )
        if raw is None or str(raw).strip() == "":
            if finalise:
                errors.append(
                    field_error(
                        field,
                        f"「{criterion.name}」の点数を入力してください（評価を確定するには全項目が必要です）。",
                        ReviewErrorCode.INCOMPLETE,
                    )
                )
            cleaned[criterion.pk] = (None, note)
            continue
        try:
            value = parse_int(
                raw,
                field=field,
                label=f"「{criterion.name}」の点数",
                minimum=0,
                maximum=criterion.max_score,
            )
        except ReviewError as error:
            errors.append(error)
            continue
        cleaned[criterion.pk] = (value, note)
    comment = (comment or "").strip()
    if len(comment) > 4000:
        errors.append(field_error("comment", "総評は4000文字以内で入力してください。"))
    if errors:
        raise ReviewInvalid(errors)
    existing = {s.criterion_id: s for s in assignment.scores.all()}
    for criterion_id, (points, note) in cleaned.items():
        current = existing.get(criterion_id)
        if points is None:
            if current is not None:
                current.delete()
            continue
        if current is None:
            Score.objects.create(
                assignment=assignment, criterion_id=criterion_id, score=points, comment=note
            )
        elif (current.score, current.comment) != (points, note):
            current.score, current.comment = points, note
            current.save(update_fields=["score", "comment", "updated_at"])
    assignment.comment = comment
    assignment.submitted_at = timezone.now() if finalise else None
    assignment.save(update_fields=["comment", "submitted_at"])
    audit_record(
        action="grant_review.score_submit",
        actor=actor,
        target=assignment.application,
        organisation=assignment.application.organisation_id,
        data={"assignment": assignment.pk, "final": finalise},
    )
    return assignment
