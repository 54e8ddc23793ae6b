"""Project configuration. Importing it loads the Celery app so that ``@shared_task`` binds to it."""

from madoguchi.config.celery import app as celery_app

__all__ = ["celery_app"]
