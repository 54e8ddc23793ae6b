"""Property-based test of every JSON endpoint in the OpenAPI document: no input gives a server error.

Schemathesis reads /api/v1/openapi.json from the Django WSGI application and generates valid and invalid
requests for each operation (a bounded number, so the test runs in seconds), with a few corporations in
the database so lookups also find something.
"""

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from madoguchi.config.wsgi import application
from tests.registry.factories import CorporationFactory, version_of

MAX_EXAMPLES = 40


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def keep_test_connection() -> Iterator[None]:
    """Requests go straight to the WSGI application, which closes old database connections when a
    request ends; inside a test's transaction that would close the test's connection (PostgreSQL).
    Django's own test client turns this off the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def corporations(db: None, keep_test_connection: None) -> None:
    """A few corporations to find: a closed one with a former name, a ministry, one hidden."""
    merged = CorporationFactory(
        corporate_number="4000012090001", name="旧商事株式会社", close_date="2024-03-31"
    )
    CorporationFactory(corporate_number="7000012050002", name="国税庁", kind="101")
    version_of(merged, name="旧商事有限会社")
    CorporationFactory(name="株式会社ＩｏＴラボ", furigana="アイオーティーラボ", hihyoji=True)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_input_gives_a_server_error(case: schemathesis.Case, corporations: None) -> None:
    case.call_and_validate(checks=[not_a_server_error])
