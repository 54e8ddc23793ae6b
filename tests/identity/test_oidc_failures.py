"""What the provider refuses: each failure a relying party (or an attacker) can cause."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from oauth2_provider.models import get_grant_model

from madoguchi.core.models import AuditEvent
from madoguchi.identity.oidc.models import RelyingParty

from .test_oidc_support import (
    CLIENT_SECRET,
    REDIRECT_URI,
    authorize,
    authorize_params,
    basic_auth,
    exchange,
    get_code,
    make_member,
    make_rp,
    make_user,
    pkce_pair,
    redirect_query,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def prime(client):  # type: ignore[no-untyped-def]
    user = make_user()
    client.force_login(user)
    return user


def test_wrong_redirect_uri_is_refused_on_our_own_page(client, prime) -> None:  # type: ignore[no-untyped-def]
    make_rp()
    for uri in ("https://evil.example/callback", REDIRECT_URI + "/", REDIRECT_URI + "?x=1"):
        response = client.get("/oauth/authorize", authorize_params(redirect_uri=uri))
        assert response.status_code == 400
        page = response.content.decode()
        assert "戻り先（redirect_uri）が、この連携サービスに登録されたものと一致しません" in page
        assert "evil.example" not in response.get("Location", "")


def test_unknown_client_is_refused(client, prime) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/oauth/authorize", authorize_params(client_id="nobody"))
    assert response.status_code == 400
    assert "連携サービス（client_id）が登録されていません" in response.content.decode()


def test_scope_the_client_may_not_ask_for_is_invalid_scope(client, prime) -> None:  # type: ignore[no-untyped-def]
    make_rp(scopes=["openid", "email"])
    params = authorize_params(scope="openid email mandate")
    query = redirect_query(client.get("/oauth/authorize", params))
    assert query["error"] == "invalid_scope"
    assert query["state"] == params["state"]
    assert not get_grant_model().objects.exists()
    query = redirect_query(client.get("/oauth/authorize", authorize_params(scope="openid admin")))
    assert query["error"] == "invalid_scope"


def test_code_is_single_use(client, prime) -> None:  # type: ignore[no-untyped-def]
    make_rp()
    code, _params = get_code(client)
    first = exchange(client, code)
    assert first.status_code == 200, first.content
    again = exchange(client, code)
    assert again.status_code == 400
    assert again.json()["error"] == "invalid_grant"


def test_code_expires_after_five_minutes(client, prime) -> None:  # type: ignore[no-untyped-def]
    make_rp()
    code, _params = get_code(client)
    grant = get_grant_model().objects.get(code=code)
    lifetime = grant.expires - timezone.now()
    assert timedelta(minutes=4, seconds=50) < lifetime <= timedelta(minutes=5)
    grant.expires = timezone.now() - timedelta(seconds=1)
    grant.save(update_fields=["expires"])
    response = exchange(client, code)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_redirect_uri_at_the_token_endpoint_must_match(client, prime) -> None:  # type: ignore[no-untyped-def]
    make_rp()
    code, _params = get_code(client)
    response = exchange(client, code, redirect_uri="https://rp.example.test/other")
    assert response.status_code == 400
    assert response.json()["error"] in {"invalid_request", "invalid_grant"}


def test_pkce_missing_or_wrong_verifier(client, prime) -> None:  # type: ignore[no-untyped-def]
    make_rp()
    verifier, challenge = pkce_pair()
    code, _ = get_code(client, code_challenge=challenge, code_challenge_method="S256")
    missing = exchange(client, code)
    assert missing.status_code == 400
    assert missing.json()["error"] == "invalid_request"
    assert "verifier" in missing.json()["error_description"].lower()

    code, _ = get_code(client, code_challenge=challenge, code_challenge_method="S256")
    wrong = exchange(client, code, verifier=pkce_pair()[0])
    assert wrong.status_code == 400
    assert wrong.json()["error"] == "invalid_grant"

    code, _ = get_code(client, code_challenge=challenge, code_challenge_method="S256")
    assert exchange(client, code, verifier=verifier).status_code == 200


def test_public_client_must_use_pkce_s256(client, prime) -> None:  # type: ignore[no-untyped-def]
    make_rp(confidential=False, client_id="spa", client_secret="")
    query = redirect_query(client.get("/oauth/authorize", authorize_params(client_id="spa")))
    assert query["error"] == "invalid_request"
    verifier, _challenge = pkce_pair()
    params = authorize_params(
        client_id="spa", code_challenge=verifier, code_challenge_method="plain"
    )
    response = authorize(client, params)
    assert redirect_query(response)["error"] == "invalid_request"


def test_client_secret_basic_or_post_and_nothing_else(client, prime) -> None:  # type: ignore[no-untyped-def]
    make_rp()
    code, _ = get_code(client)
    wrong = exchange(client, code, headers={"HTTP_AUTHORIZATION": basic_auth(secret="nope")})
    assert wrong.status_code == 401
    assert wrong.json()["error"] == "invalid_client"
    assert wrong["WWW-Authenticate"].startswith("Basic ")
    code, _ = get_code(client)
    posted = exchange(client, code, headers={}, client_id="test-rp", client_secret=CLIENT_SECRET)
    assert posted.status_code == 200, posted.content
    code, _ = get_code(client)
    no_secret = exchange(client, code, headers={}, client_id="test-rp")
    assert no_secret.status_code == 401
    assert no_secret["WWW-Authenticate"].startswith("Basic ")
    posted_wrong = exchange(client, code, headers={}, client_id="test-rp", client_secret="nope")
    assert posted_wrong.status_code == 401
    assert posted_wrong.json()["error"] == "invalid_client"


def test_loopback_redirect_of_a_confidential_client_must_name_the_registered_port(
    client, prime
) -> None:  # type: ignore[no-untyped-def]
    registered = ["http://127.0.0.1:8000/callback", "http://[::1]:8000/callback"]
    make_rp(redirect_uris=registered, post_logout_redirect_uris=["http://127.0.0.1:8000/bye"])
    for uri in registered:
        assert redirect_query(authorize(client, authorize_params(redirect_uri=uri)))["code"]
    for uri in (
        "http://127.0.0.1:8001/callback",
        "http://127.0.0.1/callback",
        "http://[::1]:9/callback",
        "http://127.0.0.1:80/callback",
        "http://127.0.0.1:notaport/callback",
    ):
        response = client.get("/oauth/authorize", authorize_params(redirect_uri=uri))
        assert response.status_code == 400, uri
        assert "戻り先（redirect_uri）" in response.content.decode()
    relying_party = RelyingParty.objects.get(client_id="test-rp")
    assert relying_party.post_logout_redirect_uri_allowed("http://127.0.0.1:8000/bye")
    assert not relying_party.post_logout_redirect_uri_allowed("http://127.0.0.1:8002/bye")


def test_loopback_redirect_of_a_public_client_may_use_any_port(client, prime) -> None:  # type: ignore[no-untyped-def]
    """RFC 8252 §7.3: a native app listens on whatever port the system gives it."""
    make_rp(
        confidential=False,
        client_id="native",
        client_secret="",
        redirect_uris=["http://127.0.0.1:8000/callback"],
    )
    _verifier, challenge = pkce_pair()
    params = authorize_params(
        client_id="native",
        redirect_uri="http://127.0.0.1:53127/callback",
        code_challenge=challenge,
        code_challenge_method="S256",
    )
    response = authorize(client, params)
    assert response.status_code == 302
    assert response["Location"].startswith("http://127.0.0.1:53127/callback?code=")


def test_a_redirect_uri_with_a_bad_port_cannot_be_registered() -> None:
    with pytest.raises(ValidationError) as refused:
        make_rp(redirect_uris=["https://rp.example.test:99999/callback"])
    assert "ポート番号が正しくありません" in str(refused.value.message_dict["redirect_uris"])


def test_refresh_token_only_with_offline_access_and_rotated(client, prime) -> None:  # type: ignore[no-untyped-def]
    make_rp()
    code, _ = get_code(client, scope="openid profile")
    body = exchange(client, code).json()
    assert "refresh_token" not in body
    assert body["expires_in"] == 3600

    code, _ = get_code(client, scope="openid offline_access")
    body = exchange(client, code).json()
    old = body["refresh_token"]
    refreshed = client.post(
        "/oauth/token",
        {"grant_type": "refresh_token", "refresh_token": old},
        HTTP_AUTHORIZATION=basic_auth(),
    )
    assert refreshed.status_code == 200, refreshed.content
    assert refreshed.json()["refresh_token"] != old
    replay = client.post(
        "/oauth/token",
        {"grant_type": "refresh_token", "refresh_token": old},
        HTTP_AUTHORIZATION=basic_auth(),
    )
    assert replay.status_code == 400
    assert replay.json()["error"] == "invalid_grant"


def test_userinfo_needs_a_valid_bearer_token(client, prime) -> None:  # type: ignore[no-untyped-def]
    make_rp()
    code, _ = get_code(client, scope="openid email")
    access = exchange(client, code).json()["access_token"]
    expected = {"sub": str(prime.subject), "email": prime.email, "user_email": prime.email}
    ok = client.get("/oauth/userinfo", HTTP_AUTHORIZATION=f"Bearer {access}")
    assert ok.json() == expected
    assert client.post("/oauth/userinfo", {"access_token": access}).json() == expected
    assert client.get("/oauth/userinfo", HTTP_AUTHORIZATION="Bearer nope").status_code == 401


def test_userinfo_refuses_an_access_token_in_the_url(client, prime) -> None:  # type: ignore[no-untyped-def]
    make_rp()
    code, _ = get_code(client, scope="openid email")
    access = exchange(client, code).json()["access_token"]
    for response in (
        client.get("/oauth/userinfo", {"access_token": access}),
        client.post(f"/oauth/userinfo?access_token={access}"),
        client.get(
            "/oauth/userinfo", {"access_token": access}, HTTP_AUTHORIZATION=f"Bearer {access}"
        ),
    ):
        assert response.status_code == 400
        assert response.json()["error"] == "invalid_request"
        assert response["WWW-Authenticate"] == 'Bearer error="invalid_request"'
        assert prime.email not in response.content.decode()


def test_denied_consent_returns_access_denied_and_is_audited(client, prime) -> None:  # type: ignore[no-untyped-def]
    make_rp()
    params = authorize_params()
    query = redirect_query(authorize(client, params, allow=False))
    assert query["error"] == "access_denied"
    assert query["state"] == params["state"]
    assert AuditEvent.objects.filter(action="oidc.consent_denied", actor=prime).exists()
    assert not AuditEvent.objects.filter(action="oidc.consent_granted").exists()


def test_member_needs_the_relying_parties_service(client, prime) -> None:  # type: ignore[no-untyped-def]
    make_rp()
    member = make_member(prime, services=["grants"])
    client.force_login(member)
    query = redirect_query(client.get("/oauth/authorize", authorize_params()))
    assert query["error"] == "access_denied"


def test_staff_account_without_business_is_refused(client) -> None:  # type: ignore[no-untyped-def]
    make_rp()
    staff = make_user(account_type=None, is_staff=True)
    client.force_login(staff)
    assert redirect_query(client.get("/oauth/authorize", authorize_params()))["error"] == (
        "access_denied"
    )
