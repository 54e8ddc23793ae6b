"""`madoguchi demo` loads what README promises, and loading it twice changes nothing."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from madoguchi.registry.models import Corporation, WebApiApplication


@pytest.mark.django_db(transaction=True)
def test_demo_loads_registry_staff_and_webapi_id(settings, tmp_path: Path, client) -> None:  # type: ignore[no-untyped-def]
    settings.VAR_DIR = tmp_path
    call_command("demo", stdout=StringIO())
    corporations = Corporation.objects.count()
    assert corporations > 10_000
    assert WebApiApplication.objects.filter(application_id="madoguchi-demo-app").exists()
    assert client.login(username="staff", password="madoguchi-demo-2026")

    out = StringIO()
    call_command("demo", stdout=out)
    assert Corporation.objects.count() == corporations
    assert "スキップ 1" in out.getvalue()

    response = client.get(
        "/4/name", {"id": "madoguchi-demo-app", "name": "商事", "type": "02", "mode": "2"}
    )
    assert response.status_code == 200
