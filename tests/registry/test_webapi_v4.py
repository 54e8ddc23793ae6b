"""The NTA-compatible Web-API Ver.4: /4/num, /4/diff and /4/name as an existing client sees them."""

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from madoguchi.registry.enums import Kind, Process
from madoguchi.registry.models import Corporation, CorporationVersion, WebApiApplication
from madoguchi.registry.nta_format import COLUMN_NAMES, RECORD_FIELDS, fingerprint
from madoguchi.registry.searchtext import search_fields
from madoguchi.registry.webapi_v4.services import webapi_application_record_use
from tests.registry.factories import CorporationFactory, corporate_number_from, version_of

pytestmark = pytest.mark.django_db

NTA = "7000012050002"  # 国税庁
METI = "4000012090001"  # 経済産業省
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'


@pytest.fixture
def app_id() -> str:
    return WebApiApplication.objects.create(name="既存クライアント").application_id


def call(client: Client, endpoint: str, app_id: str | None, **params: Any) -> Any:
    query = {k: v for k, v in params.items() if v is not None}
    if app_id is not None:
        query["id"] = app_id
    return client.get(f"/4/{endpoint}", query)


def read_csv(response: Any, encoding: str = "utf-8") -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(response.content.decode(encoding), newline="")))
    return rows[0], rows[1:]


def read_xml(response: Any) -> tuple[dict[str, str], list[dict[str, str]]]:
    root = ET.fromstring(response.content)  # noqa: S314 — our own output, not untrusted input
    assert root.tag == "corporations"
    header = {e.tag: e.text or "" for e in root if e.tag != "corporation"}
    records = []
    for corporation in root.findall("corporation"):
        assert [child.tag for child in corporation] == list(COLUMN_NAMES)
        records.append({child.tag: child.text or "" for child in corporation})
    return header, records


def error_of(response: Any, encoding: str = "utf-8") -> tuple[int, str, str]:
    code, message = response.content.decode(encoding).removesuffix("\r\n").split(",", 1)
    return response.status_code, code, message


def nta(**changes: Any) -> Corporation:
    values: dict[str, Any] = {
        "corporate_number": NTA,
        "name": "国税庁",
        "furigana": "コクゼイチョウ",
        "en_name": "National Tax Agency",
        "kind": Kind.NATIONAL_AGENCY,
        "update_date": dt.date(2024, 3, 11),
        "change_date": dt.date(2015, 10, 5),
        "street_number": "霞が関３丁目１－１",
        "post_code": "1008978",
    }
    values.update(changes)
    return CorporationFactory(**values)


# --- /4/num ---------------------------------------------------------------------------------------


def test_num_csv_unicode_returns_the_header_line_and_the_30_columns(client: Client, app_id: str):
    corporation = nta()

    response = call(client, "num", app_id, number=NTA, type="02")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=UTF-8"
    assert response.content.endswith(b"\r\n")
    header, rows = read_csv(response)
    assert header == ["2024-03-11", "1", "1", "1"]
    assert len(rows) == 1 and len(rows[0]) == 30
    record = dict(zip(COLUMN_NAMES, rows[0], strict=True))
    assert record["sequenceNumber"] == "1"
    assert record["corporateNumber"] == NTA
    assert record["process"] == "01"
    assert record["updateDate"] == "2024-03-11"
    assert record["name"] == "国税庁"
    assert record["kind"] == "101"
    assert record["nameImageId"] == ""
    assert record["closeDate"] == ""
    assert record["latest"] == "1"
    assert record["hihyoji"] == "0"
    assert record["furigana"] == "コクゼイチョウ"
    assert record["streetNumber"] == corporation.street_number
    # Free text is quoted as in the NTA files, codes are not.
    line = response.content.decode().split("\r\n")[1]
    assert line.startswith(f'1,{NTA},01,0,2024-03-11,2015-10-05,"国税庁",,101,"東京都"')


def test_num_csv_shift_jis_is_cp932_with_geta_for_what_it_cannot_encode(
    client: Client, app_id: str
):
    nta(name="髙島屋〜𠮷野家—テスト", street_number="霞が関３丁目１－１")

    response = call(client, "num", app_id, number=NTA, type="01")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=Shift_JIS"
    header, rows = read_csv(response, "cp932")
    assert header == ["2024-03-11", "1", "1", "1"]
    record = dict(zip(COLUMN_NAMES, rows[0], strict=True))
    # 髙 is in cp932; 〜 and — become cp932's ～ and ―; 𠮷 (outside cp932) becomes 〓.
    assert record["name"] == "髙島屋～〓野家―テスト"
    assert record["streetNumber"] == "霞が関３丁目１－１"


