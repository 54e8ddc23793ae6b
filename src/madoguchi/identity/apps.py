from typing import Any

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def _ensure_roles_after_migrate(sender: AppConfig, **kwargs: Any) -> None:
    # After the last app's post_migrate, when every context's permissions exist.
    if sender is list(apps.get_app_configs())[-1]:
        from madoguchi.identity.roles import ensure_roles

        ensure_roles()


class IdentityConfig(AppConfig):
    name = "madoguchi.identity"
    label = "identity"
    verbose_name = "事業者認証（gBizID 相当）"

    def ready(self) -> None:
        from madoguchi.identity import receivers  # noqa: F401 - connects the audit receivers

        post_migrate.connect(_ensure_roles_after_migrate, dispatch_uid="identity-ensure-roles")
