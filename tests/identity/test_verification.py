"""Prime application → identity reviewer's decision; proof file checks; representative change."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from madoguchi.core.models import AuditEvent
from madoguchi.identity.enums import AccountType, VerificationKind, VerificationStatus
from madoguchi.identity.errors import IdentityError, IdentityErrorCode
from madoguchi.identity.models import VerificationRequest
from madoguchi.identity.proofs import MAX_PROOF_BYTES, proof_content_type
from madoguchi.identity.services.verification import (
    verification_request_approve,
    verification_request_reject,
)
from tests.identity.conftest import (
    make_member,
    make_org,
    make_prime,
    make_reviewer,
    make_user,
    pdf_proof,
)
from tests.registry.factories import CorporationFactory

pytestmark = pytest.mark.django_db


def form_data(number: str, **overrides):  # type: ignore[no-untyped-def]
    data = {
        "corp_type": "1",
        "corporate_number": number,
        "organisation_name": "",
        "rep_last_name": "窓口",
        "rep_first_name": "太郎",
        "rep_last_name_kana": "マドグチ",
        "rep_first_name_kana": "タロウ",
        "rep_birthday": "1970-04-01",
        "phone": "03-0000-0000",
        "proof": pdf_proof(),
    }
    data.update(overrides)
    return data


@pytest.fixture
def entry(client):  # type: ignore[no-untyped-def]
    from madoguchi.identity.enums import CorpType
    from madoguchi.identity.models import Organisation

    org = Organisation.objects.create(corp_type=CorpType.SOLE_PROPRIETOR, name="自己申告")
    user = make_user("entry@example.jp", organisation=org, account_type=AccountType.ENTRY)
    client.force_login(user)
    return user


def test_upgrade_application_approved_verifies_organisation(
    client, entry, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    corporation = CorporationFactory()
    response = client.post("/identity/prime/apply/", form_data(corporation.corporate_number))
    assert response.status_code == 302
    application = VerificationRequest.objects.get()
    assert application.kind == VerificationKind.UPGRADE
    assert application.organisation_name == corporation.name
    assert application.proof_content_type == "application/pdf"

    reviewer = make_reviewer()
    client.force_login(reviewer)
    page = client.get(f"/staff/identity/review/{application.pk}/")
    assert page.status_code == 200
    assert "登録情報と一致" in page.content.decode()
    assert client.get(f"/staff/identity/review/{application.pk}/proof/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/staff/identity/review/{application.pk}/", {"action": "approve"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.account_type == AccountType.PRIME
    assert entry.organisation.is_verified
    assert entry.organisation.corporate_number == corporation.corporate_number
    assert entry.organisation.name == corporation.name
    assert entry.organisation.rep_last_name == "窓口"
    assert "承認されました" in mail.outbox[-1].subject
    assert AuditEvent.objects.filter(
        action="identity.verification_approved", organisation_id=str(entry.organisation_id)
    ).exists()


def test_rejection_reason_reaches_the_applicant(
    client, entry, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    corporation = CorporationFactory()
    client.post("/identity/prime/apply/", form_data(corporation.corporate_number))
    application = VerificationRequest.objects.get()
    client.force_login(make_reviewer())
    response = client.post(
        f"/staff/identity/review/{application.pk}/", {"action": "reject", "reason": ""}
    )
    assert "却下の理由" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/staff/identity/review/{application.pk}/",
            {"action": "reject", "reason": "印鑑証明書の代表者名が申請と異なります。"},
        )
    application.refresh_from_db()
    assert application.status == VerificationStatus.REJECTED
    assert "印鑑証明書の代表者名が申請と異なります。" in mail.outbox[-1].body
    client.force_login(entry)
    page = client.get("/identity/prime/applications/").content.decode()
    assert "印鑑証明書の代表者名が申請と異なります。" in page
    entry.refresh_from_db()
    assert entry.account_type == AccountType.ENTRY


def test_closed_corporation_refused_with_reason_and_input_kept(client, entry) -> None:  # type: ignore[no-untyped-def]
    corporation = CorporationFactory(close_date=datetime.date(2022, 1, 5), close_cause="01")
    response = client.post("/identity/prime/apply/", form_data(corporation.corporate_number))
    text = response.content.decode()
    assert response.status_code == 200
    assert "閉鎖されているため登録できません" in text
    assert 'value="マドグチ"' in text
    assert not VerificationRequest.objects.exists()


def test_unknown_number_refused(client, entry) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/identity/prime/apply/", form_data("7000012050002"))
    assert "登録情報に見つかりません" in response.content.decode()


def test_sole_proprietor_applies_without_number(client, entry) -> None:  # type: ignore[no-untyped-def]
    response = client.post(
        "/identity/prime/apply/",
        form_data(
            "",
            corp_type="2",
            organisation_name="窓口商店",
            prefecture_name="東京都",
            address1="千代田区",
        ),
    )
    assert response.status_code == 302
    application = VerificationRequest.objects.get()
    verification_request_approve(application=application, reviewer=make_reviewer())
    entry.refresh_from_db()
    assert entry.is_prime and entry.organisation.name == "窓口商店"
    assert entry.organisation.corporate_number is None


def test_sole_proprietor_without_address_is_told_which_field(client, entry) -> None:  # type: ignore[no-untyped-def]
    response = client.post(
        "/identity/prime/apply/", form_data("", corp_type="2", organisation_name="窓口商店")
    )
    assert (
        "個人事業主の場合は都道府県（個人事業主）を入力してください。" in response.content.decode()
    )


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (SimpleUploadedFile("a.pdf", b"MZ\x90\x00 not a pdf"), IdentityErrorCode.PROOF_TYPE),
        (SimpleUploadedFile("a.png", b"GIF89a......"), IdentityErrorCode.PROOF_TYPE),
        (
            SimpleUploadedFile("a.pdf", b"%PDF-" + b"0" * MAX_PROOF_BYTES),
            IdentityErrorCode.PROOF_SIZE,
        ),
    ],
)
def test_proof_checked_by_content_and_size(upload, code) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IdentityError) as raised:
        proof_content_type(upload)
    assert raised.value.code == code


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"%PDF-1.4", "application/pdf"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
    ],
)
def test_proof_accepts_pdf_jpeg_png(head, expected) -> None:  # type: ignore[no-untyped-def]
    assert proof_content_type(SimpleUploadedFile("x.bin", head + b"rest")) == expected


def test_wrong_proof_shown_beside_field(client, entry) -> None:  # type: ignore[no-untyped-def]
    corporation = CorporationFactory()
    data = form_data(corporation.corporate_number, proof=SimpleUploadedFile("x.pdf", b"hello"))
    response = client.post("/identity/prime/apply/", data)
    assert "PDF、JPEG、PNGのいずれか" in response.content.decode()


def test_representative_change_passes_prime_through_review(client) -> None:  # type: ignore[no-untyped-def]
    old = make_prime("old@example.jp")
    member = make_member(old)
    newcomer = make_user("new-rep@example.jp")
    client.force_login(newcomer)
    response = client.post(
        "/identity/prime/apply/",
        form_data(old.organisation.corporate_number, rep_last_name="新井"),
    )
    assert response.status_code == 302
    application = VerificationRequest.objects.get()
    assert application.kind == VerificationKind.REPRESENTATIVE_CHANGE
    assert application.organisation == old.organisation
    verification_request_approve(application=application, reviewer=make_reviewer())
    old.refresh_from_db()
    newcomer.refresh_from_db()
    member.refresh_from_db()
    assert newcomer.is_prime and newcomer.organisation == old.organisation
    assert old.account_type == AccountType.MEMBER and old.services == []
    assert member.parent == newcomer
    assert old.organisation.rep_last_name == "新井"


def test_only_identity_reviewers_decide_and_not_their_own(client, entry) -> None:  # type: ignore[no-untyped-def]
    corporation = CorporationFactory()
    client.post("/identity/prime/apply/", form_data(corporation.corporate_number))
    application = VerificationRequest.objects.get()
    other_staff = make_user("clerk@madoguchi.example", is_staff=True)
    with pytest.raises(IdentityError):
        verification_request_approve(application=application, reviewer=other_staff)
    reviewer = make_reviewer()
    verification_request_reject(application=application, reviewer=reviewer, reason="不備")
    with pytest.raises(IdentityError) as raised:
        verification_request_approve(application=application, reviewer=reviewer)
    assert raised.value.code == IdentityErrorCode.WRONG_STATE


def test_second_pending_application_refused(client, entry) -> None:  # type: ignore[no-untyped-def]
    corporation = CorporationFactory()
    client.post("/identity/prime/apply/", form_data(corporation.corporate_number))
    response = client.post("/identity/prime/apply/", form_data(corporation.corporate_number))
    assert "審査中の申請があります" in response.content.decode()


def test_unverified_entry_org_is_taken_over_by_approved_applicant(client) -> None:  # type: ignore[no-untyped-def]
    org = make_org(verified=False)
    make_user("squatter@example.jp", organisation=org, account_type=AccountType.ENTRY)
    applicant = make_user("rep@example.jp")
    client.force_login(applicant)
    client.post("/identity/prime/apply/", form_data(org.corporate_number))
    application = VerificationRequest.objects.get()
    assert application.kind == VerificationKind.NEW_PRIME
    verification_request_approve(application=application, reviewer=make_reviewer())
    applicant.refresh_from_db()
    assert applicant.organisation == org and applicant.is_prime
