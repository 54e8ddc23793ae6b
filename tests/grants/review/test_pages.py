"""The staff pages and the exports, through the test client."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client

from madoguchi.grants.applications.enums import ApplicationStatus
from madoguchi.grants.applications.models import Application
from madoguchi.grants.review import services
from madoguchi.grants.review.exports import APPLICATION_HEADER, AWARD_HEADER
from madoguchi.grants.review.models import Assignment, Criterion
from madoguchi.grants.review.selectors import award_results
from tests.grants.review.conftest import score_all

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_officer_pages_need_the_role(subsidy: Any, reviewers: list[Any], po: Any) -> None:
    reviewer = client_for(reviewers[0])
    for path in (
        "",
        f"{subsidy.pk}/",
        f"{subsidy.pk}/setup/",
        f"{subsidy.pk}/assign/",
        f"{subsidy.pk}/ranking/",
        f"{subsidy.pk}/export/applications.csv",
    ):
        assert reviewer.get(f"/staff/review/{path}").status_code == 403, path
    assert client_for(po).get("/staff/review/mine/").status_code == 403
    assert Client().get("/staff/review/").status_code == 302
    assert client_for(po).get(f"/staff/review/{subsidy.pk}/").status_code == 200


def test_setup_page_keeps_what_was_typed_on_error(subsidy: Any, po: Any) -> None:
    client = client_for(po)
    response = client.post(
        f"/staff/review/{subsidy.pk}/setup/",
        {
            "form": "criteria",
            "criteria-count": "2",
            "criteria-0-id": "",
            "criteria-0-name": "事業の新規性",
            "criteria-0-description": "新しさ",
            "criteria-0-weight": "3",
            "criteria-0-max_score": "5",
            "criteria-1-id": "",
            "criteria-1-name": "実現可能性",
            "criteria-1-description": "",
            "criteria-1-weight": "x",
            "criteria-1-max_score": "5",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "2行目の重みは半角の整数で入力してください。" in page
    assert 'value="事業の新規性"' in page and 'value="x"' in page
    assert not Criterion.objects.exists()
    response = client.post(
        f"/staff/review/{subsidy.pk}/setup/",
        {
            "form": "criteria",
            "criteria-count": "2",
            "criteria-0-name": "事業の新規性",
            "criteria-0-weight": "3",
            "criteria-0-max_score": "5",
            "criteria-1-name": "実現可能性",
            "criteria-1-weight": "2",
            "criteria-1-max_score": "10",
        },
    )
    assert response.status_code == 302
    assert list(Criterion.objects.values_list("name", "weight", "max_score")) == [
        ("事業の新規性", 3, 5),
        ("実現可能性", 2, 10),
    ]
    response = client.post(
        f"/staff/review/{subsidy.pk}/setup/",
        {"form": "setting", "budget": "三百万", "issuer": "", "conditions": ""},
    )
    assert (
        response.status_code == 400
        and "予算額（円）は半角の整数で入力してください。" in response.content.decode()
    )


def test_reviewer_scores_through_the_form_and_conflict_hides_it(
    criteria: list[Any], po: Any, reviewers: list[Any], make_application: Any
) -> None:
    application = make_application()
    client = client_for(po)
    response = client.post(
        f"/staff/review/{application.subsidy_id}/assign/",
        {"action": "assign", "application": application.pk, "reviewer": reviewers[0].pk},
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get()
    reviewer = client_for(reviewers[0])
    assert "株式会社申請" in reviewer.get("/staff/review/mine/").content.decode()
    url = f"/staff/review/mine/{assignment.pk}/"
    form = {f"score-{c.pk}": v for c, v in zip(criteria, ["5", "11", ""], strict=True)} | {
        "comment": "良い計画",
        "action": "finalise",
    }
    response = reviewer.post(url, form)
    assert response.status_code == 400
    page = response.content.decode()
    assert "「実現可能性」の点数は0〜10の範囲で入力してください（入力された値: 11）。" in page
    assert "「政策への貢献」の点数を入力してください" in page
    assert "良い計画" in page
    form |= {f"score-{criteria[1].pk}": "8", f"score-{criteria[2].pk}": "3"}
    assert reviewer.post(url, form).status_code == 302
    assignment.refresh_from_db()
    assert assignment.submitted_at is not None and assignment.comment == "良い計画"
    # Another reviewer cannot open it.
    assert client_for(reviewers[1]).get(url).status_code == 404
    # The conflict declaration blocks the page.
    assert reviewer.post(f"{url}conflict/", {"reason": "親族が役員です。"}).status_code == 302
    blocked = reviewer.get(url)
    assert blocked.status_code == 403 and "株式会社申請" not in blocked.content.decode()
    assert (
        "親族が役員です。"
        in client.get(f"/staff/review/{application.subsidy_id}/assign/").content.decode()
    )


def test_ranking_page_bulk_adopt(
    criteria: list[Any], po: Any, reviewers: list[Any], make_application: Any, subsidy: Any
) -> None:
    first, second = (
        make_application("株式会社一番", 2_000_000),
        make_application("株式会社二番", 1_500_000),
    )
    for application, values in ((first, [5, 10, 5]), (second, [1, 2, 1])):
        score_all(
            reviewers[0],
            services.reviewer_assign(actor=po, application=application, reviewer=reviewers[0]),
            values,
        )
    services.review_setting_set(actor=po, subsidy=subsidy, budget=3_000_000)
    client = client_for(po)
    page = client.get(f"/staff/review/{subsidy.pk}/ranking/").content.decode()
    assert page.index("株式会社一番") < page.index("株式会社二番")
    assert "3,500,000円" in page and "予算超過" in page
    response = client.post(
        f"/staff/review/{subsidy.pk}/ranking/", {"applications": [first.pk], "decision": "adopt"}
    )
    assert response.status_code == 302
    assert Application.objects.get(pk=first.pk).status == ApplicationStatus.ADOPTED
    response = client.post(
        f"/staff/review/{subsidy.pk}/ranking/",
        {"applications": [first.pk, second.pk], "decision": "reject"},
    )
    assert response.status_code == 200
    assert "一部の申請の採否を決定できませんでした" in response.content.decode()
    assert Application.objects.get(pk=second.pk).status == ApplicationStatus.NOT_ADOPTED


def test_exports_and_award_results(
    criteria: list[Any], po: Any, make_application: Any, subsidy: Any
) -> None:
    adopted = make_application("=株式会社採択", 1_000_000)
    make_application("株式会社審査中", 500_000)
    services.decisions_bulk(
        actor=po, subsidy=subsidy, decisions=[services.DecisionItem(adopted.pk, "adopt")]
    )
    client = client_for(po)
    response = client.get(f"/staff/review/{subsidy.pk}/export/applications.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == APPLICATION_HEADER and len(rows) == 3
    assert rows[1][2] == "'=株式会社採択"  # a formula is neutralised
    response = client.get(f"/staff/review/{subsidy.pk}/export/awards.xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert list(values[0]) == AWARD_HEADER
    assert (
        len(values) == 2
        and values[1][0] == adopted.organisation.corporate_number
        and values[1][9] == 1_000_000
    )
    assert client.get(f"/staff/review/{subsidy.pk}/export/awards.pdf").status_code == 404
    # Award results can be read per corporate number (for publication later).
    results = award_results(corporate_number=adopted.organisation.corporate_number)
    assert [(r.organisation_name, r.adopted_amount) for r in results] == [
        ("=株式会社採択", 1_000_000)
    ]
    assert award_results(corporate_number="0000000000000") == []


def test_bad_input_gives_messages_not_errors(
    criteria: list[Any], po: Any, reviewers: list[Any], make_application: Any, subsidy: Any
) -> None:
    application = make_application()
    client = client_for(po)
    base = f"/staff/review/{subsidy.pk}"
    response = client.post(
        f"{base}/assign/",
        {"action": "assign", "application": "not-a-uuid", "reviewer": reviewers[0].pk},
    )
    assert response.status_code == 404
    response = client.post(
        f"{base}/assign/",
        {"action": "assign", "application": application.pk, "reviewer": "x"},
        follow=True,
    )
    assert (
        "選び直してください。" in response.content.decode()
        or "審査員の権限を持つ職員を選んでください。" in response.content.decode()
    )
    response = client.post(
        f"{base}/ranking/", {"applications": ["not-a-uuid"], "decision": "adopt"}
    )
    assert (
        response.status_code == 200
        and "この補助金の申請が見つかりません。" in response.content.decode()
    )
    response = client.post(f"{base}/ranking/", {"applications": [application.pk]})
    assert (
        response.status_code == 400
        and "採択か不採択のボタンを押してください。" in response.content.decode()
    )
    response = client.post(f"{base}/ranking/", {"decision": "adopt"})
    assert (
        response.status_code == 400
        and "採択または不採択にする申請を選んでください。" in response.content.decode()
    )


def test_a_reviewer_reads_applications_only_through_the_review_pages(
    criteria: list[Any], po: Any, reviewers: list[Any], make_application: Any
) -> None:
    """A reviewer with a declared conflict must not reach the application another way."""
    application = make_application()
    assignment = services.reviewer_assign(actor=po, application=application, reviewer=reviewers[0])
    services.conflict_declare(actor=reviewers[0], assignment=assignment, reason="取引先です。")
    reviewer = client_for(reviewers[0])
    assert reviewer.get(f"/staff/applications/{application.pk}/").status_code in {403, 404}
    assert reviewer.get(f"/staff/review/mine/{assignment.pk}/").status_code == 403
    assert client_for(po).get(f"/staff/applications/{application.pk}/").status_code == 200
