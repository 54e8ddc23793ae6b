"""What every context shares: a timestamped base model, the audit log and the e-mail outbox."""

import uuid

from django.conf import settings
from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    updated_at = models.DateTimeField("更新日時", auto_now=True)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One thing that happened: who did what to which object, when and from where."""

    occurred_at = models.DateTimeField("日時", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="実行者",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField("操作", max_length=100, db_index=True)
    target_type = models.CharField("対象の種類", max_length=100, blank=True)
    target_id = models.CharField("対象のID", max_length=100, blank=True)
    ip_address = models.GenericIPAddressField("接続元", null=True, blank=True)
    data = models.JSONField("詳細", default=dict, blank=True)
    # Whose records these are (identity.Organisation ids, kept as text so core depends on no
    # context): the business the action concerns, and the agent organisation acting for it (委任).
    organisation_id = models.CharField("事業者", max_length=64, blank=True, db_index=True)
    agent_organisation_id = models.CharField("代理の事業者", max_length=64, blank=True)
    user_agent = models.CharField("ブラウザ", max_length=300, blank=True)

    class Meta:
        verbose_name = "監査記録"
        verbose_name_plural = "監査記録"
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return (
            f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.target_type}:{self.target_id}"
        )


class Email(models.Model):
    """One e-mail (a transactional outbox row): made in the transaction of the change it reports,
    sent by a task after the commit and marked sent in the same transaction as the sending, so a
    task that runs twice sends it once (core/mail.py). The body is cleared once sent: it may hold a
    sign-in or reset link."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField("作成日時", auto_now_add=True, db_index=True)
    to = models.JSONField("宛先", default=list)
    subject = models.CharField("件名", max_length=300)
    body = models.TextField("本文", blank=True)
    html = models.TextField("本文（HTML）", blank=True)
    sent_at = models.DateTimeField("送信日時", null=True, blank=True)
    attempts = models.PositiveIntegerField("送信の試行回数", default=0)
    last_error = models.CharField("最後の送信エラー", max_length=300, blank=True)

    class Meta:
        verbose_name = "送信メール"
        verbose_name_plural = "送信メール"
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["created_at"],
                name="core_email_unsent_idx",
                condition=models.Q(sent_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.subject}"
