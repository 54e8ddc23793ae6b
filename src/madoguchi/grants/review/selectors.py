"""Reads of the review context: the ranked table, the reviewer's queue, the per-subsidy overview
and award results (交付実績), each with the relations it needs in a fixed number of queries."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from madoguchi.grants.applications.enums import ApplicationStatus
from madoguchi.grants.applications.models import Application
from madoguchi.grants.models import Subsidy, SubsidyRound
from madoguchi.grants.review.enums import NoticeStatus
from madoguchi.grants.review.models import (
    Assignment,
    ConflictDeclaration,
    Criterion,
    Notice,
    ReviewSetting,
    Score,
)
from madoguchi.identity.roles import Right
from madoguchi.identity.selectors import staff_division_filter, staff_with_right

S = ApplicationStatus
# Applications whose money is committed: adopted and every later state of the lifecycle.
COMMITTED = (
    S.ADOPTED,
    S.GRANT_APPLIED,
    S.GRANT_DECIDED,
    S.CHANGE_REQUESTED,
    S.REPORTED,
    S.AMOUNT_CONFIRMED,
    S.PAYMENT_REQUESTED,
    S.PAID,
)
APPLICANT_PENDING = {
    S.RETURNED: "差戻し後の修正・再申請",
    S.ADOPTED: "交付申請",
    S.GRANT_DECIDED: "事業の実施と実績報告",
    S.AMOUNT_CONFIRMED: "精算払請求",
}
OFFICER_PENDING = {
    S.SUBMITTED: "受付内容の確認（審査開始または差戻し）",
    S.RESUBMITTED: "再申請の確認",
    S.GRANT_APPLIED: "交付決定",
    S.CHANGE_REQUESTED: "計画変更の承認・不承認",
    S.REPORTED: "実績報告の確認と額の確定",
    S.PAYMENT_REQUESTED: "支払",
}


def criteria_of(subsidy: Subsidy) -> list[Criterion]:
    return list(Criterion.objects.filter(subsidy=subsidy).order_by("position", "id"))


def setting_of(subsidy: Subsidy, subsidy_round: SubsidyRound | None = None) -> ReviewSetting | None:
    return ReviewSetting.objects.filter(subsidy=subsidy, round=subsidy_round).first()


def reviewer_candidates() -> QuerySet[Any]:
    """Active staff whose role scores assigned applications (identity.roles: 審査員)."""
    return staff_with_right(Right.REVIEW_SCORE)


def weighted_total(criteria: list[Criterion], scores: dict[int, int]) -> float | None:
    """Σ weight × score/max, as points out of 100 (unrounded: callers round for display); None
    unless every criterion is scored."""
    total_weight = sum(c.weight for c in criteria)
    if not criteria or total_weight == 0 or any(c.pk not in scores for c in criteria):
        return None
    return round(
        sum(c.weight * scores[c.pk] / c.max_score for c in criteria) * 100 / total_weight, 6
    )


@dataclasses.dataclass
class ReviewerScore:
    assignment: Assignment
    total: float | None
    done: bool
    conflict: ConflictDeclaration | None


@dataclasses.dataclass
class RankedRow:
    application: Application
    reviews: list[ReviewerScore]
    total: float | None = None
    rank: int | None = None
    running_total: int = 0
    over_budget: bool = False
    first_over: bool = False

    @property
    def done_count(self) -> int:
        return sum(1 for r in self.reviews if r.done and r.conflict is None)

    @property
    def active_count(self) -> int:
        return sum(1 for r in self.reviews if r.conflict is None)


@dataclasses.dataclass
class Ranking:
    criteria: list[Criterion]
    rows: list[RankedRow]
    budget: int | None
    committed: int

    @property
    def remaining(self) -> int | None:
        return None if self.budget is None else self.budget - self.committed

    @property
    def requested_total(self) -> int:
        return sum(r.application.requested_amount or 0 for r in self.rows)


def _assignments_prefetch() -> Prefetch[Any]:
    return Prefetch(
        "review_assignments",
        queryset=Assignment.objects.select_related("reviewer").prefetch_related(
            Prefetch(
                "scores", queryset=Score.objects.only("assignment_id", "criterion_id", "score")
            )
        ),
    )


def _conflicts(applications: list[Application]) -> dict[tuple[Any, Any], ConflictDeclaration]:
    return {
        (c.application_id, c.reviewer_id): c
        for c in ConflictDeclaration.objects.filter(application__in=applications)
    }


def _reviews(
    application: Application, criteria: list[Criterion], conflicts: dict[Any, Any]
) -> list[ReviewerScore]:
    reviews = []
    for assignment in application.review_assignments.all():
        scores = {s.criterion_id: s.score for s in assignment.scores.all()}
        done = assignment.submitted_at is not None
        reviews.append(
            ReviewerScore(
                assignment=assignment,
                total=weighted_total(criteria, scores) if done else None,
                done=done,
                conflict=conflicts.get((application.pk, assignment.reviewer_id)),
            )
        )
    return reviews


def ranking(subsidy: Subsidy, subsidy_round: SubsidyRound | None = None) -> Ranking:
    """Applications under review, best weighted total first (mean of the reviewers' finished,
    unconflicted scores; unscored last, then by submission time), with the running total of
    requested amounts on top of what is already committed, against the budget."""
    criteria = criteria_of(subsidy)
    base = Application.objects.filter(subsidy=subsidy)
    if subsidy_round is not None:
        base = base.filter(round=subsidy_round)
    applications = list(
        base.filter(status=S.UNDER_REVIEW)
        .select_related("organisation", "round")
        .prefetch_related(_assignments_prefetch())
    )
    conflicts = _conflicts(applications)
    rows = []
    for application in applications:
        reviews = _reviews(application, criteria, conflicts)
        totals = [r.total for r in reviews if r.done and r.conflict is None and r.total is not None]
        rows.append(
            RankedRow(application, reviews, round(sum(totals) / len(totals), 2) if totals else None)
        )
        for review in reviews:
            review.total = None if review.total is None else round(review.total, 2)
    far_future = dt.datetime.max.replace(tzinfo=dt.UTC)
    rows.sort(
        key=lambda r: (
            r.total is None,
            -(r.total or 0),
            r.application.submitted_at or far_future,
            r.application.receipt_number or "",
        )
    )
    committed = sum(
        (a or 0) for a in base.filter(status__in=COMMITTED).values_list("adopted_amount", flat=True)
    )
    setting = setting_of(subsidy, subsidy_round) or (
        setting_of(subsidy) if subsidy_round is not None else None
    )
    budget = setting.budget if setting else None
    running = committed
    seen_over = False
    for index, row in enumerate(rows, start=1):
        row.rank = index if row.total is not None else None
        running += row.application.requested_amount or 0
        row.running_total = running
        row.over_budget = budget is not None and running > budget
        row.first_over = row.over_budget and not seen_over
        seen_over = seen_over or row.over_budget
    return Ranking(criteria=criteria, rows=rows, budget=budget, committed=committed)


# --- reviewers ------------------------------------------------------------------------------------


@dataclasses.dataclass
class QueueItem:
    assignment: Assignment
    conflict: ConflictDeclaration | None
    scored: int


def reviewer_queue(user: Any) -> list[QueueItem]:
    """The reviewer's own assignments (newest first), with conflicts and progress."""
    assignments = list(
        Assignment.objects.filter(reviewer=user)
        .select_related("application__subsidy", "application__organisation")
        .prefetch_related("scores")
        .order_by("submitted_at", "-assigned_at")
    )
    conflicts = {c.application_id: c for c in ConflictDeclaration.objects.filter(reviewer=user)}
    return [QueueItem(a, conflicts.get(a.application_id), len(a.scores.all())) for a in assignments]


