"""Password login throttling: growing delays, never a lock a stranger can set off.

The policy, its numbers and why: docs/login-throttling.md. In short, every password attempt for an
address is counted in up to three scopes, each with a few free failures and then a wait that doubles
with every further failure (capped):

- the address from this source: the source is the browser when it carries a *device cookie* from an
  earlier successful login to this address (OWASP's "device cookies"), or the user's own session
  (re-entering the password while logged in), otherwise the network (the IP address, an IPv6 /64);
- the address from all unknown sources together;
- the network source over all addresses (password spraying).

A trusted browser is counted only in the first scope, so a stranger who fails again and again for an
address slows down only unknown sources. The owner signs in from a trusted browser as usual, and from
anywhere with an e-mailed login code or a passkey, which this throttle does not touch (the second
factor still follows a login code: allauth's MFA stage runs after every login method but a passkey).

Counters live in the Django cache (Redis in production, shared by every worker): per scope, the
number of attempts in its window and the time before which the next one must wait, read and written
under a short lock (``cache.add``, atomic in Redis). An attempt is counted *before* the password is
checked, so a burst of parallel requests gets no more tries than a patient one. A refused attempt is
not counted and never checks the password; a successful one is taken back (and clears its own
address-and-source scope).
"""

import contextlib
import ipaddress
import logging
import math
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

logger = logging.getLogger(__name__)

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR


@dataclass(frozen=True)
class Rule:
    """``free`` failures without waiting; then ``base`` seconds, doubling per failure, ≤ ``cap``.

    A scope forgets its failures ``window`` seconds after its last attempt.
    """

    name: str
    free: int
    base: int
    window: int
    cap: int = 15 * MINUTE

    def wait_after(self, attempts: int) -> int:
        """Seconds from attempt number ``attempts`` (counted in the window) to the next one."""
        beyond = attempts - self.free + 1
        if beyond < 1:
            return 0
        return min(self.cap, self.base * 2 ** min(beyond - 1, 30))


# The numbers, declared once (docs/login-throttling.md shows them with examples).
ADDRESS_SOURCE = Rule("address_source", free=5, base=30, window=DAY)
ADDRESS = Rule("address", free=20, base=MINUTE, window=DAY)
NETWORK = Rule("network", free=50, base=10, window=HOUR)
RULES = (ADDRESS_SOURCE, ADDRESS, NETWORK)

DEVICE_COOKIE = "madoguchi_device"
DEVICE_MAX_AGE = 365 * DAY
DEVICE_MAX_ADDRESSES = 10
_SALT = "madoguchi.identity.throttle"
LOCK_WAIT = 2.0  # seconds an attempt waits for its scope's lock before it is refused
LOCK_TIMEOUT = 5  # a crashed holder's lock expires
_PREFIX = "madoguchi:login-throttle"


class Throttled(Exception):
    def __init__(self, wait: int, rule: Rule) -> None:
        super().__init__(f"wait {wait} s ({rule.name})")
        self.wait = wait
        self.rule = rule

    @property
    def message(self) -> str:
        if self.wait < MINUTE:
            wait = ngettext("%(count)d 秒", "%(count)d 秒", self.wait) % {"count": self.wait}
        else:
            minutes = math.ceil(self.wait / MINUTE)
            wait = ngettext("%(count)d 分", "%(count)d 分", minutes) % {"count": minutes}
        return _(
            "ログインの失敗が続いたため、このメールアドレスへのパスワードでのログインを"
            "しばらく止めています。%(wait)s後にもう一度お試しください。待たずにログインするには、"
            "メールで届くログインコードか、パスキーをお使いください。"
        ) % {"wait": wait}


@dataclass
class Attempt:
    """One password attempt, counted in its scopes (see ``attempt_begin``)."""

    trusted: bool
    scopes: list[tuple[Rule, str]] = field(default_factory=list)


def digest(value: str) -> str:
    """A keyed hash: cache keys and device cookies never hold an address or an IP in clear."""
    return salted_hmac(_SALT, value, algorithm="sha256").hexdigest()[:32]


def normalise(address: str) -> str:
    return (address or "").strip().lower()[:254]


def network_of(ip: str) -> str:
    """The source as a network: the IPv4 address, or the IPv6 /64 a single subscriber gets."""
    try:
        parsed = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def _device(request: HttpRequest) -> dict[str, Any] | None:
    raw = request.COOKIES.get(DEVICE_COOKIE)
    if not raw:
        return None
    try:
        value = signing.loads(raw, salt=_SALT, max_age=DEVICE_MAX_AGE)
    except signing.BadSignature:
        return None
    if not (
        isinstance(value, dict)
        and isinstance(value.get("d"), str)
        and isinstance(value.get("a"), list)
    ):
        return None
    return value


