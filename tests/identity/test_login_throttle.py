"""Failed password logins slow down with growing delays; a stranger can never keep the owner out.

The policy and its numbers: docs/login-throttling.md (identity.throttle.RULES).
"""

import hashlib
import json
import re
import secrets
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from madoguchi.core.models import AuditEvent
from madoguchi.identity import throttle
from madoguchi.identity.throttle import ADDRESS, ADDRESS_SOURCE, NETWORK
from tests.identity.conftest import PASSWORD, make_prime, make_user, totp_now, with_totp
from tests.test_cache import redis_reachable

pytestmark = pytest.mark.django_db

OWNER_IP = "198.51.100.10"
WRONG = "wrong-password-123"
THROTTLED = "ログインの失敗が続いたため"


class Clock:
    """Moves ``time.time`` forward (the cache's expiry and the throttle's slots read it)."""

    def __init__(self) -> None:
        self.offset = 0.0

    def advance(self, seconds: float) -> None:
        self.offset += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    real = time.time
    clock = Clock()
    monkeypatch.setattr(time, "time", lambda: real() + clock.offset)
    yield clock


def attempt(client: Client, email: str, password: str = WRONG, ip: str = OWNER_IP):  # type: ignore[no-untyped-def]
    return client.post("/accounts/login/", {"login": email, "password": password}, REMOTE_ADDR=ip)


def throttled(response) -> bool:  # type: ignore[no-untyped-def]
    return THROTTLED in response.content.decode()


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def log_out(client: Client) -> None:
    """Like a user: the logout page (Client.logout() would also drop every cookie)."""
    client.post("/accounts/logout/")
    assert not logged_in(client)


def trusted_browser(email: str, ip: str = OWNER_IP) -> Client:
    """The owner's usual browser: it logged in once and keeps the device cookie."""
    browser = Client()
    assert attempt(browser, email, PASSWORD, ip).status_code == 302
    assert throttle.DEVICE_COOKIE in browser.cookies
    log_out(browser)
    return browser


def test_the_rules_double_the_wait_after_the_free_failures() -> None:
    assert [ADDRESS_SOURCE.wait_after(n) for n in range(1, 13)] == [
        *[0] * 4,
        30,
        60,
        120,
        240,
        480,
        900,
        900,
        900,
    ]
    assert [ADDRESS.wait_after(n) for n in (19, 20, 23, 24)] == [0, 60, 480, 900]
    assert [NETWORK.wait_after(n) for n in (49, 50, 56, 57)] == [0, 10, 640, 900]
    assert ADDRESS_SOURCE.wait_after(10_000) == 15 * 60


def test_same_address_and_source_waits_longer_after_each_failure(client, clock) -> None:  # type: ignore[no-untyped-def]
    make_user("owner@example.jp")
    for email in ("owner@example.jp", "nobody@example.jp"):  # known or not: the same answers
        for _ in range(ADDRESS_SOURCE.free):
            response = attempt(client, email)
            assert response.status_code == 200 and not throttled(response)
        # the next try waits 30 s, right password or not, and the password is not even checked
        response = attempt(client, email, PASSWORD)
        assert throttled(response)
        assert "30 秒後にもう一度お試しください" in response.content.decode()
        assert not logged_in(client)
        clock.advance(31)
        assert not throttled(attempt(client, email))  # the 6th failure: now 1 minute
        response = attempt(client, email)
        assert throttled(response) and "1 分後" in response.content.decode()
        clock.advance(30)
        assert "30 秒後" in attempt(client, email).content.decode()
        clock.advance(31)
        assert not throttled(attempt(client, email))  # the 7th failure: now 2 minutes
        assert "2 分後" in attempt(client, email).content.decode()
    failed = AuditEvent.objects.filter(action="identity.login_failed")
    assert failed.count() == 2 * (ADDRESS_SOURCE.free + 2)
    refused = AuditEvent.objects.filter(action="identity.login_throttled")
    assert refused.count() == 8
    assert {event.data["rule"] for event in refused} == {"address_source"}
    assert refused.filter(data__known_account=False).count() == 4


