"""The applicant's and the officer's pages through the Django test client: forms engine pages,
check and submit, errors that name the field, one business never seeing another's application."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from madoguchi.grants.applications import services
from madoguchi.grants.applications.enums import ApplicationStatus, Stage
from madoguchi.grants.applications.models import Application
from tests.grants.applications.conftest import reload
from tests.grants.applications.test_lifecycle import advance

S = ApplicationStatus
pytestmark = pytest.mark.django_db


def test_start_fill_check_and_submit(
    client: Any, prime: Any, subsidy: Any, stage_versions: Any
) -> None:
    client.force_login(prime)
    start_url = reverse("applications:start", args=[subsidy.pk])
    page = client.get(start_url)
    assert page.status_code == 200 and "申請を始める" in page.content.decode()
    key = page.context["idempotency_key"]
    form = {
        "idempotency_key": key,
        "organisation": str(prime.organisation_id),
        "project_title": "展示会出展",
        "requested_amount": "１，０００，０００円",
    }
    first = client.post(start_url, form)
    again = client.post(start_url, form)  # a double click
    assert first.status_code == again.status_code == 302 and first.url == again.url
    application = Application.objects.get()
    assert application.requested_amount == 1_000_000
    basics = client.post(
        reverse("applications:basics", args=[application.pk]),
        {"project_title": "展示会出展", "requested_amount": "1000000", "_action": "next"},
    )
    fill_url = reverse("applications:fill", args=[application.pk, Stage.APPLICATION, "business"])
    assert basics.url == fill_url
    business = client.get(fill_url).content.decode()
    assert "株式会社窓口商事" in business  # prefilled
    client.post(
        fill_url,
        {
            "_fields": ["org_name", "org_number", "org_address", "contact_name", "contact_phone"],
            "org_name": "株式会社窓口商事",
            "org_address": "東京都千代田区霞が関1-3-1",
            "contact_name": "佐藤 花子",
            "_action": "next",
        },
    )
    plan_url = reverse("applications:fill", args=[application.pk, Stage.APPLICATION, "plan"])
    bad = client.post(
        plan_url,
        {
            "_fields": ["plan_summary", "expected_effect", "total_cost", "plan_file"],
            "plan_summary": "展示会に出展します。",
            "total_cost": "百万円",
            "_action": "next",
        },
    )
    assert bad.status_code == 400
    text = bad.content.decode()
    assert (
        "経費の総額" in text and "展示会に出展します。" in text
    )  # the error names the field; nothing lost
    pdf = SimpleUploadedFile("計画書.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    ok = client.post(
        plan_url,
        {
            "_fields": ["plan_summary", "expected_effect", "total_cost", "plan_file"],
            "plan_summary": "展示会に出展します。",
            "total_cost": "1500000",
            "plan_file": pdf,
            "_action": "next",
        },
    )
    assert ok.status_code == 302
    client.post(
        reverse("applications:fill", args=[application.pk, Stage.APPLICATION, "consent"]),
        {"_fields": ["consent"], "consent": "on", "_action": "next"},
    )
    check_url = reverse("applications:check", args=[application.pk, Stage.APPLICATION])
    check = client.get(check_url).content.decode()
    assert "計画書.pdf" in check and "1,000,000円" in check
    done = client.post(check_url)
    assert done.status_code == 302 and done.url.endswith("?received=1")
    application = reload(application)
    assert application.status == S.SUBMITTED
    receipt = client.get(done.url).content.decode()
    assert application.receipt_number in receipt and "受け付けました" in receipt
    stored = application.stage_data.get().files.get()
    download = client.get(reverse("applications:file", args=[application.pk, stored.pk]))
    assert download.status_code == 200
    assert (
        client.get(reverse("applications:my")).content.decode().count(application.receipt_number)
        == 1
    )


def test_a_late_submission_shows_the_reason_and_keeps_the_draft(
    client: Any, make_draft: Any, prime: Any, subsidy: Any
) -> None:
    import datetime as dt

    from django.utils import timezone

    from madoguchi.grants.models import Subsidy

    application = make_draft(prime)
    Subsidy.objects.filter(pk=subsidy.pk).update(
        acceptance_end_datetime=timezone.now() - dt.timedelta(seconds=1)
    )
    client.force_login(prime)
    response = client.post(reverse("applications:check", args=[application.pk, Stage.APPLICATION]))
    assert response.status_code == 400
    assert "締め切りました" in response.content.decode()
    assert reload(application).status == S.DRAFT


def test_another_business_gets_404(
    client: Any, make_draft: Any, prime: Any, other_prime: Any, member_without_grants: Any
) -> None:
    application = make_draft(prime)
    for intruder in (other_prime, member_without_grants):
        client.force_login(intruder)
        for name in ("detail", "basics"):
            assert (
                client.get(reverse(f"applications:{name}", args=[application.pk])).status_code
                == 404
            )
        assert (
            client.post(
                reverse("applications:withdraw", args=[application.pk]), {"confirm": "yes"}
            ).status_code
            == 404
        )
        assert (
            application.project_title not in client.get(reverse("applications:my")).content.decode()
        )
    assert reload(application).status == S.DRAFT


def test_agent_sees_the_principals_application(
    client: Any, make_draft: Any, agent: Any, mandate: Any, org: Any
) -> None:
    application = make_draft(agent, organisation=org)
    client.force_login(agent)
    assert application.project_title in client.get(reverse("applications:my")).content.decode()
    page = client.get(reverse("applications:start", args=[application.subsidy_id])).content.decode()
    assert org.name in page and "（代理）" in page


def test_applicant_timeline_and_actions(
    client: Any, make_draft: Any, prime: Any, programme_officer: Any
) -> None:
    application = advance(make_draft(prime), S.SUBMITTED, prime, programme_officer)
    services.application_return(
        actor=programme_officer, application=application, message="見積書を添付してください。"
    )
    client.force_login(prime)
    page = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert (
        "見積書を添付してください。" in page and "差戻し" in page and "修正して再申請する" in page
    )
    assert "制度担当職員" in page


def test_officer_pages_and_buttons(
    client: Any,
    make_draft: Any,
    prime: Any,
    programme_officer: Any,
    viewer_staff: Any,
    subsidy: Any,
) -> None:
    application = advance(make_draft(prime), S.SUBMITTED, prime, programme_officer)
    client.force_login(programme_officer)
    listing = client.get(
        reverse("applications_staff:list", args=[subsidy.pk]), {"status": "submitted"}
    )
    assert application.receipt_number in listing.content.decode()
    empty = client.get(reverse("applications_staff:list", args=[subsidy.pk]), {"status": "paid"})
    assert application.receipt_number not in empty.content.decode()
    detail = client.get(
        reverse("applications_staff:detail", args=[application.pk])
    ).content.decode()
    assert "差し戻す" in detail and "審査を開始する" in detail
    refused = client.post(
        reverse("applications_staff:action", args=[application.pk, "return"]),
        {"message": ""},
        follow=True,
    )
    assert "差戻しの理由（修正してほしい点）を入力してください。" in refused.content.decode()
    client.post(reverse("applications_staff:action", args=[application.pk, "review_start"]))
    client.post(
        reverse("applications_staff:action", args=[application.pk, "adopt"]), {"amount": "900,000"}
    )
    assert (reload(application).status, reload(application).adopted_amount) == (S.ADOPTED, 900_000)
    # Staff who may only view see no buttons, and a POST is refused (their role has no right to
    # process applications: 403 before the view runs; the service would refuse too).
    client.force_login(viewer_staff)
    assert (
        "交付を決定する"
        not in client.get(
            reverse("applications_staff:detail", args=[application.pk])
        ).content.decode()
    )
    refused = client.post(reverse("applications_staff:action", args=[application.pk, "not_adopt"]))
    assert refused.status_code == 403
    assert reload(application).status == S.ADOPTED
    # A business user cannot open staff pages: the staff area does not exist for them.
    client.force_login(prime)
    assert (
        client.get(reverse("applications_staff:detail", args=[application.pk])).status_code == 404
    )


def test_stage_forms_page(
    client: Any, programme_officer: Any, subsidy: Any, stage_versions: Any, builder: Any
) -> None:
    from madoguchi.forms import services as forms_services

    client.force_login(programme_officer)
    url = reverse("applications_staff:stage-forms", args=[subsidy.pk])
    page = client.get(url).content.decode()
    assert "実績報告書" in page
    draft_form = forms_services.form_create(actor=builder, title="下書きのフォーム")
    bad = client.post(url, {Stage.APPLICATION: str(draft_form.versions.get().pk)})
    assert bad.status_code == 400 and "一覧にない版" in bad.content.decode()
    ok = client.post(url, {Stage.APPLICATION: str(stage_versions[Stage.APPLICATION].pk)})
    assert ok.status_code == 302
    from madoguchi.grants.applications.models import StageForm

    assert list(StageForm.objects.filter(subsidy=subsidy).values_list("stage", flat=True)) == [
        Stage.APPLICATION
    ]