def test_num_xml_has_the_declaration_header_elements_and_empty_elements(
    client: Client, app_id: str
):
    nta()

    response = call(client, "num", app_id, number=NTA, type="12")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=UTF-8"
    text = response.content.decode("utf-8")
    assert text.startswith(XML_DECLARATION + "<corporations><lastUpdateDate>2024-03-11<")
    assert "<nameImageId/>" in text
    header, records = read_xml(response)
    assert header == {
        "lastUpdateDate": "2024-03-11",
        "count": "1",
        "divideNumber": "1",
        "divideSize": "1",
    }
    assert records[0]["corporateNumber"] == NTA
    assert records[0]["name"] == "国税庁"
    assert records[0]["enName"] == "National Tax Agency"
    assert records[0]["closeDate"] == ""


def test_num_xml_escapes_markup_in_names(client: Client, app_id: str):
    nta(en_name='A&B <"Tax"> Agency')

    _, records = read_xml(call(client, "num", app_id, number=NTA, type="12"))

    assert records[0]["enName"] == 'A&B <"Tax"> Agency'


def test_num_returns_several_numbers_by_number_and_skips_unknown_ones(client: Client, app_id: str):
    nta()
    CorporationFactory(corporate_number=METI, name="経済産業省", kind=Kind.NATIONAL_AGENCY)
    unknown = "1180301018771"

    response = call(client, "num", app_id, number=f"{NTA},{unknown},{METI}", type="02")

    header, rows = read_csv(response)
    assert header[1:] == ["2", "1", "1"]
    assert [(r[0], r[1]) for r in rows] == [("1", METI), ("2", NTA)]


def test_num_returns_corporations_excluded_from_search_too(client: Client, app_id: str):
    nta(hihyoji=True)

    _, rows = read_csv(call(client, "num", app_id, number=NTA, type="02"))

    assert rows[0][1] == NTA and rows[0][29] == "1"


def test_num_history_returns_every_version_oldest_first(client: Client, app_id: str):
    corporation = nta(name="国税庁", process=Process.NAME_CHANGE, update_date=dt.date(2020, 1, 6))
    version_of(
        corporation,
        name="旧国税庁",
        process=Process.NEW,
        update_date=dt.date(2015, 10, 30),
        change_date=dt.date(2015, 10, 5),
        latest=False,
    )
    version_of(corporation, change_date=dt.date(2020, 1, 1))

    current = call(client, "num", app_id, number=NTA, type="02", history="0")
    history = call(client, "num", app_id, number=NTA, type="02", history="1")
    history_xml = call(client, "num", app_id, number=NTA, type="12", history="1")

    assert [r[6] for r in read_csv(current)[1]] == ["国税庁"]
    header, rows = read_csv(history)
    assert header[1:] == ["2", "1", "1"]
    assert [(r[0], r[2], r[4], r[6], r[23]) for r in rows] == [
        ("1", "01", "2015-10-30", "旧国税庁", "0"),
        ("2", "11", "2020-01-06", "国税庁", "1"),
    ]
    _, records = read_xml(history_xml)
    assert [r["name"] for r in records] == ["旧国税庁", "国税庁"]


@pytest.mark.parametrize(
    ("number", "code", "message"),
    [
        (None, "040", "法人番号（number）を指定してください。"),
        ("", "040", "法人番号（number）を指定してください。"),
        (
            ",".join([NTA] * 11),
            "043",
            "法人番号（number）は一度に 10 件までです（11 件指定されています）。",
        ),
        (
            "7000012050003",
            "042",
            "法人番号「7000012050003」のチェックディジットが正しくありません。",
        ),
        ("700001205000", "041", "法人番号「700001205000」は13桁の数字ではありません。"),
        (f"{NTA},ABC", "041", "法人番号「ABC」は13桁の数字ではありません。"),
    ],
)
def test_num_refuses_bad_numbers(
    client: Client, app_id: str, number: str | None, code: str, message: str
):
    response = call(client, "num", app_id, number=number, type="02")

    assert error_of(response) == (400, code, message)
    assert response["Content-Type"] == "text/csv; charset=UTF-8"


