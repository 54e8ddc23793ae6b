"""Small readers for settings taken from the environment, and the refusal to start without them."""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

# What each setting that production cannot do without is for (Japanese, English).
REQUIRED_IN_PRODUCTION = {
    "DJANGO_SECRET_KEY": (
        "署名と暗号化の秘密鍵（50 文字以上のランダムな文字列）",
        "the key for signatures and encryption (50 or more random characters)",
    ),
    "DJANGO_ALLOWED_HOSTS": (
        "公開するホスト名（カンマ区切り。先頭がサイトの URL になります）",
        "the public host names, comma separated (the first one gives the site URL)",
    ),
    "DATABASE_URL": (
        "データベース（postgres://ユーザー:パスワード@ホスト:5432/データベース名）",
        "the database (postgres://user:password@host:5432/name)",
    ),
}
MODES = ("demo", "test", "production")


class SettingsRefused(ImproperlyConfigured):
    """Raised while the settings load: the server, the commands and the worker refuse to start."""


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, *, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise SettingsRefused(
            f"{name} は整数で指定してください（いまの値: {value!r}）。\n"
            f"{name} must be a whole number (it is {value!r})."
        ) from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def mode() -> str:
    """The run mode: ``demo`` (make run), ``test`` (pytest, benchmarks) or ``production`` (else)."""
    value = os.environ.get("MADOGUCHI_MODE", "").strip().lower() or "production"
    if value not in MODES:
        raise SettingsRefused(
            f"MADOGUCHI_MODE は demo・test・production のいずれかです（いまの値: {value!r}）。\n"
            f"MADOGUCHI_MODE is one of demo, test, production (it is {value!r})."
        )
    return value


def require_production_settings() -> None:
    """Refuse to start in production unless every required setting is given, naming each missing one."""
    missing = [name for name in REQUIRED_IN_PRODUCTION if not os.environ.get(name, "").strip()]
    if not missing:
        return
    width = max(len(name) for name in missing)
    lines = [
        "窓口 Madoguchi を起動できません。本番モードに必要な設定がありません:",
        "Madoguchi refuses to start: production mode needs these settings, which are missing:",
        "",
    ]
    for name in missing:
        japanese, english = REQUIRED_IN_PRODUCTION[name]
        lines += [f"  {name.ljust(width)}  {japanese}", f"  {' ' * width}  {english}"]
    lines += [
        "",
        "ローカルのデモは make run（MADOGUCHI_MODE=demo）で起動します。設定の一覧は README.md の「本番環境の設定」にあります。",
        "For the local demo run `make run` (MADOGUCHI_MODE=demo). README.md, 'Production settings', lists every setting.",
    ]
    raise SettingsRefused("\n".join(lines))


def refuse(name: str, japanese: str, english: str) -> None:
    raise SettingsRefused(f"{name}: {japanese}\n{name}: {english}")


def site_url_from(explicit: str, hosts: list[str]) -> str:
    """The public base URL: as given, or https:// and the first allowed host."""
    if explicit:
        parts = urlsplit(explicit)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            refuse(
                "MADOGUCHI_SITE_URL",
                f"https://ホスト名 の形で指定してください（いまの値: {explicit!r}）。",
                f"give it as https://host (it is {explicit!r}).",
            )
        return explicit.rstrip("/")
    first = hosts[0] if hosts else ""
    if not first or first == "*" or first.startswith("."):
        refuse(
            "MADOGUCHI_SITE_URL",
            f"DJANGO_ALLOWED_HOSTS の先頭（{first!r}）からサイトの URL を決められません。MADOGUCHI_SITE_URL を指定してください。",
            f"the first of DJANGO_ALLOWED_HOSTS ({first!r}) cannot give the site URL; set MADOGUCHI_SITE_URL.",
        )
    return f"https://{first}"
