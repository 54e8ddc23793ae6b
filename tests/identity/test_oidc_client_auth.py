"""How a client authenticates at the token and revocation endpoints, over real HTTP.

Both of django-oauth-toolkit's methods are accepted and advertised: ``client_secret_basic``
(gBizID's) and ``client_secret_post`` (the default of many RP libraries). A failed client
authentication is a 401 with a ``Basic`` challenge (RFC 6749 §5.2), never a 500, whatever the
Authorization header holds.
"""

import base64

import pytest
import requests
from authlib.common.security import generate_token
from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.requests_client import OAuth2Session

from .test_oidc_flow import browser_session, consent_and_get_callback
from .test_oidc_support import CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, make_rp, make_user

pytestmark = pytest.mark.django_db(transaction=True)

BASIC_CHALLENGE = 'Basic realm="Madoguchi", charset="UTF-8"'


def rp_session(method: str, secret: str = CLIENT_SECRET) -> OAuth2Session:
    return OAuth2Session(
        CLIENT_ID,
        secret,
        scope="openid email offline_access",
        redirect_uri=REDIRECT_URI,
        code_challenge_method="S256",
        token_endpoint_auth_method=method,
    )


def code_callback(live_server, client, rp: OAuth2Session) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    verifier = generate_token(48)
    url, _state = rp.create_authorization_url(
        f"{live_server.url}/oauth/authorize", code_verifier=verifier, nonce=generate_token(20)
    )
    return consent_and_get_callback(browser_session(client, make_user()), url), verifier


def test_discovery_advertises_both_secret_methods(live_server) -> None:  # type: ignore[no-untyped-def]
    discovery = requests.get(
        f"{live_server.url}/oauth/.well-known/openid-configuration", timeout=10
    ).json()
    assert discovery["token_endpoint_auth_methods_supported"] == [
        "client_secret_basic",
        "client_secret_post",
        "none",
    ]


def test_authlib_with_client_secret_post_gets_tokens_refreshes_and_revokes(
    live_server, client
) -> None:  # type: ignore[no-untyped-def]
    make_rp()
    rp = rp_session("client_secret_post")
    callback, verifier = code_callback(live_server, client, rp)
    token = rp.fetch_token(
        f"{live_server.url}/oauth/token", authorization_response=callback, code_verifier=verifier
    )
    assert token["id_token"] and token["refresh_token"]
    assert rp.get(f"{live_server.url}/oauth/userinfo").status_code == 200
    refreshed = rp.refresh_token(f"{live_server.url}/oauth/token")
    assert refreshed["access_token"] != token["access_token"]
    # RFC 7009 revocation with the same client authentication method
    rp.revoke_token(
        f"{live_server.url}/oauth/revoke", token=refreshed["refresh_token"]
    ).raise_for_status()
    assert rp.get(f"{live_server.url}/oauth/userinfo").status_code == 401


@pytest.mark.parametrize("method", ["client_secret_basic", "client_secret_post"])
def test_authlib_with_a_wrong_secret_gets_401_with_a_basic_challenge(
    live_server, client, method
) -> None:  # type: ignore[no-untyped-def]
    make_rp()
    rp = rp_session(method, secret="wrong-secret-0123456789abcdef-0123456789")
    callback, verifier = code_callback(live_server, client, rp)
    with pytest.raises(OAuthError) as failure:
        rp.fetch_token(
            f"{live_server.url}/oauth/token",
            authorization_response=callback,
            code_verifier=verifier,
        )
    assert failure.value.error == "invalid_client"
    # the same request by hand, to see the status line and the challenge
    response = requests.post(
        f"{live_server.url}/oauth/token",
        data={"grant_type": "authorization_code", "code": "x", "redirect_uri": REDIRECT_URI},
        auth=(CLIENT_ID, "wrong-secret-0123456789abcdef-0123456789"),
        timeout=10,
    )
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == BASIC_CHALLENGE
    assert response.json() == {"error": "invalid_client"}


def _raw_basic(raw: bytes) -> str:
    return "Basic " + base64.b64encode(raw).decode()


MALFORMED = [
    "Basic !!!not-base64!!!",
    "Basic",
    "Basic ",
    _raw_basic(b"no-colon-at-all"),
    _raw_basic(b"\xff\xfe\xfd:\xfc"),  # not UTF-8
    _raw_basic(b":" + CLIENT_SECRET.encode()),  # empty client id
    "Bearer " + CLIENT_SECRET,
    "Basic " + "QUJD" * 5_000,  # 20 kB of base64 ("ABCABC…", no colon)
]


def test_malformed_authorization_header_is_401_invalid_client(live_server) -> None:  # type: ignore[no-untyped-def]
    make_rp()
    requests_by_endpoint = {
        "/oauth/token": {
            "grant_type": "authorization_code",
            "code": "x",
            "redirect_uri": REDIRECT_URI,
        },
        "/oauth/revoke": {"token": "x"},
    }
    for endpoint, data in requests_by_endpoint.items():
        for authorization in MALFORMED:
            response = requests.post(
                f"{live_server.url}{endpoint}",
                data=data,
                headers={"Authorization": authorization},
                timeout=10,
            )
            case = f"{endpoint} {authorization[:40]!r}"
            assert response.status_code == 401, (case, response.text[:300])
            assert response.json()["error"] == "invalid_client", case
            assert response.headers["WWW-Authenticate"] == BASIC_CHALLENGE, case


def test_a_control_character_in_the_client_id_is_refused_at_the_edge(live_server) -> None:  # type: ignore[no-untyped-def]
    """A NUL in the decoded Basic credentials never reaches the database: the edge guard
    (portal.edge) answers RFC 6749's invalid_request before the token endpoint runs."""
    make_rp()
    authorization = _raw_basic(CLIENT_ID.encode() + b"\x00:" + CLIENT_SECRET.encode())
    for endpoint, data in (
        ("/oauth/token", {"grant_type": "authorization_code", "code": "x"}),
        ("/oauth/revoke", {"token": "x"}),
    ):
        response = requests.post(
            f"{live_server.url}{endpoint}",
            data=data,
            headers={"Authorization": authorization},
            timeout=10,
        )
        assert response.status_code == 400, endpoint
        assert response.json()["error"] == "invalid_request", endpoint


def test_a_secret_in_the_url_is_refused(live_server) -> None:  # type: ignore[no-untyped-def]
    make_rp()
    response = requests.post(
        f"{live_server.url}/oauth/token?client_id={CLIENT_ID}&client_secret={CLIENT_SECRET}",
        data={"grant_type": "authorization_code", "code": "x", "redirect_uri": REDIRECT_URI},
        timeout=10,
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"