def test_num_accepts_ten_numbers(client: Client, app_id: str):
    numbers = [corporate_number_from(500 + n) for n in range(10)]

    response = call(client, "num", app_id, number=",".join(numbers), type="02")

    assert response.status_code == 200
    assert read_csv(response)[0][1:] == ["0", "1", "0"]


def test_num_refuses_a_bad_history_flag(client: Client, app_id: str):
    response = call(client, "num", app_id, number=NTA, type="02", history="2")

    assert error_of(response) == (
        400,
        "050",
        "変更履歴要否（history）は 0 か 1 で指定してください。",
    )


@pytest.mark.parametrize(
    ("type_", "code", "message"),
    [
        (None, "070", "応答形式（type）を指定してください。"),
        (
            "03",
            "071",
            "応答形式（type）は 01（CSV Shift-JIS）・02（CSV Unicode）・12（XML Unicode）のいずれかです。",
        ),
        (
            "2",
            "071",
            "応答形式（type）は 01（CSV Shift-JIS）・02（CSV Unicode）・12（XML Unicode）のいずれかです。",
        ),
    ],
)
def test_every_endpoint_refuses_a_missing_or_unknown_type(
    client: Client, app_id: str, type_: str | None, code: str, message: str
):
    assert error_of(call(client, "num", app_id, number=NTA, type=type_)) == (400, code, message)
    diff = call(client, "diff", app_id, type=type_, **{"from": "2024-01-01", "to": "2024-01-31"})
    assert error_of(diff) == (400, code, message)
    assert error_of(call(client, "name", app_id, name="国税庁", type=type_)) == (400, code, message)


def test_errors_are_shift_jis_when_the_client_asked_for_shift_jis(client: Client, app_id: str):
    response = call(client, "num", app_id, number="7000012050003", type="01")

    assert response["Content-Type"] == "text/csv; charset=Shift_JIS"
    assert error_of(response, "cp932") == (
        400,
        "042",
        "法人番号「7000012050003」のチェックディジットが正しくありません。",
    )


# --- application ids ------------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", ["num", "diff", "name"])
def test_a_missing_id_is_refused(client: Client, endpoint: str):
    response = call(client, endpoint, None, number=NTA, name="国税庁", type="12")

    assert response.status_code == 404
    assert response.content == "010,アプリケーションID（id）を指定してください。\r\n".encode()


@pytest.mark.parametrize("endpoint", ["num", "diff", "name"])
def test_an_unknown_or_inactive_id_is_refused_before_the_parameters_are_read(
    client: Client, endpoint: str
):
    inactive = WebApiApplication.objects.create(name="停止済み", is_active=False)
    expected = "011,アプリケーションID（id）が登録されていないか、利用が停止されています。\r\n"

    for app_id in ("no-such-id", inactive.application_id):
        response = call(client, endpoint, app_id, number="bad", type="99")
        assert response.status_code == 404
        assert response["Content-Type"] == "text/csv; charset=UTF-8"
        assert response.content == expected.encode()
    inactive.refresh_from_db()
    assert inactive.last_used_at is None


def test_use_is_stamped_at_most_once_a_minute(client: Client):
    application = WebApiApplication.objects.create(name="利用記録")
    nta()

    call(client, "num", application.application_id, number=NTA, type="02")
    application.refresh_from_db()
    first = application.last_used_at
    assert first is not None
    call(client, "num", application.application_id, number=NTA, type="02")
    application.refresh_from_db()
    assert application.last_used_at == first

    later = first + dt.timedelta(seconds=61)
    assert webapi_application_record_use(application=application, now=later)
    application.refresh_from_db()
    assert application.last_used_at == later
    assert not webapi_application_record_use(application=application, now=later)


def test_the_id_is_checked_once_per_request_and_a_page_costs_a_bounded_number_of_queries(
    client: Client, app_id: str, django_assert_max_num_queries: Any
):
    for n in range(10):
        CorporationFactory(corporate_number=corporate_number_from(900 + n))
    numbers = ",".join(corporate_number_from(900 + n) for n in range(10))
    call(client, "num", app_id, number=NTA, type="02")  # stamps last_used_at

    # id lookup, count, page, latest update date (the stamp is fresh, so no write).
    with django_assert_max_num_queries(4):
        response = call(client, "num", app_id, number=numbers, type="12")
    assert len(read_xml(response)[1]) == 10