def trusted_source(request: HttpRequest, address: str) -> str | None:
    """This browser's own scope for ``address`` if it proved itself before, else ``None``."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and normalise(user.email) == address:
        return f"user:{user.pk}"  # re-entering the password inside a session
    device = _device(request)
    if device is not None and digest(address) in device["a"]:
        return f"device:{device['d']}"
    return None


def _key(rule: Rule, scope: str) -> str:
    return f"{_PREFIX}:{rule.name}:{digest(scope)}"


@contextlib.contextmanager
def _locked(key: str) -> Iterator[bool]:
    """A short mutex in the cache (``add`` is atomic in Redis and in local memory)."""
    lock = f"{key}:lock"
    deadline = time.monotonic() + LOCK_WAIT
    while not cache.add(lock, 1, timeout=LOCK_TIMEOUT):
        if time.monotonic() > deadline:
            yield False
            return
        time.sleep(0.005)
    try:
        yield True
    finally:
        cache.delete(lock)


def _state(key: str) -> dict[str, float]:
    state = cache.get(key)
    return state if isinstance(state, dict) else {"n": 0, "until": 0.0}


def _count(rule: Rule, scope: str) -> tuple[int, float]:
    """Count an attempt in a scope: ``(0, previous booking)`` if it may go, else ``(wait, 0)``."""
    key = _key(rule, scope)
    with _locked(key) as locked:
        if not locked:  # a crowd of parallel attempts on this very scope
            return 1, 0.0
        state = _state(key)
        now = time.time()
        if state["n"] >= rule.free and now < state["until"]:
            return max(1, math.ceil(state["until"] - now)), 0.0
        previous = state["until"]
        state["n"] += 1
        state["until"] = now + rule.wait_after(int(state["n"]))
        cache.set(key, state, timeout=rule.window)
        return 0, previous


def _uncount(rule: Rule, scope: str, previous: float | None = None) -> None:
    """Take an attempt back (``previous``: also give back the time slot it booked)."""
    key = _key(rule, scope)
    with _locked(key) as locked:
        state = cache.get(key)
        if not locked or not isinstance(state, dict):
            return
        state["n"] = max(0, state["n"] - 1)
        if previous is not None:
            state["until"] = previous
        cache.set(key, state, timeout=rule.window)


def attempt_begin(request: HttpRequest, address: str, client_ip: str) -> Attempt:
    """Count a password attempt for ``address``; raise ``Throttled`` if it must wait.

    A refused attempt is taken back from every scope and the password is never checked.
    """
    address = normalise(address)
    trusted = trusted_source(request, address)
    if trusted is not None:
        scopes = [(ADDRESS_SOURCE, f"{address}|{trusted}")]
    else:
        network = network_of(client_ip)
        scopes = [
            (ADDRESS_SOURCE, f"{address}|net:{network}"),
            (ADDRESS, address),
            (NETWORK, network),
        ]
    attempt = Attempt(trusted=trusted is not None)
    counted: list[tuple[Rule, str, float]] = []
    for rule, scope in scopes:
        wait, previous = _count(rule, scope)
        if wait:
            for counted_rule, counted_scope, counted_previous in counted:
                _uncount(counted_rule, counted_scope, counted_previous)
            logger.info("login attempt throttled", extra={"rule": rule.name, "wait": wait})
            raise Throttled(wait, rule)
        counted.append((rule, scope, previous))
        attempt.scopes.append((rule, scope))
    return attempt


def attempt_succeeded(attempt: Attempt) -> None:
    """The password was right: it was no failure. Its own scope starts afresh."""
    for rule, scope in attempt.scopes:
        if rule is ADDRESS_SOURCE:
            cache.delete(_key(rule, scope))
        else:
            _uncount(rule, scope)


def device_trust(request: HttpRequest, response: HttpResponse, address: str) -> None:
    """After a complete login, this browser becomes a trusted source for ``address``."""
    device = _device(request) or {"d": secrets.token_urlsafe(16), "a": []}
    mine = digest(normalise(address))
    addresses = [mine, *(a for a in device["a"] if a != mine)][:DEVICE_MAX_ADDRESSES]
    response.set_cookie(
        DEVICE_COOKIE,
        signing.dumps({"d": device["d"], "a": addresses}, salt=_SALT, compress=True),
        max_age=DEVICE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
