"""Writes: validation with Japanese messages naming the field, permissions, lifecycle, history, audit."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from madoguchi.core.models import AuditEvent
from madoguchi.grants import selectors, services
from madoguchi.grants.enums import GrantsErrorCode, SubsidyStatus
from madoguchi.grants.errors import GrantsError, SubsidyInvalid
from madoguchi.grants.models import Subsidy
from madoguchi.grants.services import RoundInput
from tests.grants.conftest import pdf_upload, subsidy_input

pytestmark = pytest.mark.django_db


def _messages(error: SubsidyInvalid) -> dict[str, str]:
    return {e.field or "": e.message for e in error.errors}


def test_create_makes_a_draft_with_an_18_character_id_and_a_subsidy_number(officer: Any) -> None:
    first = services.subsidy_create(actor=officer, data=subsidy_input())
    second = services.subsidy_create(actor=officer, data=subsidy_input(title="二つ目"))
    assert len(first.id) == 18 and first.id.isalnum()
    assert first.name == "S-01100001" and second.name == "S-01100002"
    assert first.status == SubsidyStatus.DRAFT
    assert AuditEvent.objects.filter(action="grants.subsidy_create", target_id=first.id).exists()


def test_end_before_start_is_refused_naming_the_field(officer: Any) -> None:
    start = timezone.now()
    with pytest.raises(SubsidyInvalid) as caught:
        services.subsidy_create(
            actor=officer,
            data=subsidy_input(
                acceptance_start_datetime=start,
                acceptance_end_datetime=start - dt.timedelta(days=1),
            ),
        )
    message = _messages(caught.value)["acceptance_end_datetime"]
    assert message.startswith("募集終了日時: 募集開始日時（")
    assert "より後の日時にしてください" in message
    assert not Subsidy.objects.exists()


def test_unknown_area_purpose_and_industry_are_refused(officer: Any) -> None:
    with pytest.raises(SubsidyInvalid) as caught:
        services.subsidy_create(
            actor=officer,
            data=subsidy_input(
                target_area_search=["東京都", "江戸"], use_purpose=["宇宙旅行"], industry=["海賊業"]
            ),
        )
    messages = _messages(caught.value)
    assert (
        messages["target_area_search"]
        == "補助対象地域: 「江戸」は選べる値ではありません。一覧から選んでください。"
    )
    assert "「宇宙旅行」" in messages["use_purpose"] and messages["use_purpose"].startswith(
        "利用目的: "
    )
    assert messages["industry"].startswith("業種: 「海賊業」")


def test_title_area_and_lengths_are_checked(officer: Any) -> None:
    with pytest.raises(SubsidyInvalid) as caught:
        services.subsidy_create(
            actor=officer,
            data=subsidy_input(
                title=" ", target_area_search=[], subsidy_rate="率" * 256, subsidy_max_limit=-1
            ),
        )
    messages = _messages(caught.value)
    assert messages["title"] == "補助金名: 入力してください。"
    assert messages["target_area_search"] == "補助対象地域: 1つ以上選んでください。"
    assert messages["subsidy_rate"] == "補助率: 255 文字以内で入力してください（現在 256 文字）。"
    assert messages["subsidy_max_limit"].startswith("補助額上限: ")


def test_a_round_ending_before_it_starts_is_refused(officer: Any) -> None:
    now = timezone.now()
    rounds = [
        RoundInput(
            fiscal_year_round="令和8年度 第1回",
            target_area_search=["大阪府"],
            acceptance_start_datetime=now,
            acceptance_end_datetime=now - dt.timedelta(hours=1),
        )
    ]
    with pytest.raises(SubsidyInvalid) as caught:
        services.subsidy_create(actor=officer, data=subsidy_input(rounds=rounds))
    assert _messages(caught.value)["rounds-0-acceptance_end_datetime"].startswith(
        "公募回 1（令和8年度 第1回）の募集終了日時"
    )


def test_detail_is_sanitised(officer: Any) -> None:
    subsidy = services.subsidy_create(
        actor=officer,
        data=subsidy_input(
            detail='<p onclick="x()">概要</p><script>alert(1)</script><img src=x onerror=y>'
        ),
    )
    assert subsidy.detail == "<p>概要</p>"


def test_without_permission_nothing_is_written(plain_staff: Any) -> None:
    with pytest.raises(GrantsError) as caught:
        services.subsidy_create(actor=plain_staff, data=subsidy_input())
    assert caught.value.code == GrantsErrorCode.PERMISSION_DENIED
    assert (
        caught.value.message
        == "この操作を行う権限がありません。担当の部署の職員か管理者に連絡してください。"
    )
    assert not Subsidy.objects.exists()


def test_publish_withdraw_and_republish(officer: Any, make_subsidy: Any) -> None:
    subsidy = make_subsidy(publish=False)
    assert selectors.subsidy_get_public(subsidy_id=subsidy.id) is None
    subsidy = services.subsidy_publish(actor=officer, subsidy=subsidy)
    assert subsidy.status == SubsidyStatus.PUBLISHED and subsidy.published_at
    assert selectors.subsidy_get_public(subsidy_id=subsidy.id) is not None
    with pytest.raises(GrantsError, match="すでに公開されています"):
        services.subsidy_publish(actor=officer, subsidy=subsidy)
    subsidy = services.subsidy_withdraw(actor=officer, subsidy=subsidy, reason="要件の見直し")
    assert subsidy.status == SubsidyStatus.WITHDRAWN
    assert selectors.subsidy_get_public(subsidy_id=subsidy.id) is None
    with pytest.raises(GrantsError, match="公開中の補助金だけ"):
        services.subsidy_withdraw(actor=officer, subsidy=subsidy)
    subsidy = services.subsidy_publish(actor=officer, subsidy=subsidy)
    assert subsidy.status == SubsidyStatus.PUBLISHED
    assert [c.summary for c in selectors.subsidy_history(subsidy=subsidy)] == [
        "公開を再開",
        "公開を停止",
    ]


def test_status_cannot_be_set_by_hand(make_subsidy: Any) -> None:
    subsidy = make_subsidy()
    with pytest.raises(AttributeError):
        subsidy.status = SubsidyStatus.DRAFT


def test_a_draft_without_dates_cannot_be_published(officer: Any) -> None:
    subsidy = services.subsidy_create(
        actor=officer,
        data=subsidy_input(
            acceptance_start_datetime=None, acceptance_end_datetime=None, project_end_deadline=None
        ),
    )
    with pytest.raises(SubsidyInvalid) as caught:
        services.subsidy_publish(actor=officer, subsidy=subsidy)
    assert (
        _messages(caught.value)["acceptance_start_datetime"]
        == "募集開始日時: 公開する前に入力してください。"
    )


def test_editing_a_published_subsidy_keeps_history_but_a_draft_does_not(
    officer: Any, make_subsidy: Any
) -> None:
    draft = make_subsidy(publish=False)
    services.subsidy_update(actor=officer, subsidy=draft, data=subsidy_input(title="下書きの修正"))
    assert not draft.changes.exists()

    subsidy = make_subsidy()
    services.subsidy_update(
        actor=officer,
        subsidy=subsidy,
        data=subsidy_input(subsidy_max_limit=3_000_000, subsidy_rate="3/4以内"),
    )
    change = subsidy.changes.get()
    assert change.summary == "補助率、補助額上限を変更"
    assert change.fields["subsidy_max_limit"] == {
        "label": "補助額上限",
        "before": "2,000,000",
        "after": "3,000,000",
    }
    subsidy.refresh_from_db()
    assert subsidy.subsidy_max_limit == 3_000_000
    assert (
        AuditEvent.objects.filter(action="grants.subsidy_update", target_id=subsidy.id).count() == 1
    )


def test_rounds_are_replaced_in_order(officer: Any, make_subsidy: Any) -> None:
    now = timezone.now()
    subsidy = make_subsidy()
    rounds = [
        RoundInput(
            fiscal_year_round=f"第{i}回",
            target_area_search=["北海道"],
            acceptance_start_datetime=now,
            acceptance_end_datetime=now + dt.timedelta(days=i),
        )
        for i in (1, 2)
    ]
    services.subsidy_update(actor=officer, subsidy=subsidy, data=subsidy_input(rounds=rounds))
    assert [r.fiscal_year_round for r in subsidy.rounds.all()] == ["第1回", "第2回"]
    services.subsidy_update(actor=officer, subsidy=subsidy, data=subsidy_input(rounds=rounds[1:]))
    assert [r.fiscal_year_round for r in subsidy.rounds.all()] == ["第2回"]


def test_documents_are_stored_as_files(officer: Any, make_subsidy: Any) -> None:
    subsidy = make_subsidy()
    document = services.subsidy_document_add(
        actor=officer, subsidy=subsidy, kind="application_guidelines", upload=pdf_upload()
    )
    with document.file.open("rb") as handle:
        assert handle.read().startswith(b"%PDF-")
    assert document.name == "公募要領.pdf" and document.size > 0
    assert subsidy.changes.filter(summary="公募要領「公募要領.pdf」を追加").exists()


def test_oversized_file_is_refused_with_its_size(
    officer: Any, make_subsidy: Any, settings: Any
) -> None:
    settings.GRANTS_MAX_DOCUMENT_BYTES = 1024 * 1024
    subsidy = make_subsidy()
    big = pdf_upload("交付要綱.pdf", b"%PDF-" + b"0" * (2 * 1024 * 1024))
    with pytest.raises(GrantsError) as caught:
        services.subsidy_document_add(
            actor=officer, subsidy=subsidy, kind="outline_of_grant", upload=big
        )
    assert caught.value.code == GrantsErrorCode.FILE_TOO_LARGE
    assert caught.value.field == "document_outline_of_grant"
    assert (
        caught.value.message
        == "交付要綱: ファイルの大きさは 1 MB までです（選んだファイル「交付要綱.pdf」は 2.0 MB）。"
    )
    assert not subsidy.documents.exists()


def test_a_file_claiming_to_be_pdf_must_be_one(officer: Any, make_subsidy: Any) -> None:
    subsidy = make_subsidy()
    with pytest.raises(GrantsError, match="PDF ファイルではないようです"):
        services.subsidy_document_add(
            actor=officer,
            subsidy=subsidy,
            kind="application_form",
            upload=pdf_upload("様式.pdf", b"MZ\x90\x00"),
        )
    with pytest.raises(GrantsError, match="形式は登録できません"):
        services.subsidy_document_add(
            actor=officer,
            subsidy=subsidy,
            kind="application_form",
            upload=pdf_upload("virus.exe", b"MZ"),
        )


def test_removing_a_document(
    officer: Any, make_subsidy: Any, django_capture_on_commit_callbacks: Any
) -> None:
    subsidy = make_subsidy()
    document = services.subsidy_document_add(
        actor=officer, subsidy=subsidy, kind="application_form", upload=pdf_upload("様式.pdf")
    )
    path = document.file.path
    with django_capture_on_commit_callbacks(execute=True):
        services.subsidy_document_remove(actor=officer, document=document)
    assert not subsidy.documents.exists()
    import os

    assert not os.path.exists(path)