def test_only_get_and_head_are_answered(client: Client, app_id: str):
    assert client.post(f"/4/num?id={app_id}&number={NTA}&type=02").status_code == 405
    assert client.head(f"/4/num?id={app_id}&number={NTA}&type=02").status_code == 200


# --- /4/diff --------------------------------------------------------------------------------------


def diff(client: Client, app_id: str, date_from: str | None, date_to: str | None, **params: Any):
    return call(client, "diff", app_id, **{"from": date_from, "to": date_to}, **params)


@pytest.fixture
def versions() -> dict[str, CorporationVersion]:
    """Versions on several dates, places and kinds."""
    tokyo = nta()
    osaka = CorporationFactory(
        name="大阪商事株式会社",
        prefecture_name="大阪府",
        city_name="大阪市北区",
        prefecture_code="27",
        city_code="127",
    )
    abroad = CorporationFactory(
        name="Foreign Corp",
        kind=Kind.FOREIGN_COMPANY,
        prefecture_name="",
        city_name="",
        street_number="",
        prefecture_code="",
        city_code="",
        post_code="",
        address_outside="アメリカ合衆国カリフォルニア州",
    )
    chiyoda_other = CorporationFactory(name="丸の内商事株式会社", city_code="102")
    return {
        "tokyo_new": version_of(
            tokyo, update_date=dt.date(2024, 3, 1), change_date=dt.date(2024, 3, 1)
        ),
        "osaka": version_of(osaka, update_date=dt.date(2024, 3, 1)),
        "abroad": version_of(abroad, update_date=dt.date(2024, 3, 5)),
        "chuo": version_of(chiyoda_other, update_date=dt.date(2024, 3, 8)),
        "tokyo_rename": version_of(
            tokyo,
            name="国税庁（新）",
            process=Process.NAME_CHANGE,
            update_date=dt.date(2024, 3, 10),
        ),
        "too_early": version_of(osaka, name="大阪旧商事", update_date=dt.date(2024, 2, 29)),
        "too_late": version_of(osaka, name="大阪新商事", update_date=dt.date(2024, 3, 11)),
    }


def test_diff_returns_versions_updated_in_the_period_by_date_then_number(
    client: Client, app_id: str, versions: dict[str, CorporationVersion]
):
    expected = sorted(
        [versions[k] for k in ("tokyo_new", "osaka", "abroad", "chuo", "tokyo_rename")],
        key=lambda v: (v.update_date, v.corporate_number),
    )

    header, rows = read_csv(diff(client, app_id, "2024-03-01", "2024-03-10", type="02"))

    assert header[1:] == ["5", "1", "1"]
    assert [(r[0], r[1], r[4], r[6]) for r in rows] == [
        (str(i), v.corporate_number, v.update_date.isoformat(), v.name)
        for i, v in enumerate(expected, start=1)
    ]


def test_diff_in_shift_jis_and_xml(
    client: Client, app_id: str, versions: dict[str, CorporationVersion]
):
    sjis = diff(client, app_id, "2024-03-10", "2024-03-10", type="01")
    xml = diff(client, app_id, "2024-03-10", "2024-03-10", type="12")

    _, rows = read_csv(sjis, "cp932")
    assert [(r[1], r[2], r[6]) for r in rows] == [(NTA, "11", "国税庁（新）")]
    header, records = read_xml(xml)
    assert header["count"] == "1"
    assert [(r["corporateNumber"], r["process"]) for r in records] == [(NTA, "11")]


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("13", ["tokyo_new", "chuo", "tokyo_rename"]),
        ("13101", ["tokyo_new", "tokyo_rename"]),
        ("27", ["osaka"]),
        ("99", ["abroad"]),
        ("01", []),
    ],
)
def test_diff_filters_by_address(
    client: Client,
    app_id: str,
    versions: dict[str, CorporationVersion],
    address: str,
    expected: list[str],
):
    _, rows = read_csv(diff(client, app_id, "2024-03-01", "2024-03-10", type="02", address=address))

    assert sorted(r[6] for r in rows) == sorted(versions[k].name for k in expected)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("01", ["tokyo_new", "tokyo_rename"]),
        ("03", ["osaka", "chuo"]),
        ("04", ["abroad"]),
        ("01,04", ["tokyo_new", "tokyo_rename", "abroad"]),
        ("02", []),
    ],
)
def test_diff_filters_by_kind(
    client: Client,
    app_id: str,
    versions: dict[str, CorporationVersion],
    kind: str,
    expected: list[str],
):
    _, rows = read_csv(diff(client, app_id, "2024-03-01", "2024-03-10", type="02", kind=kind))

    assert sorted(r[6] for r in rows) == sorted(versions[k].name for k in expected)


