"""The platform answers: pages render in Japanese first, English on request, staff area behind login."""

import pytest
from django.db import connection
from django.test import Client


@pytest.mark.django_db
def test_home_page_is_japanese_by_default(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="ja">' in response.content.decode()
    assert "ひとつの窓口" in response.content.decode()


@pytest.mark.django_db
def test_language_switch_to_english(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.django_db
def test_staff_area_requires_login(client: Client) -> None:
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"


@pytest.mark.django_db
def test_postgresql_database_indexes_japanese_trigrams() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL の検査（SQLite で実行中）")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_encoding_to_char(encoding), datctype FROM pg_database "
            "WHERE datname = current_database()"
        )
        encoding, ctype = cursor.fetchone()
        assert encoding == "UTF8"
        assert "UTF-8" in ctype.upper() or "UTF8" in ctype.upper()


@pytest.mark.django_db
def test_an_english_browser_still_gets_japanese_first(client: Client) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="ja">' in response.content.decode()


@pytest.mark.django_db
def test_interactive_api_docs_load_nothing_from_outside(client: Client) -> None:
    html = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn." not in html and "https://" not in html.split("</head>")[0]