def test_a_refused_attempt_is_not_a_failure_and_a_success_starts_afresh(client, clock) -> None:  # type: ignore[no-untyped-def]
    make_user("owner@example.jp")
    for _ in range(ADDRESS_SOURCE.free):
        attempt(client, "owner@example.jp")
    for _ in range(10):  # impatient clicking does not make the wait longer
        assert throttled(attempt(client, "owner@example.jp"))
    clock.advance(31)
    assert attempt(client, "owner@example.jp", PASSWORD).status_code == 302
    log_out(client)
    for _ in range(ADDRESS_SOURCE.free):  # five free failures again
        assert not throttled(attempt(client, "owner@example.jp"))


def test_a_stranger_failing_from_everywhere_cannot_keep_the_owner_out(client, clock) -> None:  # type: ignore[no-untyped-def]
    make_user("owner@example.jp")
    browser = trusted_browser("owner@example.jp")
    # the stranger fails from many networks, a few times each, until every unknown source waits
    for i in range(ADDRESS.free + 5):
        attempt(client, "owner@example.jp", ip=f"203.0.113.{i % 10}")
    assert throttled(attempt(client, "owner@example.jp", PASSWORD, ip="192.0.2.77"))
    assert throttled(attempt(Client(), "owner@example.jp", PASSWORD, ip=OWNER_IP))
    assert AuditEvent.objects.filter(
        action="identity.login_throttled", data__rule="address"
    ).exists()

    # the owner's usual browser is counted on its own: straight in, even from the attacked network
    response = attempt(browser, "owner@example.jp", PASSWORD, ip="203.0.113.1")
    assert response.status_code == 302 and logged_in(browser)
    # … and its own typing mistakes slow down only itself
    log_out(browser)
    for _ in range(ADDRESS_SOURCE.free):
        attempt(browser, "owner@example.jp")
    assert throttled(attempt(browser, "owner@example.jp", PASSWORD))


def test_the_owner_on_a_new_device_signs_in_with_an_emailed_code_while_throttled(  # type: ignore[no-untyped-def]
    client, django_capture_on_commit_callbacks
) -> None:
    owner = make_user("owner@example.jp")
    for i in range(ADDRESS.free + 1):
        attempt(Client(), "owner@example.jp", ip=f"203.0.113.{i}")
    assert throttled(attempt(client, "owner@example.jp", PASSWORD))

    login_page = client.get("/accounts/login/").content.decode()
    assert "メールでログインコードを受け取る" in login_page
    assert client.get("/accounts/login/code/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):  # e-mails leave after the commit
        response = client.post("/accounts/login/code/", {"email": "owner@example.jp"})
    assert response.status_code == 302
    code = re.search(r"^\s*([A-Z0-9]{4,}-?[A-Z0-9]*)\s*$", mail.outbox[-1].body, re.M)
    assert code is not None, mail.outbox[-1].body
    response = client.post(response["Location"], {"code": code.group(1)})
    assert response.status_code == 302
    assert logged_in(client) and client.session["_auth_user_id"] == str(owner.pk)
    assert throttle.DEVICE_COOKIE in client.cookies  # and this browser is trusted from now on
    log_out(client)
    assert attempt(client, "owner@example.jp", PASSWORD).status_code == 302


def test_an_emailed_code_does_not_skip_the_second_factor(  # type: ignore[no-untyped-def]
    client, django_capture_on_commit_callbacks
) -> None:
    prime = make_prime()
    secret = with_totp(prime)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/login/code/", {"email": prime.email})
    code = re.search(r"^\s*([A-Z0-9]{4,}-?[A-Z0-9]*)\s*$", mail.outbox[-1].body, re.M)
    assert code is not None
    response = client.post(response["Location"], {"code": code.group(1)})
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    assert not logged_in(client)
    assert client.get("/identity/members/").status_code == 302
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_now(secret)})
    assert response.status_code == 302
    assert logged_in(client)
    assert client.get("/identity/members/").status_code == 200


def test_one_network_failing_over_many_addresses_slows_down(client, clock) -> None:  # type: ignore[no-untyped-def]
    make_user("owner@example.jp")
    for i in range(NETWORK.free):
        if i and i % 25 == 0:
            clock.advance(61)  # allauth's "login" rate limit: 30 POSTs a minute per IP
        assert not throttled(attempt(client, f"guess{i}@example.jp", ip="203.0.113.50"))
    response = attempt(client, "owner@example.jp", PASSWORD, ip="203.0.113.50")
    assert throttled(response) and "10 秒後" in response.content.decode()
    # another network is not affected
    assert attempt(Client(), "owner@example.jp", PASSWORD, ip="192.0.2.1").status_code == 302