def test_diff_accepts_the_first_day_and_a_period_of_50_days(client: Client, app_id: str):
    response = diff(client, app_id, "2015-12-01", "2016-01-20", type="02")

    assert response.status_code == 200
    assert read_csv(response)[0][1:] == ["0", "1", "0"]


@pytest.mark.parametrize(
    ("date_from", "date_to", "code", "message"),
    [
        (None, "2024-03-10", "060", "取得期間開始日（from）を YYYY-MM-DD で指定してください。"),
        (
            "2024/03/01",
            "2024-03-10",
            "061",
            "取得期間開始日（from）「2024/03/01」は YYYY-MM-DD の日付ではありません。",
        ),
        (
            "2024-02-30",
            "2024-03-10",
            "061",
            "取得期間開始日（from）「2024-02-30」は YYYY-MM-DD の日付ではありません。",
        ),
        ("2024-03-01", None, "062", "取得期間終了日（to）を YYYY-MM-DD で指定してください。"),
        (
            "2024-03-01",
            "20240310",
            "063",
            "取得期間終了日（to）「20240310」は YYYY-MM-DD の日付ではありません。",
        ),
        (
            "2015-11-30",
            "2015-12-10",
            "064",
            "取得期間開始日（from）は 2015-12-01 以降の日付で指定してください。",
        ),
        (
            "2024-03-10",
            "2024-03-01",
            "065",
            "取得期間終了日（to）は取得期間開始日（from）以降の日付で指定してください。",
        ),
        (
            "2024-01-01",
            "2024-02-21",
            "066",
            "取得期間（from から to まで）は 50 日以内で指定してください。",
        ),
    ],
)
def test_diff_refuses_bad_periods(
    client: Client,
    app_id: str,
    date_from: str | None,
    date_to: str | None,
    code: str,
    message: str,
):
    assert error_of(diff(client, app_id, date_from, date_to, type="02")) == (400, code, message)


ADDRESS_MESSAGE = "所在地（address）は都道府県コード2桁（国外は 99）か、都道府県コードと市区町村コードの5桁で指定してください。"
KIND_MESSAGE = "法人種別（kind）は 01・02・03・04 を最大4つまで、カンマ区切りで指定してください。"
DIVIDE_MESSAGE = "分割番号（divide）は 1 から 99999 までの数字で指定してください。"


@pytest.mark.parametrize(
    ("params", "code", "message"),
    [
        ({"address": "48"}, "080", ADDRESS_MESSAGE),
        ({"address": "00"}, "080", ADDRESS_MESSAGE),
        ({"address": "131"}, "080", ADDRESS_MESSAGE),
        ({"address": "99101"}, "080", ADDRESS_MESSAGE),
        ({"address": "東京"}, "080", ADDRESS_MESSAGE),
        ({"kind": "05"}, "090", KIND_MESSAGE),
        ({"kind": "1"}, "090", KIND_MESSAGE),
        ({"kind": "01,02,03,04,01"}, "090", KIND_MESSAGE),
        ({"divide": "0"}, "095", DIVIDE_MESSAGE),
        ({"divide": "100000"}, "095", DIVIDE_MESSAGE),
        ({"divide": "x"}, "095", DIVIDE_MESSAGE),
        ({"divide": "9" * 5000}, "095", DIVIDE_MESSAGE),
    ],
)
def test_diff_and_name_refuse_bad_filters(
    client: Client, app_id: str, params: dict[str, str], code: str, message: str
):
    response = diff(client, app_id, "2024-03-01", "2024-03-10", type="12", **params)
    assert error_of(response) == (400, code, message)
    response = call(client, "name", app_id, name="国税庁", type="12", **params)
    assert error_of(response) == (400, code, message)