def assignment_for_reviewer(user: Any, assignment_id: Any) -> Assignment | None:
    return (
        Assignment.objects.filter(pk=assignment_id, reviewer=user)
        .select_related("application__subsidy", "application__organisation", "application__round")
        .first()
    )


def conflict_of(assignment: Assignment) -> ConflictDeclaration | None:
    return ConflictDeclaration.objects.filter(
        application_id=assignment.application_id, reviewer_id=assignment.reviewer_id
    ).first()


def assignment_board(subsidy: Subsidy) -> list[dict[str, Any]]:
    """For the assignment page: applications that can get reviewers, with reviewers and conflicts."""
    from madoguchi.grants.review.services.assignments import ASSIGNABLE

    applications = list(
        Application.objects.filter(subsidy=subsidy, status__in=ASSIGNABLE)
        .select_related("organisation")
        .prefetch_related(_assignments_prefetch())
        .order_by("submitted_at", "receipt_number")
    )
    conflicts = _conflicts(applications)
    criteria = criteria_of(subsidy)
    return [{"application": a, "reviews": _reviews(a, criteria, conflicts)} for a in applications]


# --- overview -------------------------------------------------------------------------------------


@dataclasses.dataclass
class Overview:
    counts: list[tuple[str, str, int]]  # (status, label, count)
    total: int
    reviewers_pending: list[tuple[Any, int]]  # (reviewer, assignments not finished)
    applicant_pending: list[tuple[str, int]]
    officer_pending: list[tuple[str, int]]
    ready_to_decide: int
    unassigned: int
    overdue: list[dict[str, Any]]
    failed_notices: list[Notice]


def _deadline(application: Application, subsidy: Subsidy) -> dt.datetime | None:
    if application.round_id and application.round and application.round.project_end_deadline:
        return application.round.project_end_deadline
    return subsidy.project_end_deadline