def test_ipv6_sources_count_by_their_64_network(client) -> None:  # type: ignore[no-untyped-def]
    for i in range(ADDRESS_SOURCE.free):
        attempt(client, "owner@example.jp", ip=f"2001:db8:1:2::{i + 1:x}")
    assert throttled(attempt(client, "owner@example.jp", ip="2001:db8:1:2:ffff::1"))
    assert not throttled(attempt(client, "owner@example.jp", ip="2001:db8:1:3::1"))
    assert throttle.network_of("::ffff:192.0.2.1") == "192.0.2.1"


def test_the_device_cookie_is_signed_and_names_no_address(client) -> None:  # type: ignore[no-untyped-def]
    make_user("owner@example.jp")
    browser = trusted_browser("owner@example.jp")
    cookie = browser.cookies[throttle.DEVICE_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert "owner" not in cookie.value
    # a forged or foreign cookie makes a browser no more trusted than any other
    for _ in range(ADDRESS_SOURCE.free):
        attempt(client, "owner@example.jp")
    client.cookies[throttle.DEVICE_COOKIE] = cookie.value[:-4] + "AAAA"
    assert throttled(attempt(client, "owner@example.jp", PASSWORD))
    make_user("stranger@example.jp")  # a browser trusted for another address is a stranger here
    stranger = trusted_browser("stranger@example.jp")
    client.cookies[throttle.DEVICE_COOKIE] = stranger.cookies[throttle.DEVICE_COOKIE].value
    assert throttled(attempt(client, "owner@example.jp", PASSWORD))
    # the real one works
    assert attempt(browser, "owner@example.jp", PASSWORD).status_code == 302


def test_reentering_the_password_in_a_session_is_not_held_back_by_strangers(client) -> None:  # type: ignore[no-untyped-def]
    make_user("owner@example.jp")
    assert attempt(client, "owner@example.jp", PASSWORD, ip="192.0.2.9").status_code == 302
    client.cookies.pop(throttle.DEVICE_COOKIE)  # trust comes from the session here
    for i in range(ADDRESS.free + 1):
        attempt(Client(), "owner@example.jp", ip=f"203.0.113.{i}")
    response = client.post(
        "/accounts/reauthenticate/", {"password": PASSWORD}, REMOTE_ADDR="192.0.2.9"
    )
    assert response.status_code == 302


class SoftPasskey:
    """A software authenticator: an ES256 key pair that answers WebAuthn like a phone would.

    The credential is stored directly (registration is not what these tests are about); the login
    goes through allauth's passkey endpoint and fido2's verification of challenge, origin, RP id
    hash, user verification flag and signature.
    """

    origin = "http://testserver"

    def __init__(self, user: Any) -> None:
        from allauth.account.utils import user_pk_to_url_str
        from cryptography.hazmat.primitives.asymmetric import ec

        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = secrets.token_bytes(16)
        self.user_handle = user_pk_to_url_str(user).encode()
        self.rp_id_hash = hashlib.sha256(b"testserver").digest()
        self.user = user

    def register(self) -> None:
        from allauth.mfa.webauthn.internal.auth import WebAuthn
        from fido2.cose import ES256
        from fido2.webauthn import (
            AttestationObject,
            AttestedCredentialData,
            AuthenticationExtensionsClientOutputs,
            AuthenticatorAttestationResponse,
            AuthenticatorData,
            CollectedClientData,
            RegistrationResponse,
        )

        flags = AuthenticatorData.FLAG
        credential = AttestedCredentialData.create(
            bytes(16), self.credential_id, ES256.from_cryptography_key(self.key.public_key())
        )
        registration = RegistrationResponse(
            raw_id=self.credential_id,
            response=AuthenticatorAttestationResponse(
                client_data=CollectedClientData.create(
                    "webauthn.create", secrets.token_bytes(32), self.origin
                ),
                attestation_object=AttestationObject.create(
                    "none",
                    AuthenticatorData.create(
                        self.rp_id_hash, flags.UP | flags.UV | flags.AT, 0, credential
                    ),
                    {},
                ),
            ),
            client_extension_results=AuthenticationExtensionsClientOutputs(
                {"credProps": {"rk": True}}
            ),
        )
        WebAuthn.add(self.user, "テスト用パスキー", dict(registration))

    def sign_in(self, client: Client) -> Any:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec
        from fido2.utils import websafe_decode
        from fido2.webauthn import (
            AuthenticationResponse,
            AuthenticatorAssertionResponse,
            AuthenticatorData,
            CollectedClientData,
        )

        options = client.get(
            "/accounts/2fa/webauthn/login/", HTTP_X_REQUESTED_WITH="XMLHttpRequest"
        ).json()["request_options"]["publicKey"]
        client_data = CollectedClientData.create(
            "webauthn.get", websafe_decode(options["challenge"]), self.origin
        )
        flags = AuthenticatorData.FLAG
        authenticator_data = AuthenticatorData.create(self.rp_id_hash, flags.UP | flags.UV, 1)
        signature = self.key.sign(authenticator_data + client_data.hash, ec.ECDSA(hashes.SHA256()))
        assertion = AuthenticationResponse(
            raw_id=self.credential_id,
            response=AuthenticatorAssertionResponse(
                client_data=client_data,
                authenticator_data=authenticator_data,
                signature=signature,
                user_handle=self.user_handle,
            ),
        )
        return client.post(
            "/accounts/2fa/webauthn/login/", {"credential": json.dumps(dict(assertion))}
        )


def test_the_owner_signs_in_with_a_passkey_while_password_attempts_wait(client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # the test server speaks http
    prime = make_prime()
    passkey = SoftPasskey(prime)
    passkey.register()
    for i in range(ADDRESS.free + 1):
        attempt(Client(), prime.email, ip=f"203.0.113.{i}")
    assert throttled(attempt(client, prime.email, PASSWORD))

    response = passkey.sign_in(client)
    assert response.status_code == 302, response.content.decode()[:500]
    assert logged_in(client) and client.session["_auth_user_id"] == str(prime.pk)
    # a passkey is both factors: a Prime is fully in, no authenticator-app step
    assert client.get("/identity/members/").status_code == 200
    assert throttle.DEVICE_COOKIE in client.cookies

    # a forged assertion (another key claiming the same credential) gets nowhere
    log_out(client)
    impostor = SoftPasskey(prime)
    impostor.credential_id = passkey.credential_id
    impostor.sign_in(client)
    assert not logged_in(client)


REDIS_URL = "redis://127.0.0.1:6379/15"
RACE_SCRIPT = """
import sys, time
import django
django.setup()
from django.test import RequestFactory
from madoguchi.identity import throttle

address, start = sys.argv[1], float(sys.argv[2])
request = RequestFactory().post("/accounts/login/")
request.user = None
from django.core.cache import cache
cache.get("warm-up")  # connected before the start, so the three really race
while time.time() < start:
    time.sleep(0.001)
allowed = 0
for _ in range(20):
    try:
        throttle.attempt_begin(request, address, "203.0.113.99")
        allowed += 1
    except throttle.Throttled:
        pass
print(allowed)
"""


@pytest.mark.skipif(not redis_reachable(), reason="Redis（127.0.0.1:6379）に接続できません")
def test_parallel_processes_sharing_redis_get_no_more_tries_than_one(tmp_path) -> None:
    """Three app-server processes, sixty simultaneous attempts: the five free ones, no more."""
    import os
    import subprocess
    import sys
    import uuid

    address = f"race-{uuid.uuid4().hex}@example.jp"
    start = time.time() + 4
    env = {
        **os.environ,
        "CACHE_URL": REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "madoguchi.config.settings",
    }
    env.pop("DATABASE_URL", None)
    env["MADOGUCHI_VAR_DIR"] = str(tmp_path)
    workers = [
        subprocess.Popen(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", RACE_SCRIPT, address, str(start)],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    allowed = [int(worker.communicate(timeout=120)[0].strip()) for worker in workers]
    # Never more than the free attempts. Fewer only when the machine is so loaded that an attempt
    # waits longer than LOCK_WAIT for its scope's lock: it is then refused (fail closed), which the
    # single-process tests above show does not happen to an owner trying at human speed.
    assert 1 <= sum(allowed) <= ADDRESS_SOURCE.free, allowed
