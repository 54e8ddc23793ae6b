"""With CACHE_URL the cache (and with it the login-failure counters) is Redis, shared by every process."""

import os
import socket
import subprocess
import sys

import pytest

SCRIPT = (
    "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'madoguchi.config.settings'; "
    "django.setup(); from django.core.cache import cache; "
    "cache.set('madoguchi-cache-test', 'shared', 30); from django.core.cache import caches; print(type(caches['default']).__name__)"
)


def redis_reachable() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


def test_cache_url_makes_the_cache_shared_redis(tmp_path: object) -> None:
    if not redis_reachable():
        pytest.skip("Redis（127.0.0.1:6379）に接続できません")
    env = {
        **os.environ,
        "CACHE_URL": "redis://127.0.0.1:6379/15",
        "MADOGUCHI_VAR_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    out = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "RedisCache"
    read = SCRIPT.replace(
        "cache.set('madoguchi-cache-test', 'shared', 30); from django.core.cache import caches; print(type(caches['default']).__name__)",
        "print(cache.get('madoguchi-cache-test'))",
    )
    second = subprocess.run(  # noqa: S603
        [sys.executable, "-c", read], env=env, capture_output=True, text=True, check=True
    )
    assert second.stdout.strip() == "shared"  # a second process sees what the first one counted


def test_without_cache_url_the_cache_is_per_process() -> None:
    from django.conf import settings

    if os.environ.get("CACHE_URL"):
        pytest.skip("CACHE_URL is set")
    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
