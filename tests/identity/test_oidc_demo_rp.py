"""The demo relying party calls only SITE_URL, whatever Host header its visitor sends.

A trap HTTP server listens on another local port; every request of the flow carries a Host header
naming that port. Before the fix the server POSTed the demo client's credentials there.
"""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from madoguchi.identity.oidc.demo import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET

from .test_oidc_flow import browser_session
from .test_oidc_support import form_inputs, make_rp, make_user

pytestmark = pytest.mark.django_db(transaction=True)


class Trap(ThreadingHTTPServer):
    hits: list[str]


class _Record(BaseHTTPRequestHandler):
    def _record(self) -> None:
        self.server.hits.append(f"{self.command} {self.path} {self.headers.get('Authorization')}")  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    do_GET = do_POST = _record

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def trap() -> Iterator[Trap]:
    server = Trap(("127.0.0.1", 0), _Record)
    server.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_forged_host_never_sends_the_demo_client_elsewhere(
    live_server, client, settings, trap
) -> None:  # type: ignore[no-untyped-def]
    settings.SITE_URL = live_server.url
    make_rp(
        client_id=DEMO_CLIENT_ID,
        client_secret=DEMO_CLIENT_SECRET,
        name="デモ連携サービス",
        redirect_uris=[f"{live_server.url}/oauth/demo-rp/callback"],
    )
    user = make_user()
    browser = browser_session(client, user)
    forged = {"Host": f"127.0.0.1:{trap.server_address[1]}"}

    page = browser.get(f"{live_server.url}/oauth/demo-rp/", headers=forged)
    assert page.status_code == 200
    assert "登録されていません" not in page.text  # the callback it shows is SITE_URL's

    # starting at another host sends the browser to SITE_URL first (the session lives there)
    start = browser.get(
        f"{live_server.url}/oauth/demo-rp/login?scope=email",
        headers=forged,
        allow_redirects=False,
    )
    assert start.status_code == 302
    assert start.headers["Location"] == f"{live_server.url}/oauth/demo-rp/login?scope=email"
    authorize = browser.get(start.headers["Location"], allow_redirects=False).headers["Location"]
    assert authorize.startswith(f"{live_server.url}/oauth/authorize?")
    redirect_uri = parse_qs(urlsplit(authorize).query)["redirect_uri"]
    assert redirect_uri == [f"{live_server.url}/oauth/demo-rp/callback"]

    consent = browser.get(authorize, allow_redirects=False)
    data = form_inputs(consent.text)
    data["allow"] = "on"
    callback = browser.post(authorize, data=data, allow_redirects=False).headers["Location"]
    assert callback.startswith(f"{live_server.url}/oauth/demo-rp/callback?code=")

    # the callback arrives with the forged Host: the token, JWK set and UserInfo calls go to SITE_URL
    done = browser.get(callback, headers=forged, allow_redirects=False)
    assert done.status_code == 302
    result = browser.get(f"{live_server.url}/oauth/demo-rp/")
    assert "受け取った情報" in result.text, result.text[:2000]
    assert str(user.subject) in result.text
    assert trap.hits == []


@pytest.mark.django_db
def test_demo_registration_uses_site_url(settings) -> None:  # type: ignore[no-untyped-def]
    from madoguchi.identity.oidc import demo
    from madoguchi.identity.oidc.models import RelyingParty

    settings.SITE_URL = "https://madoguchi.example.jp"
    lines = list(demo.load())
    relying_party = RelyingParty.objects.get(client_id=DEMO_CLIENT_ID)
    assert relying_party.redirect_uris == "https://madoguchi.example.jp/oauth/demo-rp/callback"
    assert relying_party.post_logout_redirect_uris == "https://madoguchi.example.jp/oauth/demo-rp/"
    assert "https://madoguchi.example.jp/oauth/demo-rp/" in lines[0]
