"""What every lifecycle service shares: loading under lock, checking who, firing, recording."""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from django_fsm import can_proceed

from madoguchi.core.audit import audit_record
from madoguchi.grants.applications.enums import (
    ActorRole,
    ApplicationErrorCode,
    ApplicationStatus,
    NoticeKind,
    Stage,
)
from madoguchi.grants.applications.errors import ApplicationError, InvalidAnswers, PermissionDenied
from madoguchi.grants.applications.models import Application, ApplicationEvent, StageData
from madoguchi.grants.applications.permissions import acting, officer_may
from madoguchi.identity.enums import AccountType

logger = logging.getLogger("madoguchi.grants.applications")

# What the applicant calls each transition, for messages ("…できません").
ACTION_LABELS = {
    "submit": "申請",
    "return_for_correction": "差戻し",
    "resubmit": "再申請",
    "start_review": "審査の開始",
    "adopt": "採択",
    "not_adopt": "不採択の決定",
    "grant_apply": "交付申請",
    "grant_decide": "交付決定",
    "request_change": "計画変更の申請",
    "decide_change": "計画変更の決定",
    "report": "実績報告",
    "confirm_amount": "額の確定",
    "request_payment": "精算払請求",
    "pay": "支払の記録",
    "withdraw": "取下げ",
}


# Long text columns of the subsidy that no lifecycle step reads (kept out of the locked reload).
HEAVY_SUBSIDY_COLUMNS = (
    "subsidy__detail",
    "subsidy__search_text",
    "subsidy__use_purpose",
    "subsidy__industry",
    "subsidy__target_area_search",
)


@dataclasses.dataclass(frozen=True)
class Acting:
    """Who is acting and how: the role shown in the timeline, the agent organisation if any."""

    actor: Any
    role: str
    agent_organisation: Any = None

    @property
    def audit_note(self) -> str:
        if self.agent_organisation is not None:
            return f"代理 {self.agent_organisation} が事業者に代わって操作"
        return ""


def applicant_acting(actor: Any, organisation: Any) -> Acting:
    """The applicant side: own organisation (Prime, Member with grants) or an agent's mandate."""
    result = acting(actor, organisation)
    if not result:
        raise PermissionDenied(
            "この事業者の補助金の申請を操作する権限がありません。"
            "プライム、補助金の申請を許可されたメンバー、または委任を受けた代理人だけが操作できます。"
        )
    if result is True:
        role = ActorRole.PRIME if actor.account_type == AccountType.PRIME else ActorRole.MEMBER
        return Acting(actor=actor, role=role)
    return Acting(actor=actor, role=ActorRole.AGENT, agent_organisation=result.agent)


def officer_acting(actor: Any, application: Application | None = None) -> Acting:
    if not officer_may(application, actor):
        raise PermissionDenied("この操作は補助金の申請を処理する権限のある職員だけが行えます。")
    return Acting(actor=actor, role=ActorRole.OFFICER)


