"""Introducing divisions loses nothing: subsidies, procedures and forms that existed before move
into a default division, and the programme officers and procedure builders of the time join it,
so that they still reach what they reached before."""

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("identity", "0002_private_files"),
    ("grants", "0004_updated_index"),
    ("forms", "0002_private_files"),
]


@pytest.mark.django_db(transaction=True)
def test_existing_rows_and_staff_move_into_the_default_division() -> None:
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    old: Any = executor.loader.project_state(BEFORE).apps
    group = old.get_model("auth", "Group").objects.get_or_create(name="programme_officer")[0]
    User = old.get_model("identity", "User")
    officer = User.objects.create(username="officer", email="officer@example.go.jp", is_staff=True)
    officer.groups.add(group)
    clerk = User.objects.create(username="clerk", email="clerk@example.go.jp", is_staff=True)
    old.get_model("grants", "Subsidy").objects.create(
        id="a0W5h00000MIGRATE1", name="S-01100001", title="移行前の補助金"
    )
    form = old.get_model("forms", "Form").objects.create(title="移行前のフォーム")
    old.get_model("forms", "Procedure").objects.create(slug="before", title="移行前", form=form)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(latest)
    new: Any = executor.loader.project_state(latest).apps
    division = new.get_model("identity", "Division").objects.get(code="default")
    assert division.name == "既定の部署"
    assert new.get_model("grants", "Subsidy").objects.get().division_id == division.pk
    assert new.get_model("forms", "Form").objects.get().division_id == division.pk
    assert new.get_model("forms", "Procedure").objects.get().division_id == division.pk
    members = set(division.members.values_list("username", flat=True))
    assert members == {"officer"}  # an officer keeps their subsidies; staff without the role don't
    assert clerk.username not in members
