from typing import Any

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def _grant_role_permissions(sender: AppConfig, **kwargs: Any) -> None:
    # After identity's ensure_roles (which runs after the last app's post_migrate).
    if sender is list(apps.get_app_configs())[-1]:
        from madoguchi.grants.applications.roles import ensure_application_permissions

        ensure_application_permissions()


class ApplicationsConfig(AppConfig):
    name = "madoguchi.grants.applications"
    label = "applications"
    verbose_name = "補助金の申請"

    def ready(self) -> None:
        post_migrate.connect(_grant_role_permissions, dispatch_uid="applications-role-permissions")
