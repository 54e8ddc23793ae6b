"""Every URL pattern of the project, with hostile path parameters, as an anonymous visitor and as a staff
administrator who has done MFA, by GET and by POST: nothing answers a server error.

The patterns come from tests/urlwalk.py, so a page added later is walked without anyone listing it.
Route patterns get each hostile value in each parameter whose converter accepts it (the others keep a
harmless value, so that a view behind a <uuid:…> is still reached); regular-expression patterns cannot
be filled mechanically and get hand-made paths (``REGEX_PATHS``), and a regex pattern without any fails
the suite. One client, no browser: the point is the server's answer, not the page.
"""

import re
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote, unquote_to_bytes

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client

from madoguchi.identity.enums import StaffRole
from madoguchi.identity.models import User
from tests.urlwalk import UrlEntry, iter_urls

TEN_KB = "A" * 10_000
HOSTILE = (
    "%00",  # NUL: no PostgreSQL text can hold it
    "a%01%1b%7fb",  # other control characters
    TEN_KB,
    "%ff%fe",  # not UTF-8
    "%c0%ae%c0%ae",  # an overlong UTF-8 "..", also not UTF-8
    "..",
    "%2e%2e",
    "..%2f..%2fetc%2fpasswd",
    "9" * 30,  # a number beyond every integer column
    "%27%22%3Cx%3E%26%E2%80%AE%EF%BC%A1",  # quotes, markup, a right-to-left override, full width
)
HARMLESS = {
    "int": "1",
    "uuid": "00000000-0000-0000-0000-000000000000",
    "slug": "x",
    "str": "x",
    "path": "x",
}
CONVERTER = {
    "int": r"[0-9]+",
    "uuid": r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
    "slug": r"[-a-zA-Z0-9_]+",
    "str": r"[^/]+",
    "path": r".+",
}

# Regular-expression patterns, by name (or by the expression when unnamed): hand-made hostile paths.
REGEX_PATHS: dict[str, list[str]] = {
    "admin:app_list": ["/admin/auth/", "/admin/forms/", "/admin/auth%00/"],
    "admin/(?P<url>.*)": ["/admin/%00", "/admin/x/" + TEN_KB, "/admin/%ff%fe/", "/admin/../"],
    "jgrants:not-found": ["/exp/%00", "/exp/%ff%fe", "/exp/v3/" + TEN_KB, "/exp/..%2f"],
    "account_confirm_email": [
        "/accounts/confirm-email/%00/",
        "/accounts/confirm-email/" + TEN_KB + "/",
        "/accounts/confirm-email/a:b:c/",
        "/accounts/confirm-email/" + "9" * 30 + "/",
        "/accounts/confirm-email/-:-/",
    ],
    "account_reset_password_from_key": [
        "/accounts/password/reset/key/" + "z" * 30 + "-x/",
        "/accounts/password/reset/key/1-%00/",
        "/accounts/password/reset/key/1-%ff%fe/",
        "/accounts/password/reset/key/1-..%2f../",
        "/accounts/password/reset/key/1-" + TEN_KB + "/",
    ],
    "oauth2_provider:authorize": [
        "/oauth/authorize?client_id=%00&response_type=code",
        "/oauth/authorize/?client_id=" + TEN_KB + "&redirect_uri=%ff&scope=openid",
        "/oauth/authorize?client_id=x&response_type=%2e%2e&prompt=none",
    ],
    "oauth2_provider:token": ["/oauth/token", "/oauth/token/?client_id=%00"],
    "oauth2_provider:user-info": ["/oauth/userinfo?access_token=%00", "/oauth/userinfo/"],
    "oauth2_provider:revoke-token": ["/oauth/revoke?token=" + TEN_KB],
    "oauth2_provider:rp-initiated-logout": [
        "/oauth/logout?id_token_hint=%00",
        "/oauth/logout/?id_token_hint=a.b.c&post_logout_redirect_uri=%ff",
    ],
    "oauth2_provider:oidc-connect-discovery-info": ["/oauth/.well-known/openid-configuration"],
    "oauth2_provider:jwks-info": ["/oauth/.well-known/jwks.json"],
    "oauth/jwks/?": ["/oauth/jwks", "/oauth/jwks/"],
    "media/(?P<path>.*)": ["/media/%00", "/media/..%2f..%2fsettings.py", "/media/" + TEN_KB],
}
# Served by middleware, not by a URL pattern, and the empty or overlong path itself.
EXTRA_PATHS = [
    "/static/%00",
    "/static/..%2f..%2fsettings.py",
    "/static/" + TEN_KB,
    "/%00",
    "/" + TEN_KB,
]