def overview(subsidy: Subsidy, *, now: dt.datetime | None = None) -> Overview:
    now = now or timezone.now()
    applications = list(
        Application.objects.filter(subsidy=subsidy)
        .exclude(status=S.DRAFT)
        .select_related("organisation", "round")
        .prefetch_related(_assignments_prefetch())
    )
    by_status = Counter(str(a.status) for a in applications)
    counts = [
        (value, str(label), by_status.get(value, 0))
        for value, label in S.choices
        if value != S.DRAFT
    ]
    conflicts = _conflicts(applications)
    pending: Counter[Any] = Counter()
    reviewers: dict[Any, Any] = {}
    ready, unassigned = 0, 0
    for application in applications:
        if application.status != S.UNDER_REVIEW:
            continue
        active = [
            a
            for a in application.review_assignments.all()
            if (application.pk, a.reviewer_id) not in conflicts
        ]
        if not active:
            unassigned += 1
            continue
        waiting = [a for a in active if a.submitted_at is None]
        for assignment in waiting:
            pending[assignment.reviewer_id] += 1
            reviewers[assignment.reviewer_id] = assignment.reviewer
        if not waiting:
            ready += 1
    overdue = []
    for application in applications:
        deadline = _deadline(application, subsidy)
        if application.status == S.GRANT_DECIDED and deadline is not None and deadline < now:
            overdue.append(
                {
                    "application": application,
                    "what": "実績報告の提出期限（事業終了期限）を過ぎています",
                    "deadline": deadline,
                    "days": (now - deadline).days,
                }
            )
    officer = [(label, by_status.get(s, 0)) for s, label in OFFICER_PENDING.items()]
    officer.insert(2, ("審査が終わった申請の採否の決定", ready))
    officer.insert(2, ("審査員の割当（審査中で審査員なし）", unassigned))
    return Overview(
        counts=counts,
        total=len(applications),
        reviewers_pending=sorted(
            ((reviewers[pk], n) for pk, n in pending.items()), key=lambda item: -item[1]
        ),
        applicant_pending=[(label, by_status.get(s, 0)) for s, label in APPLICANT_PENDING.items()],
        officer_pending=officer,
        ready_to_decide=ready,
        unassigned=unassigned,
        overdue=sorted(overdue, key=lambda item: item["deadline"]),
        failed_notices=list(
            Notice.objects.filter(
                application__subsidy=subsidy, status=NoticeStatus.FAILED
            ).select_related("application")
        ),
    )


def subsidies_for_review(user: Any) -> QuerySet[Subsidy]:
    """Subsidies with at least one submitted application, or with review criteria set, of the
    divisions the user's right to read reviews reaches."""
    return (
        Subsidy.objects.filter(staff_division_filter(user, Right.REVIEW_VIEW))
        .filter(
            Q(pk__in=Application.objects.exclude(status=S.DRAFT).values("subsidy_id"))
            | Q(pk__in=Criterion.objects.values("subsidy_id"))
        )
        .select_related("division")
        .order_by("-acceptance_end_datetime", "name")
    )


# --- award results (交付実績) ------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class AwardResult:
    """Who received how much, and when: one adopted application. Keyed on the corporate number
    (法人番号) so that results can later be published per corporation (like gBizINFO)."""

    corporate_number: str
    organisation_name: str
    subsidy_name: str
    subsidy_title: str
    round: str
    receipt_number: str
    project_title: str
    status: str
    adopted_at: dt.datetime | None
    adopted_amount: int | None
    decided_at: dt.datetime | None
    decided_amount: int | None
    confirmed_at: dt.datetime | None
    confirmed_amount: int | None
    paid_at: dt.datetime | None
    institution_name: str


def award_results(
    *, subsidy: Subsidy | None = None, corporate_number: str | None = None
) -> list[AwardResult]:
    qs = Application.objects.filter(status__in=COMMITTED).select_related(
        "subsidy", "organisation", "round"
    )
    if subsidy is not None:
        qs = qs.filter(subsidy=subsidy)
    if corporate_number is not None:
        qs = qs.filter(organisation__corporate_number=corporate_number)
    return [
        AwardResult(
            corporate_number=a.organisation.corporate_number or "",
            organisation_name=a.organisation.name,
            subsidy_name=a.subsidy.name,
            subsidy_title=a.subsidy.title,
            round=a.round.fiscal_year_round if a.round else "",
            receipt_number=a.receipt_number or "",
            project_title=a.project_title,
            status=a.get_status_display(),
            adopted_at=a.adopted_at,
            adopted_amount=a.adopted_amount,
            decided_at=a.decided_at,
            decided_amount=a.decided_amount,
            confirmed_at=a.confirmed_at,
            confirmed_amount=a.confirmed_amount,
            paid_at=a.paid_at,
            institution_name=a.subsidy.institution_name,
        )
        for a in qs.order_by("adopted_at", "receipt_number")
    ]


# --- notices --------------------------------------------------------------------------------------


def notices_of_application(application: Application) -> list[Notice]:
    return list(Notice.objects.filter(application=application).order_by("issued_at"))


def notices_for_user(user: Any) -> list[Notice]:
    """Notices of every organisation the user may act for in grants (the applicant side)."""
    from madoguchi.grants.applications.selectors import organisations_acted_for

    organisations = organisations_acted_for(user)
    return list(
        Notice.objects.filter(application__organisation__in=organisations)
        .select_related("application__subsidy", "application__organisation")
        .order_by("-issued_at")
    )
