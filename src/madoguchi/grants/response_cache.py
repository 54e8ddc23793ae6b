"""A small in-process cache of jGrants list responses, invalidated by any change to the catalogue.

Public API clients repeat the same searches; the answer only changes when a subsidy is written or, for
``acceptance=1``, as time passes. A cached body is keyed by the request's parameters, the catalogue's
state (the latest ``updated_at``: one index lookup, made at most once a second per process, so a change
made in any process is seen by every process within a second). Entries expire ``TTL_SECONDS`` after they
are made, which bounds how late an ``acceptance=1`` answer notices a window opening or closing (and covers
deletions made outside the services). Bounded by total size, least recently used
out first; per process, so nothing to configure.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

TTL_SECONDS = 60
STATE_MAX_AGE_SECONDS = 1.0
MAX_BYTES = 32 * 1024 * 1024
MAX_ENTRY_BYTES = 4 * 1024 * 1024


class ResponseCache:
    def __init__(self, *, max_bytes: int = MAX_BYTES, ttl: float = TTL_SECONDS) -> None:
        self.max_bytes = max_bytes
        self.ttl = ttl
        self._entries: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            expires, body = entry
            if expires < time.monotonic():
                self._remove(key)
                return None
            self._entries.move_to_end(key)
            return body

    def put(self, key: str, body: bytes) -> None:
        if len(body) > MAX_ENTRY_BYTES:
            return
        with self._lock:
            if key in self._entries:
                self._remove(key)
            self._entries[key] = (time.monotonic() + self.ttl, body)
            self._bytes += len(body)
            while self._bytes > self.max_bytes and self._entries:
                self._remove(next(iter(self._entries)))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def _remove(self, key: str) -> None:
        _, body = self._entries.pop(key)
        self._bytes -= len(body)


class CatalogueState:
    """The catalogue's state, read from the database at most once per ``max_age`` seconds per process."""

    def __init__(self, *, max_age: float = STATE_MAX_AGE_SECONDS) -> None:
        self.max_age = max_age
        self._value = ""
        self._read_at = float("-inf")
        self._lock = threading.Lock()

    def get(self, read: Callable[[], str]) -> str:
        now = time.monotonic()
        with self._lock:
            if now - self._read_at < self.max_age:
                return self._value
        value = read()
        with self._lock:
            self._value, self._read_at = value, now
        return value

    def forget(self) -> None:
        with self._lock:
            self._read_at = float("-inf")


list_cache = ResponseCache()
catalogue_state = CatalogueState()