def make_versions(count: int, update_date: dt.date) -> None:
    versions = []
    for n in range(count):
        values: dict[str, Any] = {
            "corporate_number": corporate_number_from(700_000 + n),
            "process": Process.NEW,
            "correct": "0",
            "update_date": update_date,
            "change_date": update_date,
            "name": f"差分会社{n:04d}",
            "kind": Kind.KABUSHIKI_KAISHA,
            "prefecture_name": "東京都",
            "prefecture_code": "13",
            "city_code": "101",
            "latest": True,
        }
        for field in RECORD_FIELDS:
            values.setdefault(field, None if field.endswith("_date") else "")
        values["hihyoji"] = False
        versions.append(CorporationVersion(**values, fingerprint=fingerprint(values)))
    CorporationVersion.objects.bulk_create(versions)


def test_diff_pages_2000_records_at_a_time(
    client: Client, app_id: str, django_assert_max_num_queries: Any
):
    make_versions(2100, dt.date(2024, 5, 1))
    call(client, "num", app_id, number=NTA, type="02")  # stamps last_used_at

    with django_assert_max_num_queries(4):
        first = diff(client, app_id, "2024-05-01", "2024-05-01", type="02")
    second = diff(client, app_id, "2024-05-01", "2024-05-01", type="12", divide="2")
    beyond = diff(client, app_id, "2024-05-01", "2024-05-01", type="02", divide="3")

    header, rows = read_csv(first)
    assert header[1:] == ["2100", "1", "2"]
    assert len(rows) == 2000
    assert (rows[0][0], rows[-1][0]) == ("1", "2000")
    header_xml, records = read_xml(second)
    assert (header_xml["count"], header_xml["divideNumber"], header_xml["divideSize"]) == (
        "2100",
        "2",
        "2",
    )
    assert [r["sequenceNumber"] for r in records] == [str(n) for n in range(2001, 2101)]
    numbers = [r[1] for r in rows] + [r["corporateNumber"] for r in records]
    assert numbers == sorted(numbers) and len(set(numbers)) == 2100
    assert read_csv(beyond) == ([header[0], "2100", "3", "2"], [])


# --- /4/name --------------------------------------------------------------------------------------


def named(name: str, furigana: str = "", en_name: str = "", **values: Any) -> Corporation:
    return CorporationFactory(name=name, furigana=furigana, en_name=en_name, **values)


