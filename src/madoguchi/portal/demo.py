"""Demo data for every context, so that each feature is visible right after ``make run``."""

from collections.abc import Iterator

from django.contrib.auth import get_user_model

DEMO_STAFF_USERNAME = "staff"
DEMO_STAFF_PASSWORD = "madoguchi-demo-2026"  # noqa: S105 - a published demo login (README)


def load_staff() -> str:
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=DEMO_STAFF_USERNAME,
        defaults={"is_staff": True, "is_superuser": True, "email": "staff@madoguchi.example"},
    )
    if created:
        user.set_password(DEMO_STAFF_PASSWORD)
        user.save(update_fields=["password"])
    return f"職員ログイン: {DEMO_STAFF_USERNAME} / {DEMO_STAFF_PASSWORD}"


def load_all() -> Iterator[str]:
    yield load_staff()