def _fits(value: str, converter: str) -> bool:
    return re.fullmatch(CONVERTER.get(converter, r"[^/]+"), unquote(value)) is not None


def _route_paths(entry: UrlEntry) -> Iterator[str]:
    """The route with harmless values, then with each hostile value in each parameter it fits."""
    yield entry.fill(lambda _name, converter: HARMLESS.get(converter, "x")) or ""
    for target, _converter in entry.parameters:
        for value in HOSTILE:
            if not _fits(value, _converter):
                continue
            yield (
                entry.fill(
                    lambda name, converter, value=value, target=target: (
                        value if name == target else HARMLESS.get(converter, "x")
                    )
                )
                or ""
            )


def _key(entry: UrlEntry) -> str:
    return entry.name or entry.route


def all_paths() -> list[str]:
    paths = list(EXTRA_PATHS)
    for entry in iter_urls():
        if entry.is_regex:
            paths += REGEX_PATHS.get(_key(entry), [])
        else:
            paths += _route_paths(entry)
    # The server sees the path percent-decoded ("%2e%2e" and ".." are the same request): one of each.
    return list({unquote_to_bytes(path): path for path in reversed(paths)}.values())[::-1]


def test_every_regex_pattern_has_hand_made_hostile_paths() -> None:
    missing = [_key(e) for e in iter_urls() if e.is_regex and _key(e) not in REGEX_PATHS]
    assert missing == [], "正規表現の URL に敵対的なパスを REGEX_PATHS で用意してください"


def _administrator() -> User:
    user = User.objects.create_superuser(
        username="walker@city.example.jp", email="walker@city.example.jp", password="x" * 12
    )
    user.groups.add(Group.objects.get_or_create(name=StaffRole.ADMINISTRATOR)[0])
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    TOTP.activate(user, generate_totp_secret())
    return user


def _log_in(client: Client, user: User) -> None:
    """As after an interactive login with a password and an authenticator app (allauth's records)."""
    client.force_login(user)
    session = client.session
    now = time.time()
    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    session["account_authentication_methods"] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "id": totp.pk, "type": "totp"},
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()


def _walk(client: Client, paths: list[str], user: User | None) -> list[str]:
    failures: list[str] = []
    for path in paths:
        for method in ("get", "post"):
            try:
                with transaction.atomic():
                    response = getattr(client, method)(path)
                status = response.status_code
            except Exception as error:  # the test client re-raises what the view raised
                failures.append(
                    f"{method.upper()} {path[:120]}: {type(error).__name__}: {error}"[:300]
                )
                continue
            if status >= 500:
                failures.append(f"{method.upper()} {path[:120]}: {status}")
            session = response.cookies.get("sessionid")
            if user is not None and session is not None and not session.value:
                _log_in(client, user)  # a logout page did its job; carry on as staff
    return failures


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_no_hostile_path_answers_a_server_error(who: str, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    # Recording each request's activity on the session row (allauth) has nothing to do with the path
    # and took half of the time of this walk.
    settings.USERSESSIONS_TRACK_ACTIVITY = False
    client = Client(raise_request_exception=True)
    user = None
    if who == "staff":
        user = _administrator()
        _log_in(client, user)
    failures = _walk(client, all_paths(), user)
    assert failures == [], f"{len(failures)} 件がサーバーエラー:\n" + "\n".join(failures)
