"""The edge (portal.edge): every part of a request the platform reads is checked once, and what no view
could take is a Japanese 400 in the error shape of the API the path belongs to."""

import base64
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from madoguchi.portal.edge.checks import MAX_PATH_LENGTH, MAX_SEGMENT_LENGTH

pytestmark = pytest.mark.django_db

CONTROL = "に使用できない文字（NUL 文字などの制御文字）が含まれています。"  # after the part named


def page_message(response: Any) -> str:
    assert response.status_code == 400
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = response.content.decode()
    assert "<h1>要求を受け付けられません</h1>" in html
    return html


def basic(client_id: str) -> str:
    return "Basic " + base64.b64encode(f"{client_id}:not-a-secret".encode()).decode()


# --- the path -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/subsidies/%00/", "/staff/subsidies/%00/edit/", "/admin/auth/group/%00/change/", "/%01"],
)
def test_a_control_character_in_the_path_is_a_page_saying_so(client: Client, path: str) -> None:
    html = page_message(client.get(path))
    assert "URL のパス" + CONTROL in html


def test_the_path_in_each_api_gets_that_apis_error_shape(client: Client) -> None:
    ours = client.get("/api/v1/corporations/%00")
    assert ours.status_code == 400
    assert ours.json() == {
        "code": "invalid",
        "message": "入力内容に誤りがあります。URL のパス" + CONTROL,
        "errors": [
            {"field": "path", "code": "control_character", "message": "URL のパス" + CONTROL}
        ],
    }
    jgrants = client.get("/exp/v1/public/subsidies/id/%00")
    assert (jgrants.status_code, jgrants.json()) == (400, {"message": "Bad request"})
    assert jgrants["Access-Control-Allow-Origin"] == "*"
    # /4/ answers its one-line CSV error even for a path that names no endpoint.
    nta = client.get("/4/%00?type=01")
    assert nta.status_code == 400
    assert nta["Content-Type"] == "text/csv; charset=Shift_JIS"
    assert nta.content.decode("cp932") == "001,URL のパス" + CONTROL + "\r\n"


@pytest.mark.parametrize("path", ["/subsidies/%ff%fe/", "/registry/%c0%ae%c0%ae/", "/%80"])
def test_a_path_that_is_not_utf8_names_nothing(client: Client, path: str) -> None:
    # Django keeps such bytes escaped: the view sees the ASCII text "%FF%FE", which names nothing.
    assert client.get(path).status_code == 404


def test_japanese_in_the_path_is_not_refused(client: Client) -> None:
    assert client.get("/registry/%E6%97%A5%E6%9C%AC/").status_code == 404


def test_an_overlong_path_is_refused(client: Client) -> None:
    assert client.get("/subsidies/" + "a" * MAX_SEGMENT_LENGTH + "/").status_code == 404
    page_message(client.get("/subsidies/" + "a" * (MAX_SEGMENT_LENGTH + 1) + "/"))
    page_message(client.get("/registry/" + "a/" * (MAX_PATH_LENGTH // 2)))


# --- headers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "value", "name"),
    [
        ("HTTP_USER_AGENT", "Mozilla\x00", "User-Agent"),
        ("HTTP_X_FORWARDED_FOR", "203.0.113.1\r\nX: y", "X-Forwarded-For"),
        ("HTTP_REFERER", "http://testserver/\x7f", "Referer"),
        ("HTTP_AUTHORIZATION", "Bearer abc\x00", "Authorization"),
    ],
)
def test_a_control_character_in_any_header_is_refused(
    client: Client, header: str, value: str, name: str
) -> None:
    html = page_message(client.get("/", **{header: value}))
    assert f"ヘッダー「{name}」{CONTROL}" in html


def test_a_tab_and_utf8_text_in_a_header_are_allowed(client: Client) -> None:
    assert client.get("/", HTTP_USER_AGENT="Mozilla\t5.0").status_code == 200
    # WSGI hands header bytes over as Latin-1: "日本" arrives as "æ\x97¥æ\x9c¬", which is no C1 control.
    assert client.get("/", HTTP_USER_AGENT="日本".encode().decode("latin-1")).status_code == 200


def test_a_control_character_in_a_cookie_is_refused(client: Client) -> None:
    # Cookie values may carry octal escapes that Python's cookie parser turns into characters.
    response = client.get("/", HTTP_COOKIE='sessionid="\\000abcdefgh12345"')
    assert "クッキー「sessionid」" + CONTROL in page_message(response)


@pytest.mark.parametrize("endpoint", ["/oauth/token", "/oauth/revoke", "/oauth/token/"])
@pytest.mark.parametrize("client_id", ["%00", "demo\x00", "a\nb"])
def test_nul_in_basic_client_credentials_is_refused_in_the_oauth_shape(
    client: Client, endpoint: str, client_id: str
) -> None:
    response = client.post(
        endpoint,
        {"grant_type": "client_credentials", "token": "x"},
        HTTP_AUTHORIZATION=basic(client_id),
    )
    assert response.status_code == 400
    assert response["Cache-Control"] == "no-store"
    assert response.json() == {
        "error": "invalid_request",
        "error_description": "Request refused: control_character in Authorization",
    }


def test_the_oauth_pages_people_see_get_the_page(client: Client) -> None:
    page_message(client.get("/oauth/authorize?client_id=%00&response_type=code"))


# --- query, forms, files -------------------------------------------------------------------------------


def test_nul_in_a_parameter_is_refused_in_each_shape(client: Client) -> None:
    assert "パラメーター「q」" + CONTROL in page_message(
        client.get("/registry/?q=%E6%97%A5%00%E7%AB%8B")
    )
    response = client.get("/api/v1/corporations?name=%E5%B1%B1%00")
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "field": "name",
            "code": "control_character",
            "message": "パラメーター「name」" + CONTROL,
        }
    ]
    for path in ["/4/name?id=x&name=a%00b&type=12", "/4/num?id=x&number=7000012050002%00&type=02"]:
        nta = client.get(path)
        assert nta.status_code == 400
        assert nta.content.decode().startswith("001,パラメーター「")


