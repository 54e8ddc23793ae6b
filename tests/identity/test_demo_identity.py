"""The identity demo: published logins work (with the published TOTP secret), loading twice is a no-op."""

import pytest

from madoguchi.identity import demo
from madoguchi.identity.enums import AccountType, VerificationStatus
from madoguchi.identity.models import Mandate, User, VerificationRequest
from madoguchi.identity.selectors import acting_for
from tests.identity.conftest import totp_now
from tests.registry.factories import CorporationFactory

pytestmark = pytest.mark.django_db


def test_demo_accounts_and_published_totp(client, django_user_model) -> None:  # type: ignore[no-untyped-def]
    CorporationFactory.create_batch(3)
    django_user_model.objects.create_user(
        username="staff",
        email="staff@madoguchi.example",
        password="madoguchi-demo-2026",
        is_staff=True,
        is_superuser=True,
    )
    lines = list(demo.load())
    assert "prime@madoguchi.example" in lines[-1]
    list(demo.load())  # idempotent
    assert User.objects.filter(email=demo.PRIME_EMAIL).count() == 1
    prime = User.objects.get(email=demo.PRIME_EMAIL)
    member = User.objects.get(email=demo.MEMBER_EMAIL)
    assert prime.is_prime and prime.organisation.is_verified
    assert member.account_type == AccountType.MEMBER and member.organisation == prime.organisation
    assert VerificationRequest.objects.filter(status=VerificationStatus.SUBMITTED).count() == 1
    mandate = Mandate.objects.get()
    agent = User.objects.get(email=demo.AGENT_EMAIL)
    assert acting_for(agent, prime.organisation, "grants") == mandate

    # the staff login is now by e-mail, with the published TOTP secret
    response = client.post(
        "/accounts/login/", {"login": "staff@madoguchi.example", "password": demo.DEMO_PASSWORD}
    )
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    response = client.post(
        "/accounts/2fa/authenticate/", {"code": totp_now(demo.STAFF_TOTP_SECRET)}
    )
    assert response.status_code == 302
    assert client.get("/staff/identity/review/").status_code == 200

    # the Prime with a published recovery code
    client.logout()
    client.post("/accounts/login/", {"login": demo.PRIME_EMAIL, "password": demo.DEMO_PASSWORD})
    response = client.post("/accounts/2fa/authenticate/", {"code": demo.PRIME_RECOVERY_CODES[0]})
    assert response.status_code == 302
    assert client.get("/identity/members/").status_code == 200


def test_staff_without_mfa_must_set_it_up(client, django_user_model) -> None:  # type: ignore[no-untyped-def]
    from allauth.account.models import EmailAddress

    staff = django_user_model.objects.create_user(
        username="clerk",
        email="clerk@madoguchi.example",
        password="kumo-no-ue-de-2026",
        is_staff=True,
    )
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    client.post("/accounts/login/", {"login": staff.email, "password": "kumo-no-ue-de-2026"})
    assert client.get("/staff/")["Location"] == "/identity/mfa-required/"
    # the admin's own login page is allauth's
    client.logout()
    assert client.get("/admin/login/")["Location"].startswith("/accounts/login/")
