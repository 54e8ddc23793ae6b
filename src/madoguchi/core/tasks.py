"""Queueing background work after the current transaction commits (CONVENTIONS rule 4)."""

from typing import Any

from celery import Task
from django.db import transaction


def enqueue_on_commit(task: Task, *args: Any, **kwargs: Any) -> None:
    """Queue ``task`` with ids (never objects) once the surrounding transaction has committed.

    With no broker configured, Celery runs it eagerly in this process at that moment.
    """
    transaction.on_commit(lambda: task.delay(*args, **kwargs))
