"""application_draft_create: 申請する — start a draft for an organisation (idempotent)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from madoguchi.grants.applications.enums import ActorRole, ApplicationErrorCode, Stage
from madoguchi.grants.applications.errors import ApplicationError
from madoguchi.grants.applications.models import Application, StageData
from madoguchi.grants.applications.prefill import prefill_for
from madoguchi.grants.applications.selectors import stage_form_version
from madoguchi.grants.applications.services._common import (
    applicant_acting,
    record,
    require_amount,
)
from madoguchi.grants.models import Subsidy, SubsidyRound

MAX_KEY = 64


def _check_key(idempotency_key: str) -> str:
    key = (idempotency_key or "").strip()
    if not key or len(key) > MAX_KEY:
        raise ApplicationError(
            ApplicationErrorCode.INVALID,
            "画面の有効期限が切れました。もう一度「申請する」から始めてください。",
            field="idempotency_key",
        )
    return key


def check_subsidy_open_for_drafts(subsidy: Subsidy, round: SubsidyRound | None) -> None:
    if not subsidy.is_published or not subsidy.request_reception_presence:
        raise ApplicationError(
            ApplicationErrorCode.NOT_ACCEPTING, "この補助金は電子申請を受け付けていません。"
        )
    end = (round.acceptance_end_datetime if round else None) or subsidy.acceptance_end_datetime
    if end is not None and timezone.now() > end:
        raise ApplicationError(
            ApplicationErrorCode.WINDOW_CLOSED,
            f"この補助金の募集は{timezone.localtime(end):%Y年%-m月%-d日 %H:%M}に終了しました。",
        )
    if round is not None and round.subsidy_id != subsidy.pk:
        raise ApplicationError(
            ApplicationErrorCode.INVALID, "公募回を選び直してください。", field="round"
        )


@transaction.atomic
def application_draft_create(
    *,
    actor: Any,
    subsidy: Subsidy,
    organisation: Any = None,
    round: SubsidyRound | None = None,
    project_title: str,
    requested_amount: int | None = None,
    idempotency_key: str,
) -> Application:
    """A draft for ``organisation`` (default: the actor's own). The same ``idempotency_key`` (a token
    printed in the start page's form) returns the same draft: a double click makes one."""
    organisation = organisation or getattr(actor, "organisation", None)
    if organisation is None:
        raise ApplicationError(
            ApplicationErrorCode.PERMISSION_DENIED, "事業者のアカウントでログインしてください。"
        )
    who = applicant_acting(actor, organisation)
    key = _check_key(idempotency_key)
    existing = Application.objects.filter(
        organisation=organisation, subsidy=subsidy, idempotency_key=key
    ).first()
    if existing is not None:
        return existing
    check_subsidy_open_for_drafts(subsidy, round)
    title = (project_title or "").strip()
    if not title:
        raise ApplicationError(
            ApplicationErrorCode.REQUIRED, "事業計画名を入力してください。", field="project_title"
        )
    if len(title) > 200:
        raise ApplicationError(
            ApplicationErrorCode.INVALID,
            "事業計画名は200文字以内で入力してください。",
            field="project_title",
        )
    application = Application(
        subsidy=subsidy,
        round=round,
        organisation=organisation,
        created_by=actor,
        agent_organisation=who.agent_organisation,
        project_title=title,
        requested_amount=None
        if requested_amount in (None, "")
        else require_amount(
            requested_amount,
            label="申請額",
            maximum=subsidy.subsidy_max_limit,
            max_label="補助上限額",
            field="requested_amount",
        ),
        idempotency_key=key,
    )
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        # The same key raced in from a second click: that one won; hand it back.
        return Application.objects.get(
            organisation=organisation, subsidy=subsidy, idempotency_key=key
        )
    version = stage_form_version(subsidy, Stage.APPLICATION)
    StageData.objects.create(
        application=application,
        stage=Stage.APPLICATION,
        form_version=version,
        data=prefill_for(version, actor=actor, organisation=organisation) if version else {},
    )
    record(application, who, action="draft_create", mail=False)
    return application


__all__ = ["ActorRole", "application_draft_create"]
