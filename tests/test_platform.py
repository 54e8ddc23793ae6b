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
@pytest.mark.parametrize(
    "path",
    [
        "/registry/?q=%E6%97%A5%00%E7%AB%8B",
        "/api/v1/corporations?name=%00",
        "/4/name?id=x&name=a%00b&type=12",
        "/4/num?id=x&number=7000012050002%00&type=12",
    ],
)
def test_nul_character_in_any_parameter_is_refused_in_japanese(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 400
    assert "NUL 文字" in response.content.decode()


@pytest.mark.django_db
def test_nul_character_in_the_api_gets_the_api_error_shape(client: Client) -> None:
    response = client.get("/api/v1/corporations?name=%E5%B1%B1%00")
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "name", "message": "name に使用できない文字（NUL 文字 \\x00）が含まれています。"}
    ]


@pytest.mark.django_db
def test_nul_character_in_a_json_body_is_refused(client: Client) -> None:
    response = client.post(
        "/api/v1/corporations", data='{"name": "a\\u0000"}', content_type="application/json"
    )
    assert response.status_code == 400
    assert "NUL 文字" in response.content.decode()


@pytest.mark.django_db
def test_interactive_api_docs_load_nothing_from_outside(client: Client) -> None:
    html = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn." not in html and "https://" not in html.split("</head>")[0]
