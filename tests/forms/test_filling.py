"""Filling in a procedure page by page: prefill, validation, drafts, lookups, check, submit, receipt."""

from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from madoguchi.forms.enums import SubmissionStatus
from madoguchi.forms.models import Submission
from tests.forms.conftest import make_business
from tests.registry.factories import CorporationFactory

pytestmark = pytest.mark.django_db

EVENT_PAGE = {
    "_fields": [
        "event_name",
        "event_kind",
        "start_date",
        "end_date",
        "venue",
        "venue_postal_code",
        "venue_address",
        "expected_attendance",
        "admission_fee",
        "fee_amount",
        "programme",
        "expenses",
    ],
    "event_name": "中小企業DXフォーラム2026",
    "event_kind": "seminar",
    "start_date": "2026-12-10",
    "end_date": "2026-12-11",
    "venue": "市民会館",
    "venue_address": "東京都千代田区千代田1-1",
    "expected_attendance": "３００",
    "admission_fee": "no",
    "programme": "基調講演、事例発表、交流会",
    "expenses__rows": "2",
    "expenses__0__item": "会場費",
    "expenses__0__amount": "120,000",
    "expenses__1__item": "講師謝金",
    "expenses__1__amount": "８０，０００円",
}


def start(client: Client, procedure: Any) -> Submission:
    response = client.post(reverse("forms:start", args=[procedure.slug]))
    assert response.status_code == 302, response.content.decode()[:500]
    return Submission.objects.latest("created_at")


def fill_page(
    client: Client, submission: Submission, page: str, data: dict[str, Any], **extra: Any
) -> Any:
    return client.post(
        reverse("forms:fill", args=[submission.pk, page]), {"_action": "next", **data}, **extra
    )


def pdf_upload(name: str = "plan.pdf", size: int = 100) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.7\n" + b"0" * size, content_type="application/pdf")


def complete(client: Client, submission: Submission) -> None:
    assert (
        fill_page(
            client,
            submission,
            "organiser",
            {"_fields": ["organiser_name"], "organiser_name": submission.data["organiser_name"]},
        ).status_code
        == 302
    )
    assert fill_page(client, submission, "event", EVENT_PAGE).status_code == 302
    response = fill_page(
        client,
        submission,
        "history",
        {
            "_fields": ["past_sponsorship", "plan_document", "consent"],
            "past_sponsorship": "no",
            "consent": "on",
            "plan_document": pdf_upload(),
        },
    )
    assert response.status_code == 302, response.content.decode()


def test_prefill_from_the_logged_in_business(client: Client, procedure: Any, business: Any) -> None:
    client.force_login(business)
    submission = start(client, procedure)
    org = business.organisation
    assert submission.data["organiser_name"] == org.name
    assert submission.data["organiser_number"] == org.corporate_number
    assert submission.data["organiser_address"] == "東京都千代田区霞が関1-3-1"
    assert submission.data["representative"] == "山田 太郎"
    assert submission.data["contact_email"] == "prime@example.jp"
    page = client.get(reverse("forms:fill", args=[submission.pk, "organiser"])).content.decode()
    assert f'value="{org.name}"' in page
    assert "登録されている事業者情報から入力しました。内容を確認してください。" in page
    assert 'aria-describedby="f-organiser_name-prefill"' in page
    assert "1 ステップ目" in page or "1ステップ目" in page


def test_errors_name_the_field_and_keep_what_was_typed(
    client: Client, procedure: Any, business: Any
) -> None:
    client.force_login(business)
    submission = start(client, procedure)
    bad = {
        **EVENT_PAGE,
        "expected_attendance": "たくさん",
        "start_date": "2026-02-30",
        "event_name": "",
    }
    response = fill_page(client, submission, "event", bad)
    assert response.status_code == 400
    page = response.content.decode()
    assert "「見込み参加者数（人）」は数値（半角または全角の数字）で入力してください。" in page
    assert "「開始日」は正しい日付（例: 2026-04-01）で入力してください。" in page
    assert "「行事の名称」を入力してください。" in page
    assert 'value="たくさん"' in page  # nothing typed is lost
    assert 'value="市民会館"' in page
    submission.refresh_from_db()
    assert submission.data["expected_attendance"] == "たくさん"
    assert submission.data["expenses"][0] == {"item": "会場費", "amount": 120000}


def test_condition_shows_fee_only_when_charged(
    client: Client, procedure: Any, business: Any
) -> None:
    client.force_login(business)
    submission = start(client, procedure)
    response = fill_page(client, submission, "event", {**EVENT_PAGE, "admission_fee": "yes"})
    assert response.status_code == 400
    assert "「参加費（1人あたり）」を入力してください。" in response.content.decode()
    # The htmx refresh shows the fee field as soon as "yes" is chosen, without saving.
    refresh = client.post(
        reverse("forms:refresh", args=[submission.pk, "event"]),
        {**EVENT_PAGE, "admission_fee": "yes"},
        headers={"HX-Request": "true"},
    )
    assert 'name="fee_amount"' in refresh.content.decode()
    refresh = client.post(reverse("forms:refresh", args=[submission.pk, "event"]), EVENT_PAGE)
    assert 'name="fee_amount"' not in refresh.content.decode()