def test_a_query_that_is_not_utf8_is_refused(client: Client) -> None:
    # Django would quietly turn the bytes into U+FFFD and search for that.
    html = page_message(client.get("/registry/?q=%93%fa%96%7b"))  # 日本 in Shift_JIS
    assert "URL のパラメーターを UTF-8 の文字として読めません" in html


def test_c1_control_characters_are_refused_too(client: Client) -> None:
    assert "パラメーター「q」" + CONTROL in page_message(client.get("/registry/?q=a%C2%85b"))


def test_line_breaks_and_tabs_in_values_are_allowed(client: Client) -> None:
    assert client.get("/registry/?q=%E6%97%A5%0A%09%E7%AB%8B").status_code == 200


def test_too_many_parameters_are_refused_in_japanese(client: Client) -> None:
    query = "&".join(f"p{i}=1" for i in range(1001))
    assert "多すぎます" in page_message(client.get("/registry/?" + query))


def test_a_body_over_djangos_limit_is_refused_in_japanese(client: Client, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    response = client.post("/accounts/login/", {"login": "x" * 200, "password": "x"})
    assert "送信内容が大きすぎます。" in page_message(response)
    response = client.post(
        "/api/v1/corporations", data="[" + "1," * 100 + "1]", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "送信内容が大きすぎます。"


def test_nul_in_a_form_field_is_refused_naming_the_field(client: Client) -> None:
    response = client.post("/accounts/login/", {"login": "a\x00@example.jp", "password": "x"})
    assert "項目「login」" + CONTROL in page_message(response)


def test_a_form_body_that_is_not_utf8_is_refused(client: Client) -> None:
    response = client.post(
        "/accounts/login/",
        b"login=%82%a0&password=x",
        content_type="application/x-www-form-urlencoded",
    )
    assert "送信内容を UTF-8 の文字として読めません" in page_message(response)


def test_multipart_fields_are_checked_and_file_contents_are_not(client: Client) -> None:
    upload = SimpleUploadedFile("a\x00.pdf", b"%PDF-1.7 \x00 binary is fine")
    response = client.post("/accounts/login/", {"login": "x\x00", "proof": upload})
    assert "項目「login」" + CONTROL in page_message(response)
    upload = SimpleUploadedFile("a\x00.pdf", b"%PDF-1.7 \x00 binary is fine")
    response = client.post("/accounts/login/", {"login": "x@example.jp", "proof": upload})
    assert response.status_code == 200  # Django strips control characters from file names


def test_a_broken_multipart_body_is_refused_in_japanese(client: Client) -> None:
    response = client.post(
        "/accounts/login/",
        b'--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated',
        content_type="multipart/form-data",  # no boundary
    )
    assert "送信内容を読み取れません" in page_message(response)


# --- JSON bodies -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('{"name": "a\\u0000"}', "本文（JSON）の「name」" + CONTROL),
        (
            "[" * 100_000 + "]" * 100_000,
            "本文（JSON）の入れ子が深すぎます（配列とオブジェクトは 64 段まで）。",
        ),
        (
            '{"page": NaN}',
            "本文（JSON）を JSON として読めません（NaN は JSON の値ではありません）。",
        ),
        ("{", "本文（JSON）を JSON として読めません（1 行 2 列: "),
    ],
)
def test_json_bodies_are_read_bounded(client: Client, body: str, message: str) -> None:
    response = client.post("/api/v1/corporations", data=body, content_type="application/json")
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["field"] == "body"
    assert error["message"].startswith(message)


def test_json_with_a_structured_suffix_is_read_too(client: Client) -> None:
    body = json.dumps({"ops": [{"value": "\x00"}]})
    response = client.patch("/identity/", data=body, content_type="application/merge-patch+json")
    assert "本文（JSON）の「ops[0].value」" + CONTROL in page_message(response)


def test_djangos_own_400_is_japanese(client: Client) -> None:
    response = client.get("/", HTTP_HOST="evil.example")  # not an allowed host
    assert response.status_code == 400
    assert "要求を受け付けられません" in response.content.decode()
