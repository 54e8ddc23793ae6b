"""The e-mail sent for a step of an application: rendered and recorded in the transaction of the step,
sent once after the commit (core/mail.py)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.template.loader import render_to_string

from madoguchi.core.mail import email_queue, site_link
from madoguchi.grants.applications.enums import ActorRole
from madoguchi.grants.applications.models import ApplicationEvent

logger = logging.getLogger(__name__)

SUBJECTS = {
    "submit": "申請を受け付けました",
    "return": "申請が差し戻されました（修正のお願い）",
    "resubmit": "再申請を受け付けました",
    "review_start": "申請の審査を開始しました",
    "adopt": "採択が決定しました",
    "not_adopt": "採否の結果のお知らせ",
    "grant_apply": "交付申請を受け付けました",
    "grant_decide": "交付決定のお知らせ",
    "change_request": "計画変更の申請を受け付けました",
    "change_approve": "計画変更が承認されました",
    "change_refuse": "計画変更は承認されませんでした",
    "report": "実績報告を受け付けました",
    "amount_confirm": "補助金の額が確定しました",
    "payment_request": "精算払請求を受け付けました",
    "pay": "補助金を支払いました",
    "withdraw": "申請を取り下げました",
}


def recipients_for(event: ApplicationEvent) -> list[str]:
    application = event.application
    emails = []
    if application.created_by is not None and application.created_by.email:
        emails.append(application.created_by.email)
    if event.role != ActorRole.OFFICER and event.actor is not None and event.actor.email:
        emails.append(event.actor.email)
    return sorted(set(emails))


def application_email_queue(event_id: int) -> None:
    event = (
        ApplicationEvent.objects.select_related(
            "application__subsidy", "application__organisation", "application__created_by", "actor"
        )
        .only(
            "action",
            "role",
            "message",
            "amount",
            "created_at",
            "actor__email",
            "application__status",
            "application__receipt_number",
            "application__project_title",
            "application__subsidy__title",
            "application__organisation__name",
            "application__created_by__email",
        )
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        return
    recipients = recipients_for(event)
    if not recipients:
        return
    application = event.application
    subject = SUBJECTS.get(event.action, "申請の状況が変わりました")
    body = render_to_string(
        "applications/email/event.txt",
        {
            "event": event,
            "application": application,
            "subject": subject,
            "url": site_link(application.get_absolute_url()),
        },
    )
    email_queue(
        to=recipients,
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}（{application.subsidy.title}）",
        body=body,
    )
    logger.info("applications.email_queued", extra={"event_id": event_id, "action": event.action})