def locked(application: Application | Any) -> Application:
    """The application reloaded under a row lock (SELECT … FOR UPDATE)."""
    pk: Any = getattr(application, "pk", application)
    found = (
        Application.objects.select_for_update(of=("self",))
        .select_related("subsidy", "round", "organisation", "created_by", "agent_organisation")
        .defer(*HEAVY_SUBSIDY_COLUMNS)
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise ApplicationError(ApplicationErrorCode.NOT_FOUND, "申請が見つかりません。")
    return found


def fire(application: Application, name: str, who: Acting) -> str:
    """Fire the transition ``name`` (the caller has checked the side); returns the previous state."""
    method = getattr(application, name)
    if not can_proceed(method):
        raise ApplicationError(
            ApplicationErrorCode.TRANSITION,
            f"この申請は「{application.get_status_display()}」のため、"
            f"{ACTION_LABELS.get(name, name)}はできません。",
        )
    previous = application.status
    method()
    return str(previous)


def record(
    application: Application,
    who: Acting,
    *,
    action: str,
    from_status: str = "",
    message: str = "",
    amount: int | None = None,
    mail: bool = True,
    data: dict[str, Any] | None = None,
) -> ApplicationEvent:
    """The timeline row, the audit record ("agent X for business Y" under a mandate), the e-mail."""
    event = ApplicationEvent.objects.create(
        application=application,
        action=action,
        actor=who.actor if getattr(who.actor, "is_authenticated", False) else None,
        role=who.role,
        agent_organisation=who.agent_organisation,
        from_status=from_status,
        to_status=str(application.status) if from_status else "",
        message=message,
        amount=amount,
    )
    audit_data: dict[str, Any] = {
        "from": from_status,
        "to": str(application.status),
        **(data or {}),
    }
    if amount is not None:
        audit_data["amount"] = amount
    if who.agent_organisation is not None:
        audit_data["agent"] = (
            f"代理 {who.agent_organisation.name} が {application.organisation.name} のために操作"
        )
    audit_record(
        action=f"applications.{action}",
        actor=who.actor,
        target=application,
        organisation=application.organisation_id,
        agent_organisation=who.agent_organisation,
        data=audit_data,
    )
    logger.info(
        "applications.event", extra={"application_id": str(application.pk), "action": action}
    )
    if mail:
        from madoguchi.grants.applications.mail import application_email_queue

        application_email_queue(event.pk)
    return event


def require_message(message: str, label: str = "メッセージ") -> str:
    text = (message or "").strip()
    if not text:
        raise ApplicationError(
            ApplicationErrorCode.REQUIRED, f"{label}を入力してください。", field="message"
        )
    if len(text) > 4000:
        raise ApplicationError(
            ApplicationErrorCode.INVALID,
            f"{label}は4000文字以内で入力してください。",
            field="message",
        )
    return text


def require_amount(
    amount: Any,
    *,
    label: str,
    maximum: int | None = None,
    max_label: str = "",
    field: str = "amount",
) -> int:
    """A whole number of yen, not negative, at most ``maximum`` when given."""
    if amount is None or amount == "":
        raise ApplicationError(
            ApplicationErrorCode.REQUIRED, f"{label}を入力してください。", field=field
        )
    try:
        value = int(str(amount).replace(",", "").replace("円", "").strip())
    except ValueError:
        raise ApplicationError(
            ApplicationErrorCode.INVALID,
            f"{label}は半角数字（円）で入力してください。",
            field=field,
        ) from None
    if value < 0:
        raise ApplicationError(
            ApplicationErrorCode.INVALID, f"{label}は0円以上で入力してください。", field=field
        )
    if maximum is not None and value > maximum:
        raise ApplicationError(
            ApplicationErrorCode.INVALID,
            f"{label}（{value:,}円）は{max_label}（{maximum:,}円）を超えられません。",
            field=field,
        )
    return value


def current_stage_data(application: Application, stage: str) -> StageData | None:
    return (
        StageData.objects.filter(application=application, stage=stage)
        .select_related("form_version")
        .order_by("-number")
        .first()
    )


def open_stage_data(application: Application, stage: str) -> StageData | None:
    """The latest not-yet-submitted data of a stage (what the applicant is editing)."""
    data = current_stage_data(application, stage)
    if data is not None and data.submitted_at is None:
        return data
    return None


def validate_stage(application: Application, stage: str, *, required: bool) -> StageData | None:
    """The stage's data, checked against its pinned form; InvalidAnswers names each field."""
    from madoguchi.forms.engine import validate

    data = open_stage_data(application, stage)
    if data is None or data.form_version_id is None:
        if required and data is None and _stage_has_form(application, stage):
            raise ApplicationError(
                ApplicationErrorCode.REQUIRED,
                f"{Stage(stage).label}の様式が入力されていません。入力してから送信してください。",
                field=stage,
            )
        return data
    errors = validate(data.definition(), data.data)
    if errors:
        raise InvalidAnswers(errors)
    return data


def _stage_has_form(application: Application, stage: str) -> bool:
    from madoguchi.grants.applications.models import StageForm

    return StageForm.objects.filter(subsidy_id=application.subsidy_id, stage=stage).exists()


def mark_submitted(stage_data: StageData | None, now: Any) -> None:
    if stage_data is not None:
        stage_data.submitted_at = now
        stage_data.save(update_fields=["submitted_at", "updated_at"])


def issue_notice(application: Application, kind: NoticeKind) -> None:
    """Ask the review context to render a notice, if that context is installed (lazy import)."""
    from django.apps import apps

    if not apps.is_installed("madoguchi.grants.review"):
        logger.info("applications.notice_unavailable", extra={"kind": str(kind)})
        return
    from madoguchi.grants.review import notices  # type: ignore[import-not-found,unused-ignore]

    notices.notice_issue(application_id=application.pk, kind=str(kind))


def save_status(application: Application, *fields: str) -> None:
    application.save(update_fields=["status", "updated_at", *fields])


STATUS = ApplicationStatus
