"""Security headers on every page: a strict Content-Security-Policy (every asset is ours; no inline
script or style, no eval), frame denial, Referrer-Policy, HttpOnly cookies. The templates are scanned
so that a new inline script, event handler or style attribute fails here rather than in a browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory

from madoguchi.identity.oidc.csp import ContentSecurityPolicyMiddleware

SRC = Path(__file__).resolve().parent.parent / "src" / "madoguchi"


def policy(response: HttpResponse) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client: Client) -> None:
    response = client.get("/")
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]  # QR codes for authenticator apps
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert "unsafe" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_htmx_is_told_to_add_no_style_and_run_no_eval(client: Client) -> None:
    html = client.get("/").content.decode()
    assert (
        """<meta name="htmx-config" content='{"includeIndicatorStyles": false, "allowEval": false}'>"""
        in html
    )
    assert "/static/portal/madoguchi.js" in html


@pytest.mark.django_db
def test_sign_in_pages_may_send_forms_on_to_registered_relying_parties(client: Client) -> None:
    from madoguchi.identity.oidc.models import RelyingParty

    RelyingParty.objects.create(
        name="補助金システム",
        client_id="rp-csp",
        client_type=RelyingParty.CLIENT_CONFIDENTIAL,
        authorization_grant_type=RelyingParty.GRANT_AUTHORIZATION_CODE,
        redirect_uris="https://rp.example.jp/callback http://127.0.0.1/cb",
        post_logout_redirect_uris="https://rp.example.jp/bye",
    )
    for path in ("/accounts/login/", "/oauth/authorize"):
        form_action = policy(client.get(path))["form-action"]
        assert form_action == ["'self'", "http://127.0.0.1:*", "https://rp.example.jp"], path
    assert policy(client.get("/"))["form-action"] == ["'self'"]


def test_pdf_responses_carry_no_policy() -> None:
    request = RequestFactory().get("/notices/1/pdf")
    middleware = ContentSecurityPolicyMiddleware(lambda r: HttpResponse())
    pdf = middleware.process_response(
        request, HttpResponse(b"%PDF-", content_type="application/pdf")
    )
    html = middleware.process_response(request, HttpResponse(b"<p>", content_type="text/html"))
    assert "Content-Security-Policy" not in pdf
    assert "Content-Security-Policy" in html


@pytest.mark.django_db
def test_cookies_are_http_only(client: Client) -> None:
    response = client.get("/accounts/login/")
    assert response.cookies["csrftoken"]["httponly"] is True
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert client.cookies["django_language"]["httponly"] is True


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
FORBIDDEN = {
    "an inline <script>": INLINE_SCRIPT,
    "an on… event handler attribute": EVENT_HANDLER,
    "an hx-on attribute (needs eval)": re.compile(r"\shx-on[:\-]", re.I),
    "a style attribute": re.compile(r"\sstyle\s*=", re.I),
    "a <style> element": re.compile(r"<style[\s>]", re.I),
    "a javascript: URL": re.compile(r"javascript:", re.I),
}


def page_templates() -> list[Path]:
    """Every template a browser renders (the PDF templates are rendered by WeasyPrint)."""
    return [path for path in SRC.glob("**/templates/**/*.html") if "/pdf/" not in path.as_posix()]


def test_templates_need_nothing_the_policy_forbids() -> None:
    templates = page_templates()
    assert len(templates) > 50
    problems = [
        f"{path.relative_to(SRC)}: {what}"
        for path in templates
        for what, pattern in FORBIDDEN.items()
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert not problems, "\n".join(problems)


def test_the_scan_finds_what_it_looks_for() -> None:
    samples = {
        "an inline <script>": '<script>alert(1)</script><script type="application/json">{}</script>',
        "an on… event handler attribute": '<button onclick="go()">',
        "an hx-on attribute (needs eval)": '<form hx-on::before-request="x()">',
        "a style attribute": '<p style="color:red">',
        "a <style> element": "<style>p{}</style>",
        "a javascript: URL": '<a href="javascript:void(0)">',
    }
    for what, sample in samples.items():
        assert FORBIDDEN[what].search(sample), what
    assert not INLINE_SCRIPT.search('<script src="/static/x.js" defer></script>')
    assert not INLINE_SCRIPT.search('<script type="application/json" id="d">{}</script>')
