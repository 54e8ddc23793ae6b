"""Entry sign-up, e-mail verification, Argon2id hashing, password rules, MFA enforcement.

Throttling of failed logins: test_login_throttle.py."""

import re

import pytest
from django.core import mail

from madoguchi.core.models import AuditEvent
from madoguchi.identity.enums import AccountType
from madoguchi.identity.models import User
from tests.identity.conftest import PASSWORD, login, make_prime, make_user, totp_now, with_totp
from tests.registry.factories import CorporationFactory

pytestmark = pytest.mark.django_db


def signup(client, **overrides):  # type: ignore[no-untyped-def]
    data = {
        "email": "entry@example.jp",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "last_name": "窓口",
        "first_name": "花子",
        "corp_type": "1",
        "corporate_number": "",
        "organisation_name": "窓口商事",
    }
    data.update(overrides)
    return client.post("/accounts/signup/", data)


def test_entry_signup_verifies_email_and_creates_unverified_organisation(
    client, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    corporation = CorporationFactory()
    with django_capture_on_commit_callbacks(execute=True):  # e-mails leave after the commit
        response = signup(client, corporate_number=corporation.corporate_number)
    assert response.status_code == 302
    user = User.objects.get(email="entry@example.jp")
    assert user.username == "entry@example.jp"
    assert user.account_type == AccountType.ENTRY
    assert user.organisation.corporate_number == corporation.corporate_number
    assert not user.organisation.is_verified
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert AuditEvent.objects.filter(action="identity.signup", actor=user).exists()

    # mandatory verification: no login before the link is followed
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        response = login(client, "entry@example.jp")
    assert response.status_code == 302 and "confirm-email" in response["Location"]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body)
    assert link is not None
    assert link.group(0).startswith(settings.SITE_URL + "/")  # never from the Host header
    path = link.group(0).removeprefix(settings.SITE_URL)
    assert client.post(path).status_code == 302
    response = login(client, "entry@example.jp")
    assert response.status_code == 302
    assert client.get("/identity/").status_code == 200


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("1234567890123", "チェックディジット"),
        ("7000012050002", "見つかりません"),
    ],
)
def test_signup_refuses_bad_or_unknown_corporate_number(client, number, message) -> None:  # type: ignore[no-untyped-def]
    response = signup(client, corporate_number=number)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(email="entry@example.jp").exists()


def test_signup_refuses_closed_corporation_with_reason(client) -> None:  # type: ignore[no-untyped-def]
    import datetime

    corporation = CorporationFactory(close_date=datetime.date(2023, 3, 31), close_cause="01")
    response = signup(client, corporate_number=corporation.corporate_number)
    assert "2023年03月31日に登記記録が閉鎖されている" in response.content.decode()
    # what was typed is kept
    assert 'value="窓口商事"' in response.content.decode()


@pytest.mark.parametrize("password", ["password1234", "sakura2026!!", "madoguchi-2026"])
def test_common_breached_and_guessable_passwords_are_refused(client, password) -> None:  # type: ignore[no-untyped-def]
    response = signup(client, password1=password, password2=password, corp_type="2")
    assert response.status_code == 200
    assert not User.objects.filter(email="entry@example.jp").exists()


def test_sole_proprietor_signs_up_without_number(client) -> None:  # type: ignore[no-untyped-def]
    assert signup(client, corp_type="2", organisation_name="花子商店").status_code == 302
    assert User.objects.get(email="entry@example.jp").organisation.corporate_number is None


def test_prime_without_mfa_is_sent_to_setup_after_login(client) -> None:  # type: ignore[no-untyped-def]
    make_prime()
    login(client, "prime@example.jp")
    response = client.get("/identity/members/")
    assert response.status_code == 302 and response["Location"] == "/identity/mfa-required/"
    assert client.get("/identity/mfa-required/").status_code == 200
    # changing MFA asks for the password again first (allauth's reauthentication)
    response = client.get("/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/accounts/reauthenticate/")
    client.post(response["Location"], {"password": PASSWORD})
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 200
    secret = response.context["form"].secret
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_now(secret)})
    assert response.status_code == 302
    assert client.get("/identity/members/").status_code == 200


def test_prime_with_totp_logs_in_with_second_factor(client) -> None:  # type: ignore[no-untyped-def]
    prime = make_prime()
    secret = with_totp(prime)
    response = login(client, prime.email)
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200  # wrong code: stays
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_now(secret)})
    assert response.status_code == 302
    assert client.get("/identity/members/").status_code == 200
    assert AuditEvent.objects.filter(action="identity.login", actor=prime).exists()
    assert AuditEvent.objects.filter(action="identity.mfa_failed", actor=prime).exists()


def test_entry_user_needs_no_mfa(client) -> None:  # type: ignore[no-untyped-def]
    make_user("entry2@example.jp")
    login(client, "entry2@example.jp")
    assert client.get("/identity/").status_code == 200


def test_failed_login_message_is_the_same_for_unknown_and_known_accounts(client) -> None:  # type: ignore[no-untyped-def]
    make_user("known@example.jp")
    known = login(client, "known@example.jp", "wrong-password-123").content.decode()
    unknown = login(client, "nobody@example.jp", "wrong-password-123").content.decode()
    pattern = re.compile(r'<div class="error-summary".*?</div>', re.S)
    assert pattern.search(known).group(0) == pattern.search(unknown).group(0)  # type: ignore[union-attr]


def test_password_reset_by_email(client, settings, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    settings.SITE_URL = "https://madoguchi.example.jp"
    make_user("forgot@example.jp")
    with django_capture_on_commit_callbacks(execute=True):
        # the link comes from SITE_URL, whatever Host the request named
        client.post(
            "/accounts/password/reset/", {"email": "forgot@example.jp"}, HTTP_HOST="localhost"
        )
    body = mail.outbox[-1].body
    link = re.search(r"https://madoguchi\.example\.jp(/accounts/password/reset/key/\S+/)", body)
    assert link is not None, body
    assert "localhost" not in body
    response = client.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link.group(1)
    new = "aozora-to-umi-2027"
    response = client.post(form_url, {"password1": new, "password2": new})
    assert response.status_code == 302
    assert login(client, "forgot@example.jp", new).status_code == 302
