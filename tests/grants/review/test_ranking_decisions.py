"""The ranked table (order, running total against the budget) and bulk decisions."""

from __future__ import annotations

from typing import Any

import pytest

from madoguchi.grants.applications import services as lifecycle
from madoguchi.grants.applications.enums import ApplicationStatus
from madoguchi.grants.applications.models import Application, ApplicationEvent
from madoguchi.grants.review import selectors, services
from madoguchi.grants.review.enums import Decision, NoticeKind
from madoguchi.grants.review.errors import ReviewPermissionDenied
from madoguchi.grants.review.models import Notice
from tests.grants.review.conftest import score_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(
    criteria: list[Any], po: Any, reviewers: list[Any], make_application: Any, subsidy: Any
) -> dict[str, Application]:
    """Four applications under review: A (best), B, C scored; D unscored. Budget 2,500,000."""
    apps = {
        "A": make_application("株式会社A", 1_000_000),
        "B": make_application("株式会社B", 1_200_000),
        "C": make_application("株式会社C", 800_000),
        "D": make_application("株式会社D", 300_000),
    }
    r1, r2, r3 = reviewers
    plan = {
        "A": {r1: [5, 9, 4], r2: [4, 10, 5]},
        "B": {r1: [3, 6, 3], r2: [4, 6, 2]},
        "C": {r1: [2, 4, 1]},
    }
    for key, by_reviewer in plan.items():
        for reviewer, values in by_reviewer.items():
            assignment = services.reviewer_assign(
                actor=po, application=apps[key], reviewer=reviewer
            )
            score_all(reviewer, assignment, values)
    # r3 is assigned to C, declares a conflict after scoring a draft: excluded from C's total.
    conflicted = services.reviewer_assign(actor=po, application=apps["C"], reviewer=r3)
    score_all(r3, conflicted, [5, 10, 5], finalise=False)
    services.conflict_declare(actor=r3, assignment=conflicted, reason="取引先です。")
    # D: assigned, not finished.
    services.reviewer_assign(actor=po, application=apps["D"], reviewer=r1)
    services.review_setting_set(actor=po, subsidy=subsidy, budget="2,500,000")
    return apps


def test_ranked_by_weighted_total_with_running_total(
    scored: dict[str, Application], subsidy: Any
) -> None:
    ranking = selectors.ranking(subsidy)
    order = [row.application.pk for row in ranking.rows]
    assert order == [scored[k].pk for k in "ABCD"]
    a, _b, c, d = ranking.rows
    # A: r1 (3×5/5+2×9/10+1×4/5)/6×100 = 93.33; r2 (3×4/5+2×10/10+1×5/5)/6×100 = 90.0 → 91.67
    assert [r.total for r in a.reviews] == [93.33, 90.0]
    assert a.total == 91.67
    assert c.total == 36.67 and c.done_count == 1 and c.active_count == 1
    assert d.total is None and d.rank is None and a.rank == 1
    assert [row.running_total for row in ranking.rows] == [
        1_000_000,
        2_200_000,
        3_000_000,
        3_300_000,
    ]
    assert [row.over_budget for row in ranking.rows] == [False, False, True, True]
    assert [row.first_over for row in ranking.rows] == [False, False, True, False]
    assert ranking.budget == 2_500_000 and ranking.committed == 0 and ranking.remaining == 2_500_000


def test_bulk_adopt_and_reject_call_the_lifecycle(
    scored: dict[str, Application], subsidy: Any, po: Any, django_capture_on_commit_callbacks: Any
) -> None:
    outcome = services.decisions_bulk(
        actor=po,
        subsidy=subsidy,
        decisions=[
            services.DecisionItem(scored["A"].pk, Decision.ADOPT),
            services.DecisionItem(scored["B"].pk, Decision.ADOPT),
        ],
    )
    assert [r.ok for r in outcome.results] == [True, True]
    a = Application.objects.get(pk=scored["A"].pk)
    assert a.status == ApplicationStatus.ADOPTED and a.adopted_amount == 1_000_000
    assert ApplicationEvent.objects.filter(application=a, action="adopt").exists()
    assert Notice.objects.get(application=a).kind == NoticeKind.ADOPTION
    # The committed amount now counts against the budget; C and D remain.
    ranking = selectors.ranking(subsidy)
    assert ranking.committed == 2_200_000 and ranking.remaining == 300_000
    assert [row.running_total for row in ranking.rows] == [3_000_000, 3_300_000]
    outcome = services.decisions_bulk(
        actor=po,
        subsidy=subsidy,
        decisions=[services.DecisionItem(scored["C"].pk, Decision.REJECT, message="予算の範囲外")],
    )
    c = Application.objects.get(pk=scored["C"].pk)
    assert c.status == ApplicationStatus.NOT_ADOPTED
    assert Notice.objects.get(application=c).kind == NoticeKind.NOT_ADOPTION


