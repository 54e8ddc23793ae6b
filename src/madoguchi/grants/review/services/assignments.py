"""reviewer_assign, reviewer_unassign and conflict_declare."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from madoguchi.core.audit import audit_record
from madoguchi.grants.applications.enums import ApplicationStatus
from madoguchi.grants.applications.models import Application
from madoguchi.grants.review.enums import ReviewErrorCode
from madoguchi.grants.review.errors import ReviewError
from madoguchi.grants.review.models import Assignment, ConflictDeclaration
from madoguchi.grants.review.services._common import is_reviewer, require_officer, require_reviewer

# An application can receive reviewers until it is decided.
ASSIGNABLE = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.RESUBMITTED,
    ApplicationStatus.UNDER_REVIEW,
)


def _name(user: Any) -> str:
    return f"{user.last_name} {user.first_name}".strip() or user.email or user.get_username()


@transaction.atomic
def reviewer_assign(*, actor: Any, application: Application, reviewer: Any) -> Assignment:
    """Assign ``reviewer`` to ``application``. Refused for a reviewer who declared a conflict with
    it, or who belongs to the applicant organisation (or the agent that applied for it)."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("subsidy")
        .get(pk=application.pk)
    )
    require_officer(actor, application.subsidy)
    reviewer = get_user_model().objects.filter(pk=getattr(reviewer, "pk", reviewer)).first()
    if reviewer is None or not is_reviewer(reviewer):
        raise ReviewError(
            ReviewErrorCode.INVALID, "審査員の権限を持つ職員を選んでください。", field="reviewer"
        )
    if application.status not in ASSIGNABLE:
        raise ReviewError(
            ReviewErrorCode.NOT_UNDER_REVIEW,
            f"この申請は「{application.get_status_display()}」のため、審査員を割り当てられません。",
        )
    if reviewer.organisation_id is not None and reviewer.organisation_id in (
        application.organisation_id,
        application.agent_organisation_id,
    ):
        raise ReviewError(
            ReviewErrorCode.CONFLICT,
            f"{_name(reviewer)} さんは申請した事業者に所属しているため、この申請の審査員にはできません。",
            field="reviewer",
        )
    if ConflictDeclaration.objects.filter(application=application, reviewer=reviewer).exists():
        raise ReviewError(
            ReviewErrorCode.CONFLICT,
            f"{_name(reviewer)} さんはこの申請について利益相反を申告しているため、割り当てられません。",
            field="reviewer",
        )
    if Assignment.objects.filter(application=application, reviewer=reviewer).exists():
        raise ReviewError(
            ReviewErrorCode.ALREADY_ASSIGNED,
            f"{_name(reviewer)} さんは既にこの申請の審査員です。",
            field="reviewer",
        )
    assignment = Assignment.objects.create(
        application=application, reviewer=reviewer, assigned_by=actor
    )
    audit_record(
        action="grant_review.reviewer_assign",
        actor=actor,
        target=application,
        organisation=application.organisation_id,
        data={"reviewer": reviewer.pk},
    )
    return assignment


@transaction.atomic
def reviewer_unassign(*, actor: Any, assignment: Assignment) -> None:
    """Take a reviewer off an application (their scores go with the assignment)."""
    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("application__subsidy")
        .get(pk=assignment.pk)
    )
    require_officer(actor, assignment.application.subsidy)
    if assignment.application.status not in ASSIGNABLE:
        raise ReviewError(
            ReviewErrorCode.NOT_UNDER_REVIEW,
            f"この申請は「{assignment.application.get_status_display()}」のため、審査員を外せません。",
        )
    audit_record(
        action="grant_review.reviewer_unassign",
        actor=actor,
        target=assignment.application,
        organisation=assignment.application.organisation_id,
        data={"reviewer": assignment.reviewer_id},
    )
    assignment.delete()


@transaction.atomic
def conflict_declare(*, actor: Any, assignment: Assignment, reason: str) -> ConflictDeclaration:
    """The reviewer declares a conflict of interest: the assignment is blocked from then on (the
    reviewer can no longer open or score it); officers see the declaration and its reason."""
    require_reviewer(actor)
    assignment = (
        Assignment.objects.select_for_update().select_related("application").get(pk=assignment.pk)
    )
    if assignment.reviewer_id != actor.pk:
        raise ReviewError(
            ReviewErrorCode.NOT_ASSIGNED, "この申請はあなたに割り当てられていません。"
        )
    text = (reason or "").strip()
    if not text:
        raise ReviewError(
            ReviewErrorCode.REQUIRED,
            "利益相反の内容（申請者との関係）を入力してください。",
            field="reason",
        )
    if len(text) > 2000:
        raise ReviewError(
            ReviewErrorCode.INVALID,
            "利益相反の内容は2000文字以内で入力してください。",
            field="reason",
        )
    declaration, created = ConflictDeclaration.objects.get_or_create(
        application=assignment.application, reviewer=actor, defaults={"reason": text}
    )
    if created:
        audit_record(
            action="grant_review.conflict_declare",
            actor=actor,
            target=assignment.application,
            organisation=assignment.application.organisation_id,
            data={"assignment": assignment.pk},
        )
    return declaration
