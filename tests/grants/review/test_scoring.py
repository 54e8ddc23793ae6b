"""Criteria, assignment, conflicts of interest and scoring rules."""

from __future__ import annotations

from typing import Any

import pytest

from madoguchi.core.models import AuditEvent
from madoguchi.grants.review import selectors, services
from madoguchi.grants.review.enums import ReviewErrorCode
from madoguchi.grants.review.errors import ReviewError, ReviewInvalid, ReviewPermissionDenied
from madoguchi.grants.review.models import Criterion
from tests.grants.review.conftest import make_org, make_staff, score_all

pytestmark = pytest.mark.django_db


def test_criteria_set_validates_each_row_and_names_the_field(subsidy: Any, po: Any) -> None:
    with pytest.raises(ReviewInvalid) as caught:
        services.criteria_set(
            actor=po,
            subsidy=subsidy,
            criteria=[
                services.CriterionInput(name="", weight=1, max_score=5),
                services.CriterionInput(name="新規性", weight="0", max_score=5),
                services.CriterionInput(name="実現性", weight=2, max_score="abc"),
            ],
        )
    fields = {e.field: e.message for e in caught.value.errors}
    assert fields["criteria-0-name"] == "1行目: 評価項目名を入力してください。"
    assert (
        fields["criteria-1-weight"]
        == "2行目の重みは1〜100の範囲で入力してください（入力された値: 0）。"
    )
    assert fields["criteria-2-max_score"] == "3行目の満点は半角の整数で入力してください。"
    assert not Criterion.objects.filter(subsidy=subsidy).exists()


def test_only_officers_set_criteria(subsidy: Any, reviewers: list[Any]) -> None:
    with pytest.raises(ReviewPermissionDenied):
        services.criteria_set(
            actor=reviewers[0],
            subsidy=subsidy,
            criteria=[services.CriterionInput(name="新規性", weight=1, max_score=5)],
        )


def test_criterion_in_use_cannot_be_removed(
    criteria: list[Any], po: Any, reviewers: list[Any], make_application: Any
) -> None:
    application = make_application()
    assignment = services.reviewer_assign(actor=po, application=application, reviewer=reviewers[0])
    score_all(reviewers[0], assignment, [3, 7, 2])
    with pytest.raises(ReviewInvalid) as caught:
        services.criteria_set(
            actor=po,
            subsidy=application.subsidy,
            criteria=[
                services.CriterionInput(
                    id=c.pk, name=c.name, weight=c.weight, max_score=c.max_score
                )
                for c in criteria[:2]
            ],
        )
    assert "「政策への貢献」は既に評価に使われているため削除できません。" in caught.value.message


def test_scores_must_be_within_range_and_complete_to_finalise(
    criteria: list[Any], po: Any, reviewers: list[Any], make_application: Any
) -> None:
    application = make_application()
    reviewer = reviewers[0]
    assignment = services.reviewer_assign(actor=po, application=application, reviewer=reviewer)
    novelty, feasibility, policy = criteria
    with pytest.raises(ReviewInvalid) as caught:
        services.score_submit(
            actor=reviewer,
            assignment=assignment,
            scores={novelty.pk: ("6", ""), feasibility.pk: ("-1", ""), policy.pk: ("2.5", "")},
        )
    messages = {e.field: e.message for e in caught.value.errors}
    assert (
        messages[f"score-{novelty.pk}"]
        == "「事業の新規性」の点数は0〜5の範囲で入力してください（入力された値: 6）。"
    )
    assert (
        messages[f"score-{feasibility.pk}"]
        == "「実現可能性」の点数は0〜10の範囲で入力してください（入力された値: -1）。"
    )
    assert (
        messages[f"score-{policy.pk}"] == "「政策への貢献」の点数は半角の整数で入力してください。"
    )
    # A partial draft is kept; finalising it needs every criterion.
    services.score_submit(
        actor=reviewer, assignment=assignment, scores={novelty.pk: ("5", "優れている")}
    )
    assert assignment.scores.get().score == 5
    with pytest.raises(ReviewInvalid) as caught:
        services.score_submit(
            actor=reviewer, assignment=assignment, scores={novelty.pk: ("5", "")}, finalise=True
        )
    assert {e.code for e in caught.value.errors} == {ReviewErrorCode.INCOMPLETE}
    assert len(caught.value.errors) == 2
    assignment.refresh_from_db()
    assert assignment.submitted_at is None
    score_all(reviewer, assignment, [5, 0, 5])
    assignment.refresh_from_db()
    assert assignment.submitted_at is not None
    assert (
        AuditEvent.objects.filter(action="grant_review.score_submit", data__final=True).count() == 1
    )