def names(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return [row[6] for row in read_csv(response)[1]]


def test_name_mode_1_is_prefix_and_mode_2_is_partial(client: Client, app_id: str):
    named("窓口商事株式会社", "マドグチショウジ")
    named("東京窓口株式会社", "トウキョウマドグチ")
    named("関係ない株式会社", "カンケイナイ")

    assert names(call(client, "name", app_id, name="窓口", type="02")) == ["窓口商事株式会社"]
    assert names(call(client, "name", app_id, name="窓口", type="02", mode="1")) == [
        "窓口商事株式会社"
    ]
    assert sorted(names(call(client, "name", app_id, name="窓口", type="02", mode="2"))) == [
        "東京窓口株式会社",
        "窓口商事株式会社",
    ]


def test_name_target_1_is_fuzzy_2_exact_3_english(client: Client, app_id: str):
    named("マドグチ商会", "マドグチショウカイ", "Madoguchi Trading Co., Ltd.")

    assert names(call(client, "name", app_id, name="まどぐち", type="02")) == ["マドグチ商会"]
    assert names(call(client, "name", app_id, name="まどぐち", type="02", target="2")) == []
    assert names(call(client, "name", app_id, name="マドグチ商", type="02", target="2")) == [
        "マドグチ商会"
    ]
    assert names(call(client, "name", app_id, name="madoguchi", type="02", target="3")) == [
        "マドグチ商会"
    ]


def test_name_answers_in_shift_jis_and_xml_ordered_by_number(client: Client, app_id: str):
    created = [
        named("窓口二号株式会社", corporate_number=corporate_number_from(20)),
        named("窓口一号株式会社", corporate_number=corporate_number_from(10)),
        named("窓口三号株式会社", corporate_number=corporate_number_from(30)),
    ]
    expected = sorted((c.corporate_number, c.name) for c in created)

    _, rows = read_csv(call(client, "name", app_id, name="窓口", type="01"), "cp932")
    header, records = read_xml(call(client, "name", app_id, name="窓口", type="12"))

    assert [r[0] for r in rows] == ["1", "2", "3"]
    assert [(r[1], r[6]) for r in rows] == expected
    assert header["count"] == "3"
    assert [(r["corporateNumber"], r["name"]) for r in records] == expected


def test_name_leaves_out_corporations_excluded_from_search_and_deleted_ones(
    client: Client, app_id: str
):
    named("窓口公開株式会社")
    named("窓口除外株式会社", hihyoji=True)
    named("窓口削除株式会社", is_deleted=True, process=Process.DELETION)

    assert names(call(client, "name", app_id, name="窓口", type="02")) == ["窓口公開株式会社"]


def test_name_close_0_leaves_out_closed_corporations(client: Client, app_id: str):
    named("窓口営業中株式会社")
    named(
        "窓口清算済株式会社",
        process=Process.CLOSURE,
        close_date=dt.date(2023, 6, 30),
        close_cause="01",
    )

    both = call(client, "name", app_id, name="窓口", type="02")
    default = call(client, "name", app_id, name="窓口", type="02", close="1")
    open_only = call(client, "name", app_id, name="窓口", type="02", close="0")

    assert (
        sorted(names(both))
        == sorted(names(default))
        == ["窓口営業中株式会社", "窓口清算済株式会社"]
    )
    assert names(open_only) == ["窓口営業中株式会社"]


def test_name_change_1_also_searches_former_names(client: Client, app_id: str):
    corporation = named("新窓口株式会社", "シンマドグチ")
    version_of(corporation, name="旧名称商店", latest=False, update_date=dt.date(2016, 1, 4))
    version_of(corporation, process=Process.NAME_CHANGE, update_date=dt.date(2020, 4, 1))

    assert names(call(client, "name", app_id, name="旧名称", type="02")) == []
    assert names(call(client, "name", app_id, name="旧名称", type="02", change="0")) == []
    assert names(call(client, "name", app_id, name="旧名称", type="02", change="1")) == [
        "新窓口株式会社"
    ]


def test_name_filters_by_address_and_kind(client: Client, app_id: str):
    named("窓口東京株式会社")
    named(
        "窓口大阪株式会社",
        prefecture_name="大阪府",
        city_name="大阪市北区",
        prefecture_code="27",
        city_code="127",
    )
    named("窓口市", kind=Kind.LOCAL_GOVERNMENT, city_code="102")

    def search(**params: str) -> list[str]:
        return sorted(names(call(client, "name", app_id, name="窓口", type="02", **params)))

    assert search(address="27") == ["窓口大阪株式会社"]
    assert search(address="13") == ["窓口市", "窓口東京株式会社"]
    assert search(address="13101") == ["窓口東京株式会社"]
    assert search(kind="02") == ["窓口市"]
    assert search(kind="03") == ["窓口大阪株式会社", "窓口東京株式会社"]
    assert search(kind="01,02", address="13") == ["窓口市"]


def test_name_from_and_to_bound_the_assignment_date(client: Client, app_id: str):
    named("窓口古参株式会社", assignment_date=dt.date(2015, 10, 5), update_date=dt.date(2024, 1, 5))
    named("窓口新設株式会社", assignment_date=dt.date(2023, 4, 3), update_date=dt.date(2023, 4, 5))

    def search(**params: str) -> list[str]:
        return names(call(client, "name", app_id, name="窓口", type="02", **params))

    assert search(**{"from": "2020-01-01"}) == ["窓口新設株式会社"]
    assert search(to="2015-12-31") == ["窓口古参株式会社"]
    assert search(**{"from": "2023-04-03", "to": "2023-04-03"}) == ["窓口新設株式会社"]


@pytest.mark.parametrize(
    ("params", "code", "message"),
    [
        ({"name": None}, "100", "商号又は名称（name）を指定してください。"),
        ({"name": "窓" * 151}, "101", "商号又は名称（name）は 150 文字以内で指定してください。"),
        (
            {"name": "M" * 301, "target": "3"},
            "101",
            "商号又は名称（name）は 300 文字以内で指定してください。",
        ),
        ({"mode": "3"}, "102", "検索方式（mode）は 1・2 のいずれかです。"),
        ({"target": "4"}, "103", "検索対象（target）は 1・2・3 のいずれかです。"),
        ({"change": "2"}, "104", "変更履歴（change）は 0 か 1 で指定してください。"),
        ({"close": "yes"}, "105", "登記記録の閉鎖等（close）は 0 か 1 で指定してください。"),
        (
            {"from": "2024-13-01"},
            "061",
            "法人番号指定年月日の開始日（from）「2024-13-01」は YYYY-MM-DD の日付ではありません。",
        ),
        (
            {"to": "yesterday"},
            "063",
            "法人番号指定年月日の終了日（to）「yesterday」は YYYY-MM-DD の日付ではありません。",
        ),
        (
            {"from": "2024-02-01", "to": "2024-01-01"},
            "065",
            "法人番号指定年月日の終了日（to）は開始日（from）以降の日付で指定してください。",
        ),
    ],
)
def test_name_refuses_bad_parameters(
    client: Client, app_id: str, params: dict[str, str | None], code: str, message: str
):
    query: dict[str, str | None] = {"name": "窓口", "type": "02", **params}

    assert error_of(call(client, "name", app_id, **query)) == (400, code, message)


def test_name_accepts_a_name_of_150_characters(client: Client, app_id: str):
    assert call(client, "name", app_id, name="窓" * 150, type="02").status_code == 200


def test_name_pages_2000_records_at_a_time(client: Client, app_id: str):
    corporations = []
    for n in range(2100):
        corporation = Corporation(
            corporate_number=corporate_number_from(800_000 + n),
            process=Process.NEW,
            update_date=dt.date(2024, 4, 1),
            change_date=dt.date(2024, 4, 1),
            name=f"頁送り商事{n:04d}",
            kind=Kind.KABUSHIKI_KAISHA,
            prefecture_code="13",
            city_code="101",
        )
        for field, value in search_fields(name=corporation.name, furigana="", en_name="").items():
            setattr(corporation, field, value)
        corporations.append(corporation)
    Corporation.objects.bulk_create(corporations)

    first = call(client, "name", app_id, name="頁送り", type="02")
    second = call(client, "name", app_id, name="頁送り", type="01", divide="2")

    header, rows = read_csv(first)
    assert header == ["2024-04-01", "2100", "1", "2"]
    assert len(rows) == 2000
    header, rows_2 = read_csv(second, "cp932")
    assert header == ["2024-04-01", "2100", "2", "2"]
    assert [r[0] for r in rows_2] == [str(n) for n in range(2001, 2101)]
    assert [r[1] for r in rows + rows_2] == sorted(c.corporate_number for c in corporations)


# --- empty answers and the last update date -------------------------------------------------------


def test_an_empty_answer_has_count_0_and_divide_size_0_dated_today_in_tokyo(
    client: Client, app_id: str
):
    today = timezone.localdate().isoformat()

    csv_answer = call(client, "name", app_id, name="存在しない", type="02")
    xml_answer = call(client, "num", app_id, number=NTA, type="12")

    assert read_csv(csv_answer) == ([today, "0", "1", "0"], [])
    assert xml_answer.content.decode() == (
        XML_DECLARATION + f"<corporations><lastUpdateDate>{today}</lastUpdateDate><count>0</count>"
        "<divideNumber>1</divideNumber><divideSize>0</divideSize></corporations>"
    )


def test_last_update_date_is_the_latest_update_date_in_the_registry(client: Client, app_id: str):
    nta(update_date=dt.date(2024, 3, 11))
    CorporationFactory(update_date=dt.date(2025, 7, 1), name="最新株式会社")

    header, _ = read_csv(call(client, "num", app_id, number=NTA, type="02"))

    assert header[0] == "2025-07-01"


# --- issuing ids in the admin ---------------------------------------------------------------------


def test_staff_issue_an_id_in_the_admin_and_see_it_ready_to_copy(admin_client: Client):
    add_page = admin_client.get("/admin/registry/webapiapplication/add/")
    assert "保存すると発行されます" in add_page.content.decode()

    response = admin_client.post(
        "/admin/registry/webapiapplication/add/",
        {"name": "会計システム連携", "contact_email": "it@example.jp", "is_active": "on"},
    )

    assert response.status_code == 302
    application = WebApiApplication.objects.get(name="会計システム連携")
    assert len(application.application_id) == 16
    change_page = admin_client.get(
        f"/admin/registry/webapiapplication/{application.pk}/change/"
    ).content.decode()
    assert (
        f'<code style="user-select: all; font-size: 1.1em">{application.application_id}</code>'
        in (change_page)
    )
    assert f"/4/num?id={application.application_id}&amp;number=7000012050002&amp;type=12" in (
        change_page
    )
    listing = admin_client.get("/admin/registry/webapiapplication/").content.decode()
    assert application.application_id in listing
