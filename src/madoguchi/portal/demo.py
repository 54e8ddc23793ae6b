"""Demo data for every context, so that each feature is visible right after ``make run``."""

from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model

DEMO_STAFF_USERNAME = "staff"
DEMO_STAFF_PASSWORD = "madoguchi-demo-2026"  # noqa: S105 - a published demo login (README)
DEMO_STAFF_EMAIL = "staff@madoguchi.example"


def load_staff() -> str:
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=DEMO_STAFF_USERNAME,
        defaults={"is_staff": True, "is_superuser": True, "email": DEMO_STAFF_EMAIL},
    )
    if created:
        user.set_password(DEMO_STAFF_PASSWORD)
        user.save(update_fields=["password"])
    return (
        f"職員ログイン: {DEMO_STAFF_EMAIL} / {DEMO_STAFF_PASSWORD}（続けて TOTP。秘密鍵は README）"
    )


DEMO_REGISTRY_ROWS = 20_000
DEMO_REGISTRY_SEED = 2026
DEMO_WEBAPI_ID = "madoguchi-demo-app"


def load_registry() -> Iterator[str]:
    """A synthetic NTA full file (same seed, same file), imported once; a demo Web-API id."""
    import io

    from madoguchi.registry.generator import generate_file
    from madoguchi.registry.importer import import_paths
    from madoguchi.registry.models import WebApiApplication

    path = Path(settings.VAR_DIR) / "demo" / "00_zenkoku_all_20261031.zip"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        generate_file(path, rows=DEMO_REGISTRY_ROWS, seed=DEMO_REGISTRY_SEED)
    out = io.StringIO()
    summary = import_paths([path], force=False, progress=False, stdout=out, stderr=out)
    yield from summary.lines()
    WebApiApplication.objects.get_or_create(
        application_id=DEMO_WEBAPI_ID,
        defaults={"name": "デモ用アプリケーション", "contact_email": "dev@madoguchi.example"},
    )
    yield f"Web-API（/4/）のデモ用アプリケーションID: {DEMO_WEBAPI_ID}"


def load_all() -> Iterator[str]:
    yield load_staff()
    yield from load_registry()
    from madoguchi.identity import demo as identity_demo  # accounts, MFA, mandate, review queue

    yield from identity_demo.load()
    yield from identity_demo.load_divisions()  # divisions (部署) and their staff
    from madoguchi.grants import demo as grants_demo  # subsidies, with real PDFs

    yield from grants_demo.load()
    from madoguchi.grants.applications import demo as applications_demo  # applications in states

    yield from applications_demo.load()
    from madoguchi.grants.review import demo as review_demo  # criteria, reviewer, scores, notices

    yield from review_demo.load()
    from madoguchi.forms import demo as forms_demo  # procedures, two-step approval

    yield from forms_demo.load()
    from madoguchi.identity.oidc import demo as oidc_demo  # OpenID Connect demo relying party

    yield from oidc_demo.load()
