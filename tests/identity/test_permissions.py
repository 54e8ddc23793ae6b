"""Object-level permissions: one organisation's Prime or Member reaches nothing of another's."""

import pytest
from django.utils import timezone

from madoguchi.core.audit import audit_record
from madoguchi.identity.enums import Service
from madoguchi.identity.models import Invitation, Mandate, VerificationRequest
from tests.identity.conftest import make_member, make_prime, make_reviewer, make_user, pdf_proof

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_businesses():  # type: ignore[no-untyped-def]
    a = make_prime("a@example.jp")
    b = make_prime("b@example.jp")
    b_member = make_member(b, "b-member@example.jp")
    invitation = Invitation.objects.create(
        organisation=b.organisation,
        invited_by=b,
        email="x@example.jp",
        token_hash="0" * 64,
        expires_at=timezone.now() + timezone.timedelta(days=1),
    )
    mandate = Mandate.objects.create(
        principal=b.organisation,
        agent=make_prime("c@example.jp").organisation,
        services=[Service.GRANTS],
        valid_from=timezone.localdate(),
        valid_until=timezone.localdate(),
        granted_by=b,
    )
    audit_record(action="identity.login", actor=b, organisation=b.organisation_id)
    return a, b, b_member, invitation, mandate


def test_prime_cannot_reach_another_organisations_objects(client, two_businesses) -> None:  # type: ignore[no-untyped-def]
    a, _, b_member, invitation, mandate = two_businesses
    client.force_login(a)
    assert client.get(f"/identity/members/{b_member.pk}/").status_code == 404
    assert (
        client.post(f"/identity/members/{b_member.pk}/", {"action": "removed"}).status_code == 404
    )
    assert client.post(f"/identity/invitations/{invitation.pk}/revoke/").status_code == 404
    assert client.post(f"/identity/mandates/{mandate.pk}/revoke/").status_code == 404
    members_page = client.get("/identity/members/").content.decode()
    assert b_member.email not in members_page and "x@example.jp" not in members_page
    audit_page = client.get("/identity/audit/").content.decode()
    assert "b@example.jp" not in audit_page
    mandate.refresh_from_db()
    b_member.refresh_from_db()
    assert mandate.revoked_at is None and b_member.account_status == "active"


def test_member_reaches_no_prime_pages_of_any_organisation(client, two_businesses) -> None:  # type: ignore[no-untyped-def]
    _, _, b_member, _, _ = two_businesses
    client.force_login(b_member)
    for url in ("/identity/members/", "/identity/mandates/", "/identity/audit/"):
        assert client.get(url).status_code == 403, url
    assert client.get(f"/identity/members/{b_member.pk}/").status_code == 403


def test_business_users_cannot_open_review_queue_or_proofs(client, two_businesses) -> None:  # type: ignore[no-untyped-def]
    a, b, *_ = two_businesses
    application = VerificationRequest.objects.create(
        kind="upgrade",
        applicant=b,
        corp_type=1,
        corporate_number=b.organisation.corporate_number,
        organisation_name="B",
        rep_last_name="B",
        rep_first_name="B",
        rep_last_name_kana="B",
        rep_first_name_kana="B",
        phone="0",
        proof=pdf_proof(),
    )
    for user in (a, b):  # the staff area does not exist for business accounts
        client.force_login(user)
        assert client.get("/staff/identity/review/").status_code == 404
        assert client.get(f"/staff/identity/review/{application.pk}/proof/").status_code == 404
        assert (
            client.post(
                f"/staff/identity/review/{application.pk}/", {"action": "approve"}
            ).status_code
            == 404
        )
    application.refresh_from_db()
    assert application.status == "submitted"
    # a user cannot withdraw someone else's application
    client.force_login(a)
    assert (
        client.post(f"/identity/prime/applications/{application.pk}/withdraw/").status_code == 404
    )
    client.force_login(make_reviewer())
    assert client.get("/staff/identity/review/").status_code == 200
    assert client.get(f"/staff/identity/review/{application.pk}/proof/").status_code == 200


def test_staff_reader_sees_all_audit_records(client, two_businesses) -> None:  # type: ignore[no-untyped-def]
    # Administrators read every business's records; an identity reviewer only works the queue.
    client.force_login(make_reviewer())
    assert client.get("/identity/audit/").status_code == 403
    client.force_login(make_user("admin@madoguchi.example", is_staff=True, is_superuser=True))
    page = client.get("/identity/audit/").content.decode()
    assert "b@example.jp" in page
