"""application_save_draft: keep what the applicant typed for a stage (nothing is lost)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from madoguchi.core.audit import audit_record
from madoguchi.grants.applications.enums import STAGE_EDITABLE_IN, ApplicationErrorCode, Stage
from madoguchi.grants.applications.errors import ApplicationError
from madoguchi.grants.applications.models import Application, StageData
from madoguchi.grants.applications.prefill import prefill_for
from madoguchi.grants.applications.selectors import stage_form_version
from madoguchi.grants.applications.services._common import (
    applicant_acting,
    current_stage_data,
    locked,
    require_amount,
)


def check_stage_editable(application: Application, stage: str) -> None:
    if stage not in STAGE_EDITABLE_IN:
        raise ApplicationError(ApplicationErrorCode.INVALID, "入力する段階が正しくありません。")
    if application.status not in STAGE_EDITABLE_IN[stage]:
        raise ApplicationError(
            ApplicationErrorCode.TRANSITION,
            f"この申請は「{application.get_status_display()}」のため、{Stage(stage).label}の内容は変更できません。",
        )


def stage_data_open(application: Application, stage: str, *, actor: Any) -> StageData:
    """The stage's data being edited, started (with prefilled answers) when there is none open."""
    current = current_stage_data(application, stage)
    if current is not None and current.submitted_at is None:
        return current
    if current is not None and stage == Stage.APPLICATION:
        # A return for correction reopens the submitted application data.
        current.submitted_at = None
        current.save(update_fields=["submitted_at", "updated_at"])
        return current
    version = stage_form_version(application.subsidy, stage)
    return StageData.objects.create(
        application=application,
        stage=stage,
        number=(current.number + 1) if current else 1,
        form_version=version,
        data=prefill_for(version, actor=actor, organisation=application.organisation)
        if version
        else {},
    )


@transaction.atomic
def application_save_draft(
    *,
    actor: Any,
    application: Application,
    stage: str = Stage.APPLICATION,
    data: dict[str, Any] | None = None,
    project_title: str | None = None,
    requested_amount: Any = None,
    set_requested_amount: bool = False,
) -> StageData:
    """Store answers of a stage's form (and, for the application, its title and amount)."""
    application = locked(application)
    who = applicant_acting(actor, application.organisation)
    check_stage_editable(application, stage)
    stage_data = stage_data_open(application, stage, actor=actor)
    changed: list[str] = []
    if stage == Stage.APPLICATION and project_title is not None:
        title = project_title.strip()
        if not title:
            raise ApplicationError(
                ApplicationErrorCode.REQUIRED,
                "事業計画名を入力してください。",
                field="project_title",
            )
        if len(title) > 200:
            raise ApplicationError(
                ApplicationErrorCode.INVALID,
                "事業計画名は200文字以内で入力してください。",
                field="project_title",
            )
        application.project_title = title
        changed.append("project_title")
    if stage == Stage.APPLICATION and set_requested_amount:
        application.requested_amount = (
            None
            if requested_amount in (None, "")
            else require_amount(
                requested_amount,
                field="requested_amount",
                label="申請額",
                maximum=application.subsidy.subsidy_max_limit,
                max_label="補助上限額",
            )
        )
        changed.append("requested_amount")
    if changed:
        application.save(update_fields=[*changed, "updated_at"])
    if data is not None:
        stage_data.data = data
        stage_data.save(update_fields=["data", "updated_at"])
    audit_record(
        action="applications.save_draft",
        actor=actor,
        target=application,
        organisation=application.organisation_id,
        agent_organisation=who.agent_organisation,
        data={"stage": stage},
    )
    return stage_data