def test_draft_resumes_on_another_device(client: Client, procedure: Any, business: Any) -> None:
    client.force_login(business)
    submission = start(client, procedure)
    response = client.post(
        reverse("forms:fill", args=[submission.pk, "event"]),
        {"_action": "save", "_fields": ["event_name"], "event_name": "途中まで"},
    )
    assert response.status_code == 302
    other_device = Client()
    other_device.force_login(business)
    detail = other_device.get(reverse("forms:procedure", args=[procedure.slug])).content.decode()
    assert "下書きの続きを入力する" in detail
    page = other_device.get(reverse("forms:fill", args=[submission.pk, "event"])).content.decode()
    assert 'value="途中まで"' in page


def test_postal_code_and_corporate_number_fill_in(
    client: Client, procedure: Any, business: Any
) -> None:
    corporation = CorporationFactory(
        name="株式会社フォーラム企画",
        prefecture_name="大阪府",
        city_name="大阪市北区",
        street_number="梅田1-1",
        post_code="5300001",
    )
    client.force_login(business)
    submission = start(client, procedure)
    response = client.post(
        reverse("forms:fill", args=[submission.pk, "organiser"]),
        {
            "_action": "lookup:organiser_number",
            "_fields": ["organiser_number", "organiser_name"],
            "organiser_number": corporation.corporate_number,
            "organiser_name": "",
        },
    )
    page = response.content.decode()
    assert "法人情報を入力しました: 株式会社フォーラム企画" in page
    submission.refresh_from_db()
    assert submission.data["organiser_name"] == "株式会社フォーラム企画"
    assert submission.data["organiser_address"] == "大阪府大阪市北区梅田1-1"
    refresh = client.post(
        reverse("forms:refresh", args=[submission.pk, "event"]),
        {
            **EVENT_PAGE,
            "venue_postal_code": "〒100-0001",
            "venue_address": "",
            "_action": "lookup:venue_postal_code",
        },
    )
    assert 'value="東京都千代田区千代田"' in refresh.content.decode()


def test_wrong_corporate_number_check_digit(client: Client, procedure: Any, business: Any) -> None:
    client.force_login(business)
    submission = start(client, procedure)
    response = fill_page(
        client,
        submission,
        "organiser",
        {"_fields": ["organiser_number"], "organiser_number": "1234567890123"},
    )
    assert response.status_code == 400
    assert "チェックディジット" in response.content.decode()


def test_file_type_and_size_are_checked(client: Client, procedure: Any, business: Any) -> None:
    client.force_login(business)
    submission = start(client, procedure)
    response = fill_page(
        client,
        submission,
        "history",
        {"_fields": ["plan_document"], "plan_document": SimpleUploadedFile("a.exe", b"MZ")},
    )
    assert "「開催要項・企画書」に .exe ファイルは添付できません" in response.content.decode()
    big = pdf_upload(size=10 * 1024 * 1024 + 1)
    response = fill_page(
        client, submission, "history", {"_fields": ["plan_document"], "plan_document": big}
    )
    assert "ファイルが大きすぎます（10MBまで" in response.content.decode()


def test_submit_gives_reference_email_and_pdf(
    client: Client,
    procedure: Any,
    business: Any,
    reviewers: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client.force_login(business)
    submission = start(client, procedure)
    complete(client, submission)
    check = client.get(reverse("forms:check", args=[submission.pk])).content.decode()
    assert "中小企業DXフォーラム2026" in check
    assert "200,000円" in check  # the computed total of the expense table
    assert "参加費（1人あたり）" not in check  # hidden by the condition
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("forms:check", args=[submission.pk]))
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.reference.startswith("KOU-")
    receipt = client.get(response["Location"]).content.decode()
    assert submission.reference in receipt
    assert "申請を受け付けました" in receipt
    to_applicant = [m for m in mail.outbox if "prime@example.jp" in m.to]
    assert to_applicant and submission.reference in to_applicant[0].subject
    staff_notice = [m for m in mail.outbox if "first@city.example.jp" in m.to]
    assert staff_notice, "the first step's group is told"
    assert submission.pdf.name.endswith(".pdf")
    pdf = client.get(reverse("forms:pdf", args=[submission.pk]))
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    # Pinned: publishing a new version later leaves this submission on version 1.
    assert submission.form_version.number == 1
    assert "fee_amount" not in submission.data


def test_submit_with_missing_answers_lists_them(
    client: Client, procedure: Any, business: Any
) -> None:
    client.force_login(business)
    submission = start(client, procedure)
    response = client.post(reverse("forms:check", args=[submission.pk]))
    assert response.status_code == 400
    page = response.content.decode()
    assert "「行事の名称」を入力してください。" in page
    assert "「開催要項・企画書」のファイルを添付してください。" in page
    assert reverse("forms:fill", args=[submission.pk, "event"]) + "#f-event_name" in page


def test_guest_procedure(client: Client, builder_user: Any, groups: Any) -> None:
    from madoguchi.forms.documents import change_notice_document
    from tests.forms.conftest import publish_procedure

    procedure = publish_procedure(
        builder_user, groups, change_notice_document(), slug="henko", audience=["guest"]
    )
    submission = start(client, procedure)
    assert submission.applicant is None and submission.guest_session
    assert client.get(reverse("forms:fill", args=[submission.pk, "business"])).status_code == 200
    stranger = Client()
    assert stranger.get(reverse("forms:fill", args=[submission.pk, "business"])).status_code == 404


def test_member_without_the_service_is_refused(
    client: Client, procedure: Any, business: Any
) -> None:
    member = make_business(
        "member@example.jp", account_type=3, organisation=business.organisation, services=[]
    )
    client.force_login(member)
    response = client.post(reverse("forms:start", args=[procedure.slug]), follow=True)
    assert "「各種手続き」の利用が許可されていません" in response.content.decode()
    assert not Submission.objects.exists()
