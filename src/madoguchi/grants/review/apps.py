from typing import Any

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def _review_role_permissions(sender: AppConfig, **kwargs: Any) -> None:
    # After identity's ensure_roles (which runs after the last app's post_migrate).
    if sender is list(apps.get_app_configs())[-1]:
        from madoguchi.grants.review.roles import ensure_review_permissions

        ensure_review_permissions()


class ReviewConfig(AppConfig):
    name = "madoguchi.grants.review"
    label = "grant_review"
    verbose_name = "補助金の審査と採否"

    def ready(self) -> None:
        post_migrate.connect(_review_role_permissions, dispatch_uid="grant-review-role-permissions")
