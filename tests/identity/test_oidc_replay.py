"""A replayed authorization code revokes what it was exchanged for (RFC 6749 §4.1.2)."""

import threading
from datetime import timedelta

import pytest
import requests
from django.db import connection
from django.utils import timezone
from oauth2_provider.models import (
    get_access_token_model,
    get_id_token_model,
    get_refresh_token_model,
)

from madoguchi.core.models import AuditEvent
from madoguchi.identity.oidc.models import RedeemedCode

from .test_oidc_support import (
    REDIRECT_URI,
    basic_auth,
    exchange,
    get_code,
    make_rp,
    make_user,
)


def userinfo_status(client, access_token: str) -> int:  # type: ignore[no-untyped-def]
    return client.get("/oauth/userinfo", HTTP_AUTHORIZATION=f"Bearer {access_token}").status_code


def refresh(client, refresh_token: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/oauth/token",
        {"grant_type": "refresh_token", "refresh_token": refresh_token},
        HTTP_AUTHORIZATION=basic_auth(),
    )


@pytest.mark.django_db
def test_replayed_code_revokes_the_access_and_refresh_tokens_and_their_rotations(client) -> None:  # type: ignore[no-untyped-def]
    make_rp()
    user = make_user()
    client.force_login(user)
    code, _ = get_code(client, scope="openid email offline_access")
    first = exchange(client, code).json()
    rotated = refresh(client, first["refresh_token"]).json()  # a second generation of the family
    assert userinfo_status(client, rotated["access_token"]) == 200

    # another grant of the same user at the same RP stays valid: only this code's tokens go
    other_code, _ = get_code(client, scope="openid email offline_access")
    other = exchange(client, other_code).json()

    replay = exchange(client, code)
    assert replay.status_code == 400
    assert replay.json()["error"] == "invalid_grant"
    assert userinfo_status(client, first["access_token"]) == 401
    assert userinfo_status(client, rotated["access_token"]) == 401
    assert refresh(client, rotated["refresh_token"]).json()["error"] == "invalid_grant"
    assert userinfo_status(client, other["access_token"]) == 200
    assert refresh(client, other["refresh_token"]).status_code == 200

    event = AuditEvent.objects.get(action="oidc.code_replayed")
    assert event.data["client_id"] == "test-rp"
    assert event.data["user"] == str(user.subject)
    assert event.data["tokens_revoked"] == 2  # the rotated access and refresh token still alive
    assert str(event.organisation_id) == str(user.organisation_id)


@pytest.mark.django_db
def test_replay_without_offline_access_revokes_the_access_token_and_id_token(client) -> None:  # type: ignore[no-untyped-def]
    make_rp()
    client.force_login(make_user())
    code, _ = get_code(client, scope="openid email")
    first = exchange(client, code).json()
    assert "refresh_token" not in first
    assert get_id_token_model().objects.count() == 1
    assert exchange(client, code).status_code == 400
    assert userinfo_status(client, first["access_token"]) == 401
    assert not get_access_token_model().objects.exists()
    assert not get_id_token_model().objects.exists()


@pytest.mark.django_db
def test_a_code_is_remembered_only_as_a_checksum_and_purged_after_its_tokens_expire(client) -> None:  # type: ignore[no-untyped-def]
    make_rp()
    client.force_login(make_user())
    code, _ = get_code(client, scope="openid")
    exchange(client, code)
    redeemed = RedeemedCode.objects.get()
    assert code not in {redeemed.code_checksum, redeemed.access_token_checksum}
    assert redeemed.token_family is None
    assert timedelta(minutes=59) < redeemed.keep_until - redeemed.redeemed_at <= timedelta(hours=1)
    RedeemedCode.objects.update(keep_until=timezone.now() - timedelta(seconds=1))
    code, _ = get_code(client, scope="openid offline_access")
    exchange(client, code)
    [kept] = RedeemedCode.objects.all()  # the old one is purged by the next exchange
    assert kept.token_family is not None
    assert kept.keep_until - kept.redeemed_at == timedelta(days=30)


@pytest.mark.django_db
def test_an_unknown_code_revokes_nothing(client) -> None:  # type: ignore[no-untyped-def]
    make_rp()
    client.force_login(make_user())
    code, _ = get_code(client, scope="openid offline_access")
    tokens = exchange(client, code).json()
    assert exchange(client, "never-issued").json()["error"] == "invalid_grant"
    assert userinfo_status(client, tokens["access_token"]) == 200
    assert not AuditEvent.objects.filter(action="oidc.code_replayed").exists()
    assert get_refresh_token_model().objects.filter(revoked__isnull=True).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_exchanges_racing_with_one_code_leave_no_valid_token(live_server, client) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL: the second exchange waits for the first's lock, then sees a replay."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks (SELECT … FOR UPDATE) are PostgreSQL's; SQLite has one writer")
    make_rp()
    client.force_login(make_user())
    code, _ = get_code(client, scope="openid offline_access")
    barrier = threading.Barrier(2)
    answers: list[requests.Response] = []

    def exchange_over_http() -> None:
        barrier.wait()
        answers.append(
            requests.post(
                f"{live_server.url}/oauth/token",
                data={
                    "grant_type": "authorization_code",
                    "code": code,
                    "redirect_uri": REDIRECT_URI,
                },
                headers={"Authorization": basic_auth()},
                timeout=30,
            )
        )

    threads = [threading.Thread(target=exchange_over_http) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answer.status_code for answer in answers) == [200, 400]
    [issued] = [answer.json() for answer in answers if answer.status_code == 200]
    assert userinfo_status(client, issued["access_token"]) == 401
    assert AuditEvent.objects.filter(action="oidc.code_replayed").count() == 1
