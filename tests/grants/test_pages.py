"""Public pages (search, detail, downloads) and the staff pages with their permissions."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from madoguchi.grants import services
from madoguchi.grants.enums import SubsidyStatus
from madoguchi.grants.models import Subsidy
from tests.grants.conftest import NOW, PASSWORD, pdf_upload

pytestmark = pytest.mark.django_db


def test_search_page_filters_and_shows_cards(client: Client, make_subsidy: Any) -> None:
    make_subsidy(
        title="IoT導入補助金",
        subsidy_max_limit=12_500_000,
        acceptance_end_datetime=NOW + dt.timedelta(days=20),
    )
    make_subsidy(title="省エネ助成金", target_area_search=["大阪府"])
    response = client.get("/subsidies/", {"q": "ｉｏｔ"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "IoT導入補助金" in html and "省エネ助成金" not in html
    assert "1,250万円" in html and "2/3以内" in html
    assert "締切まであと" in html
    assert "省エネ助成金" not in client.get("/subsidies/", {"area": "東京都"}).content.decode()


def test_search_page_explains_a_bad_filter(client: Client) -> None:
    response = client.get("/subsidies/", {"area": "江戸", "purpose": "宇宙旅行"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "地域: 「江戸」は選べる地域ではありません。" in html
    assert "利用目的: 一覧にない値が指定されました。" in html


def test_detail_page_and_document_download(client: Client, make_subsidy: Any, officer: Any) -> None:
    subsidy = make_subsidy()
    document = services.subsidy_document_add(
        actor=officer, subsidy=subsidy, kind="application_guidelines", upload=pdf_upload()
    )
    html = client.get(subsidy.get_absolute_url()).content.decode()
    assert subsidy.title in html
    assert (
        f'href="/applications/new/{subsidy.pk}/"' in html
    )  # accepting now: 申請する leads to the form
    download = client.get(reverse("grants:document", args=[subsidy.id, document.id]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert "attachment" in download["Content-Disposition"]


def test_apply_is_disabled_outside_the_acceptance_window(client: Client, make_subsidy: Any) -> None:
    import datetime as dt

    from django.utils import timezone

    now = timezone.now()
    subsidy = make_subsidy(
        acceptance_start_datetime=now - dt.timedelta(days=30),
        acceptance_end_datetime=now - dt.timedelta(days=1),
    )
    html = client.get(subsidy.get_absolute_url()).content.decode()
    assert "/applications/new/" not in html
    assert "現在は募集期間外のため申請できません。" in html


def test_drafts_are_not_public(client: Client, make_subsidy: Any) -> None:
    draft = make_subsidy(publish=False)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_staff_pages_need_login_and_permission(
    client: Client, make_subsidy: Any, plain_staff: Any
) -> None:
    subsidy = make_subsidy(publish=False)
    urls = [
        reverse("grants_staff:list"),
        reverse("grants_staff:new"),
        reverse("grants_staff:preview", args=[subsidy.id]),
        reverse("grants_staff:edit", args=[subsidy.id]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url
    client.login(username=plain_staff.username, password=PASSWORD)
    for url in urls:
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("grants_staff:publish", args=[subsidy.id])).status_code == 403
    subsidy.refresh_from_db()
    assert subsidy.status == SubsidyStatus.DRAFT


def _form(**overrides: str | list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "新しい補助金",
        "institution_name": "経済産業省",
        "granttype": "補助金",
        "detail": "<p>概要</p>",
        "use_purpose": ["新たな事業を行いたい"],
        "industry": ["製造業"],
        "target_area_search": ["北海道"],
        "subsidy_rate": "1/2以内",
        "subsidy_max_limit": "1000000",
        "acceptance_start_datetime": "2026-04-01T09:00",
        "acceptance_end_datetime": "2026-05-31T17:00",
        "request_reception_presence": "on",
        "rounds-TOTAL_FORMS": "1",
        "rounds-INITIAL_FORMS": "0",
        "rounds-MIN_NUM_FORMS": "0",
        "rounds-MAX_NUM_FORMS": "20",
    }
    data.update(overrides)
    return data


def test_officer_creates_edits_publishes_and_withdraws(client: Client, officer: Any) -> None:
    client.login(username=officer.username, password=PASSWORD)
    response = client.post(reverse("grants_staff:new"), _form())
    subsidy = Subsidy.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "grants_staff:preview", args=[subsidy.id]
    )
    assert subsidy.target_area_search == "北海道" and subsidy.subsidy_max_limit == 1_000_000
    preview = client.get(reverse("grants_staff:preview", args=[subsidy.id])).content.decode()
    assert "職員用プレビュー（下書き）" in preview and "公開する" in preview

    client.post(reverse("grants_staff:publish", args=[subsidy.id]))
    subsidy.refresh_from_db()
    assert subsidy.status == SubsidyStatus.PUBLISHED

    client.post(reverse("grants_staff:edit", args=[subsidy.id]), _form(subsidy_rate="2/3以内"))
    assert "補助率を変更" in client.get(subsidy.get_absolute_url()).content.decode()

    client.post(
        reverse("grants_staff:withdraw", args=[subsidy.id]), {"reason": "予算の上限に達したため"}
    )
    subsidy.refresh_from_db()
    assert subsidy.status == SubsidyStatus.WITHDRAWN


def test_edit_errors_are_shown_and_nothing_typed_is_lost(client: Client, officer: Any) -> None:
    client.login(username=officer.username, password=PASSWORD)
    response = client.post(
        reverse("grants_staff:new"),
        _form(acceptance_end_datetime="2026-03-01T17:00", subsidy_catch_phrase="入力した文言"),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert not Subsidy.objects.exists()
    assert "入力内容を確認してください" in html
    assert "募集終了日時: 募集開始日時（2026年4月1日 09:00）より後の日時にしてください。" in html
    assert "入力した文言" in html
    assert 'value="2026-03-01T17:00"' in html
    response = client.post(
        reverse("grants_staff:new"), _form(target_area_search=["北海道", "蝦夷地"])
    )
    assert response.status_code == 400
    assert "補助対象地域: 「蝦夷地」は選べる値ではありません。" in response.content.decode()


def test_oversized_upload_is_refused_on_the_page(
    client: Client, officer: Any, make_subsidy: Any, settings: Any
) -> None:
    settings.GRANTS_MAX_DOCUMENT_BYTES = 1024
    subsidy = make_subsidy()
    client.login(username=officer.username, password=PASSWORD)
    response = client.post(
        reverse("grants_staff:document-add", args=[subsidy.id]),
        {
            "kind": "application_guidelines",
            "file": pdf_upload("大きな要領.pdf", b"%PDF-" + b"0" * 4096),
        },
    )
    assert response.status_code == 400
    assert "「大きな要領.pdf」" in response.content.decode()
    assert not subsidy.documents.exists()


def test_staff_menu_lists_the_subsidy_pages(client: Client, officer: Any, plain_staff: Any) -> None:
    client.login(username=officer.username, password=PASSWORD)
    assert "補助金の管理" in client.get("/staff/").content.decode()
    client.logout()
    client.login(username=plain_staff.username, password=PASSWORD)
    assert "補助金の管理" not in client.get("/staff/").content.decode()
