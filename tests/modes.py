"""Environments for subprocesses in a given run mode (config/settings.py): nothing inherited from the
test process's own settings. Run them in their HOME (the test's ``tmp_path``): the var folder is then
``tmp_path / "var"``, and nothing but the settings named here is set."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

MADOGUCHI = str(Path(sys.executable).with_name("madoguchi"))
HOST = "madoguchi.example.jp"


def clean_env(home: Path, **settings: str) -> dict[str, str]:
    """This process's environment without any Madoguchi, Django, database, broker or mail setting;
    HOME is ``home``, where the subprocess is to run."""
    prefixes = ("DJANGO_", "MADOGUCHI_", "DATABASE_", "CELERY_", "EMAIL_", "CACHE_URL")
    env = {k: v for k, v in os.environ.items() if not k.startswith(prefixes)}
    env.update(settings, HOME=str(home))
    return env


def production(tmp_path: Path, **extra: str) -> dict[str, str]:
    """Exactly the three required settings (plus ``extra``)."""
    required = {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": f"{HOST},www.{HOST}",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
    }
    return clean_env(tmp_path, **{**required, **extra})


def run(env: dict[str, str], *argv: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run a command of ours in ``env``'s HOME, capturing its output."""
    return subprocess.run(  # noqa: S603 - our own interpreter and console scripts
        argv, env=env, cwd=env["HOME"], capture_output=True, text=True, timeout=timeout, check=False
    )