def test_only_the_assigned_reviewer_scores_and_only_under_review(
    criteria: list[Any], po: Any, reviewers: list[Any], make_application: Any
) -> None:
    application = make_application()
    assignment = services.reviewer_assign(actor=po, application=application, reviewer=reviewers[0])
    with pytest.raises(ReviewError) as caught:
        score_all(reviewers[1], assignment, [1, 1, 1])
    assert caught.value.code == ReviewErrorCode.NOT_ASSIGNED
    with pytest.raises(ReviewPermissionDenied):
        score_all(po, assignment, [1, 1, 1])  # an officer without the reviewer role
    submitted = make_application("株式会社未審査", review=False)
    early = services.reviewer_assign(actor=po, application=submitted, reviewer=reviewers[0])
    with pytest.raises(ReviewError) as caught:
        score_all(reviewers[0], early, [1, 1, 1])
    assert caught.value.code == ReviewErrorCode.NOT_UNDER_REVIEW
    assert "申請済み" in caught.value.message


def test_conflict_blocks_the_assignment_and_reassignment(
    criteria: list[Any], po: Any, reviewers: list[Any], make_application: Any
) -> None:
    application = make_application()
    reviewer = reviewers[0]
    assignment = services.reviewer_assign(actor=po, application=application, reviewer=reviewer)
    with pytest.raises(ReviewError) as caught:
        services.conflict_declare(actor=reviewer, assignment=assignment, reason="  ")
    assert caught.value.field == "reason"
    services.conflict_declare(
        actor=reviewer, assignment=assignment, reason="申請者の代表者は私の親族です。"
    )
    with pytest.raises(ReviewError) as caught:
        score_all(reviewer, assignment, [1, 1, 1])
    assert caught.value.code == ReviewErrorCode.CONFLICT
    # The officer sees the declaration on the assignment board; the ranking ignores that reviewer.
    board = selectors.assignment_board(application.subsidy)
    review = board[0]["reviews"][0]
    assert (
        review.conflict is not None and review.conflict.reason == "申請者の代表者は私の親族です。"
    )
    # Taken off and assigned again: refused.
    services.reviewer_unassign(actor=po, assignment=assignment)
    with pytest.raises(ReviewError) as caught:
        services.reviewer_assign(actor=po, application=application, reviewer=reviewer)
    assert caught.value.code == ReviewErrorCode.CONFLICT
    assert "利益相反を申告しているため" in caught.value.message


def test_reviewer_from_the_applicant_organisation_is_refused(
    po: Any, make_application: Any
) -> None:
    org = make_org("株式会社身内")
    application = make_application(org=org)
    insider = make_staff("insider", "reviewer", organisation=org)
    with pytest.raises(ReviewError) as caught:
        services.reviewer_assign(actor=po, application=application, reviewer=insider)
    assert caught.value.code == ReviewErrorCode.CONFLICT
    assert "申請した事業者に所属しているため" in caught.value.message


def test_assign_refuses_non_reviewers_and_duplicates(
    po: Any, reviewers: list[Any], make_application: Any
) -> None:
    application = make_application()
    with pytest.raises(ReviewError) as caught:
        services.reviewer_assign(actor=po, application=application, reviewer=po)
    assert caught.value.field == "reviewer"
    services.reviewer_assign(actor=po, application=application, reviewer=reviewers[0])
    with pytest.raises(ReviewError) as caught:
        services.reviewer_assign(actor=po, application=application, reviewer=reviewers[0])
    assert caught.value.code == ReviewErrorCode.ALREADY_ASSIGNED
    with pytest.raises(ReviewPermissionDenied):
        services.reviewer_assign(actor=reviewers[1], application=application, reviewer=reviewers[2])


def test_weighted_total_is_out_of_100(criteria: list[Any]) -> None:
    novelty, feasibility, policy = criteria
    # (3×5/5 + 2×10/10 + 1×5/5) / 6 × 100 = 100; (3×0 + 2×5/10 + 1×0)/6×100 = 16.67
    assert (
        selectors.weighted_total(criteria, {novelty.pk: 5, feasibility.pk: 10, policy.pk: 5}) == 100
    )
    assert selectors.weighted_total(
        criteria, {novelty.pk: 0, feasibility.pk: 5, policy.pk: 0}
    ) == pytest.approx(16.67, abs=0.005)
    assert selectors.weighted_total(criteria, {novelty.pk: 5}) is None
