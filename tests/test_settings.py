"""Safe by default, explicit in production: the run modes, checked in real subprocesses.

- production (MADOGUCHI_MODE unset) refuses to start without DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and
  DATABASE_URL, naming each missing one in Japanese and English; with exactly those three,
  ``madoguchi check --deploy`` reports no issue;
- only the demo mode has DEBUG and the mail outbox viewer, and it answers this machine only.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.modes import HOST, MADOGUCHI, clean_env, production, run

REQUIRED = ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL")


def madoguchi(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run(env, MADOGUCHI, *args)


PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.mail import send_mail
from django.test import Client
from django.urls import NoReverseMatch, reverse

if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):  # never SMTP from a test
    send_mail("確認のお願い", "リンク: " + settings.SITE_URL + "/accounts/", None, ["a@example.jp"])
host = settings.SITE_URL.split("://", 1)[1]
client = Client(HTTP_HOST=host)
secure = settings.SITE_URL.startswith("https")
outbox = client.get("/outbox/", secure=secure)
remote = client.get("/outbox/", secure=secure, REMOTE_ADDR="203.0.113.9")
plain = client.get("/outbox/", secure=False)
try:
    reverse("outbox:list")
    routed = True
except NoReverseMatch:
    routed = False
print(json.dumps({
    "debug": settings.DEBUG,
    "site_url": settings.SITE_URL,
    "from": settings.DEFAULT_FROM_EMAIL,
    "backend": settings.EMAIL_BACKEND,
    "outbox": outbox.status_code,
    "outbox_shows_mail": "確認のお願い" in outbox.content.decode(),
    "routed": routed,
    "remote": remote.status_code,
    "plain": plain.status_code,
    "plain_location": plain.get("Location", ""),
}))
"""


def probe(env: dict[str, str]) -> dict[str, object]:
    done = run(
        {**env, "DJANGO_SETTINGS_MODULE": "madoguchi.config.settings"}, sys.executable, "-c", PROBE
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_without_the_required_settings_every_command_refuses_naming_each(tmp_path: Path) -> None:
    done = madoguchi(clean_env(tmp_path), "check")
    assert done.returncode == 2
    for name in REQUIRED:
        assert name in done.stderr
    assert "本番モードに必要な設定がありません" in done.stderr
    assert "production mode needs these settings, which are missing" in done.stderr
    assert "署名と暗号化の秘密鍵" in done.stderr and "the database" in done.stderr
    assert "make run" in done.stderr  # where the demo is
    assert "Traceback" not in done.stderr


def test_the_refusal_names_only_what_is_missing(tmp_path: Path) -> None:
    env = production(tmp_path)
    del env["DATABASE_URL"]
    done = madoguchi(env, "check")
    assert done.returncode == 2
    assert "DATABASE_URL" in done.stderr
    assert "DJANGO_SECRET_KEY" not in done.stderr and "DJANGO_ALLOWED_HOSTS" not in done.stderr


def test_the_wsgi_application_refuses_too(tmp_path: Path) -> None:
    """What gunicorn loads: the same refusal (settings load at import)."""
    env = {**clean_env(tmp_path), "DJANGO_SETTINGS_MODULE": "madoguchi.config.settings"}
    done = run(env, sys.executable, "-c", "import madoguchi.config.wsgi")
    assert done.returncode != 0
    assert "SettingsRefused" in done.stderr and "DJANGO_SECRET_KEY" in done.stderr


def test_with_exactly_the_three_settings_check_deploy_reports_no_issue(tmp_path: Path) -> None:
    done = madoguchi(production(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_production_defaults_derive_from_the_three_settings(tmp_path: Path) -> None:
    found = probe(production(tmp_path))
    assert found["debug"] is False
    assert found["site_url"] == f"https://{HOST}"  # the first allowed host
    assert found["from"] == f"窓口 Madoguchi <noreply@{HOST}>"
    assert found["backend"] == "django.core.mail.backends.smtp.EmailBackend"
    assert found["routed"] is False and found["outbox"] == 404  # no mail viewer
    assert found["plain"] == 301 and found["plain_location"] == f"https://{HOST}/outbox/"


def test_production_refuses_the_published_development_key(tmp_path: Path) -> None:
    from django.conf import settings

    env = production(tmp_path, DJANGO_SECRET_KEY=settings.DEVELOPMENT_KEY)
    done = madoguchi(env, "check")
    assert done.returncode == 2
    assert "DJANGO_SECRET_KEY" in done.stderr and "公開されている開発用の鍵" in done.stderr


def test_a_wildcard_first_host_needs_an_explicit_site_url(tmp_path: Path) -> None:
    env = production(tmp_path, DJANGO_ALLOWED_HOSTS=f".{HOST}")
    done = madoguchi(env, "check")
    assert done.returncode == 2 and "MADOGUCHI_SITE_URL" in done.stderr
    env["MADOGUCHI_SITE_URL"] = f"https://portal.{HOST}/"
    assert madoguchi(env, "check").returncode == 0


def test_an_unknown_mode_is_refused(tmp_path: Path) -> None:
    done = madoguchi(clean_env(tmp_path, MADOGUCHI_MODE="debug"), "check")
    assert done.returncode == 2 and "MADOGUCHI_MODE" in done.stderr


def test_demo_mode_has_debug_and_the_outbox_for_this_machine_only(tmp_path: Path) -> None:
    found = probe(clean_env(tmp_path, MADOGUCHI_MODE="demo"))
    assert found["debug"] is True
    assert found["site_url"] == "http://127.0.0.1:8000"
    assert found["routed"] is True and found["outbox"] == 200 and found["outbox_shows_mail"]
    assert found["remote"] == 403  # another machine gets nothing from the demo


def test_test_mode_has_neither_debug_nor_the_outbox(tmp_path: Path) -> None:
    found = probe(clean_env(tmp_path, MADOGUCHI_MODE="test"))
    assert found["debug"] is False
    assert found["routed"] is False and found["outbox"] == 404


@pytest.mark.parametrize("value", ["1", "true"])
def test_django_debug_is_not_read_outside_demo_mode(tmp_path: Path, value: str) -> None:
    found = probe(production(tmp_path, DJANGO_DEBUG=value))
    assert found["debug"] is False and found["routed"] is False


def test_every_setting_read_from_the_environment_is_in_the_settings_table() -> None:
    """The table at the top of config/settings.py lists every variable the code reads, and nothing but
    config/ reads the environment (beyond naming the settings module)."""
    import re

    import madoguchi.config.settings as settings_module

    src = Path(settings_module.__file__).resolve().parent.parent
    config = Path(settings_module.__file__).resolve().parent
    text = "".join(
        (config / name).read_text(encoding="utf-8") for name in ("settings.py", "storages.py")
    )
    read = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z0-9_]+)"', text))
    read |= {"MADOGUCHI_MODE", *REQUIRED}  # config/env.py: the mode and the refusal
    table = set()
    for line in (settings_module.__doc__ or "").splitlines():
        if line.startswith("| ") and not line.startswith("| variable"):
            table |= set(re.findall(r"[A-Z][A-Z0-9_]+", line.split("|")[1]))
    assert read <= table, f"missing from the table: {sorted(read - table)}"
    assert table <= read, f"in the table but never read: {sorted(table - read)}"
    readers = [
        path.relative_to(src).as_posix()
        for path in src.rglob("*.py")
        if "os.environ" in (code := path.read_text(encoding="utf-8"))
        and "config/" not in path.relative_to(src).as_posix()
        and code.count("os.environ") != code.count('os.environ.setdefault("DJANGO_SETTINGS_MODULE"')
    ]
    assert readers == [], readers