def test_bulk_reports_per_item_failures(
    scored: dict[str, Application], subsidy: Any, po: Any, make_application: Any
) -> None:
    not_in_review = make_application("株式会社E", review=False)
    outcome = services.decisions_bulk(
        actor=po,
        subsidy=subsidy,
        decisions=[
            services.DecisionItem(scored["A"].pk, Decision.ADOPT),
            services.DecisionItem(not_in_review.pk, Decision.ADOPT),
        ],
    )
    assert [r.ok for r in outcome.results] == [True, False]
    assert "「申請済み」のため、採択はできません" in outcome.results[1].message
    assert Application.objects.get(pk=scored["A"].pk).status == ApplicationStatus.ADOPTED


def test_bulk_all_or_nothing_rolls_back(
    scored: dict[str, Application], subsidy: Any, po: Any, make_application: Any
) -> None:
    not_in_review = make_application("株式会社F", review=False)
    outcome = services.decisions_bulk(
        actor=po,
        subsidy=subsidy,
        all_or_nothing=True,
        decisions=[
            services.DecisionItem(scored["A"].pk, Decision.ADOPT),
            services.DecisionItem(not_in_review.pk, Decision.REJECT),
        ],
    )
    assert outcome.rolled_back and outcome.succeeded == []
    assert Application.objects.get(pk=scored["A"].pk).status == ApplicationStatus.UNDER_REVIEW
    assert not Notice.objects.exists()


def test_bulk_needs_an_officer(
    scored: dict[str, Application], subsidy: Any, reviewers: list[Any]
) -> None:
    with pytest.raises(ReviewPermissionDenied):
        services.decisions_bulk(
            actor=reviewers[0],
            subsidy=subsidy,
            decisions=[services.DecisionItem(scored["A"].pk, Decision.ADOPT)],
        )


def test_overview_counts_and_waiting(
    scored: dict[str, Application], subsidy: Any, make_application: Any
) -> None:
    make_application("株式会社G", review=False)
    overview = selectors.overview(subsidy)
    counts = {status: n for status, _, n in overview.counts}
    assert counts["under_review"] == 4 and counts["submitted"] == 1 and overview.total == 5
    assert [(r.username, n) for r, n in overview.reviewers_pending] == [("rev1", 1)]
    assert overview.ready_to_decide == 3
    officer = dict(overview.officer_pending)
    assert officer["受付内容の確認（審査開始または差戻し）"] == 1
    assert officer["審査が終わった申請の採否の決定"] == 3


def test_overdue_reports_after_the_project_end_deadline(
    make_application: Any, po: Any, subsidy: Any
) -> None:
    import datetime as dt

    application = make_application("株式会社期限切れ", 500_000)
    lifecycle.application_adopt(actor=po, application=application)
    lifecycle.application_grant_apply(actor=application.created_by, application=application)
    lifecycle.application_grant_decide(actor=po, application=application)
    deadline = subsidy.project_end_deadline
    assert selectors.overview(subsidy, now=deadline - dt.timedelta(days=1)).overdue == []
    overdue = selectors.overview(subsidy, now=deadline + dt.timedelta(days=3, hours=1)).overdue
    assert [(item["application"].pk, item["days"]) for item in overdue] == [(application.pk, 3)]
    assert dict(selectors.overview(subsidy).applicant_pending)["事業の実施と実績報告"] == 1


def test_ranking_queries_do_not_grow_with_applications(
    scored: dict[str, Application],
    subsidy: Any,
    make_application: Any,
    django_assert_max_num_queries: Any,
) -> None:
    with django_assert_max_num_queries(8):
        selectors.ranking(subsidy)
    for index in range(4):
        make_application(f"株式会社追加{index}")
    with django_assert_max_num_queries(8):
        assert len(selectors.ranking(subsidy).rows) == 8


def test_budget_per_round_falls_back_to_the_subsidy(
    make_subsidy: Any, po: Any, make_application: Any
) -> None:
    import datetime as dt

    from django.utils import timezone

    from madoguchi.grants.services import RoundInput

    now = timezone.now()
    rounds = [
        RoundInput(
            fiscal_year_round=f"第{n}回",
            acceptance_start_datetime=now - dt.timedelta(days=1),
            acceptance_end_datetime=now + dt.timedelta(days=10),
        )
        for n in (1, 2)
    ]
    subsidy = make_subsidy(rounds=rounds, is_enable_multiple_request=True, title="回ごとの補助金")
    first, second = list(subsidy.rounds.order_by("position"))
    services.review_setting_set(actor=po, subsidy=subsidy, budget=5_000_000)
    services.review_setting_set(actor=po, subsidy=subsidy, round=first, budget=1_000_000)
    assert selectors.ranking(subsidy, first).budget == 1_000_000
    assert selectors.ranking(subsidy, second).budget == 5_000_000
    assert selectors.ranking(subsidy).budget == 5_000_000
    in_first = make_application("株式会社第一回", 700_000, target=subsidy, subsidy_round=first)
    assert [r.application.pk for r in selectors.ranking(subsidy, first).rows] == [in_first.pk]
    assert selectors.ranking(subsidy, second).rows == []
