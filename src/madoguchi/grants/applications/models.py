"""Subsidy applications (補助金の申請) and everything that happens to them.

- ``Application``: one organisation's application for one subsidy (and round). Its ``status`` is a
  django-fsm-2 state machine; each transition declares who may fire it (``permission=``) and is
  fired only by one service in ``services``, which also checks what it requires and what it sends.
- ``StageForm``: the form (a published ``forms.FormVersion``) a subsidy uses for one stage.
- ``StageData``: what the applicant entered for one stage, pinned to the form version used.
- ``ApplicationEvent``: the timeline — who, in which role, when, from/to which state, the message.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django_fsm import FSMField, transition

from madoguchi.core.files import RandomName, private_storage
from madoguchi.core.models import TimeStampedModel
from madoguchi.grants.applications.enums import WITHDRAWABLE, ActorRole, ApplicationStatus, Stage
from madoguchi.grants.applications.permissions import applicant_may, officer_may

S = ApplicationStatus
APPLICANT = {"side": "applicant"}
OFFICER = {"side": "officer"}


class Application(TimeStampedModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    subsidy = models.ForeignKey(
        "grants.Subsidy",
        verbose_name="補助金",
        on_delete=models.PROTECT,
        related_name="applications",
    )
    round = models.ForeignKey(
        "grants.SubsidyRound",
        verbose_name="公募回",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    organisation = models.ForeignKey(
        "identity.Organisation",
        verbose_name="申請事業者",
        on_delete=models.PROTECT,
        related_name="grant_applications",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="作成者",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    agent_organisation = models.ForeignKey(
        "identity.Organisation",
        verbose_name="代理申請の事業者",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="委任を受けて申請した事業者",
    )
    status = FSMField(
        "状態",
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
        protected=True,
        db_index=True,
    )
    project_title = models.CharField("事業計画名", max_length=200)
    receipt_number = models.CharField("受付番号", max_length=40, unique=True, null=True, blank=True)
    requested_amount = models.BigIntegerField("申請額（円）", null=True, blank=True)
    adopted_amount = models.BigIntegerField("採択額（円）", null=True, blank=True)
    decided_amount = models.BigIntegerField("交付決定額（円）", null=True, blank=True)
    confirmed_amount = models.BigIntegerField("確定額（円）", null=True, blank=True)
    submitted_at = models.DateTimeField("申請日時", null=True, blank=True)
    adopted_at = models.DateTimeField("採否の決定日時", null=True, blank=True)
    decided_at = models.DateTimeField("交付決定日時", null=True, blank=True)
    confirmed_at = models.DateTimeField("額の確定日時", null=True, blank=True)
    paid_at = models.DateTimeField("支払日時", null=True, blank=True)
    idempotency_key = models.CharField("二重送信防止キー", max_length=64)
    # "<organisation>:<subsidy>:<round>" while this application holds its organisation's one place
    # in a subsidy that does not allow several applications; NULL otherwise (unique when set).
    exclusive_key = models.CharField(
        max_length=120, null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        verbose_name = "補助金の申請"
        verbose_name_plural = "補助金の申請"
        ordering = ["-created_at"]
        permissions = [
            ("process_application", "補助金の申請を処理できる（差戻し・審査開始・決定・支払）"),
            ("configure_stage_forms", "補助金ごとの申請様式を設定できる"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "subsidy", "idempotency_key"],
                name="applications_unique_idempotency_key",
            ),
            models.CheckConstraint(
                name="applications_amounts_not_negative",
                condition=(Q(requested_amount__isnull=True) | Q(requested_amount__gte=0))
                & (Q(confirmed_amount__isnull=True) | Q(confirmed_amount__gte=0)),
            ),
        ]
        indexes = [models.Index(fields=["subsidy", "status"], name="applications_subsidy_status")]

    def __str__(self) -> str:
        return self.receipt_number or f"下書き（{self.project_title}）"

    def get_absolute_url(self) -> str:
        return reverse("applications:detail", args=[self.pk])

    def refresh_from_db(self, *args: Any, **kwargs: Any) -> None:
        """A protected FSM field refuses assignment; let a reload from the database set it."""
        fields = kwargs.get("fields") or (args[1] if len(args) > 1 else None)
        if fields is None or "status" in fields:
            self.__dict__.pop("status", None)
        super().refresh_from_db(*args, **kwargs)

    @property
    def is_draft(self) -> bool:
        return self.status == S.DRAFT

    @property
    def single_slot(self) -> str:
        return f"{self.organisation_id}:{self.subsidy_id}:{self.round_id or '-'}"

    # --- lifecycle: fired only by the services of the same name ------------------------------------
    # Applicant side: permission=applicant_may; staff side: permission=officer_may.

    @transition(
        field=status, source=S.DRAFT, target=S.SUBMITTED, permission=applicant_may, custom=APPLICANT
    )
    def submit(self) -> None:
        """申請: inside the acceptance window; the application form valid. Sends the receipt."""

    @transition(
        field=status,
        source=[S.SUBMITTED, S.RESUBMITTED],
        target=S.RETURNED,
        permission=officer_may,
        custom=OFFICER,
    )
    def return_for_correction(self) -> None:
        """差戻し: with a message to the applicant. Sends it by e-mail."""

    @transition(
        field=status,
        source=S.RETURNED,
        target=S.RESUBMITTED,
        permission=applicant_may,
        custom=APPLICANT,
    )
    def resubmit(self) -> None:
        """再申請: the corrected application form valid (no window: the return reopened it)."""

    @transition(
        field=status,
        source=[S.SUBMITTED, S.RESUBMITTED],
        target=S.UNDER_REVIEW,
        permission=officer_may,
        custom=OFFICER,
    )
    def start_review(self) -> None:
        """審査開始."""

    @transition(
        field=status,
        source=S.UNDER_REVIEW,
        target=S.ADOPTED,
        permission=officer_may,
        custom=OFFICER,
    )
    def adopt(self) -> None:
        """採択: with the adopted amount. Issues the 採択通知."""

    @transition(
        field=status,
        source=S.UNDER_REVIEW,
        target=S.NOT_ADOPTED,
        permission=officer_may,
        custom=OFFICER,
    )
    def not_adopt(self) -> None:
        """不採択: with a message."""

    @transition(
        field=status,
        source=S.ADOPTED,
        target=S.GRANT_APPLIED,
        permission=applicant_may,
        custom=APPLICANT,
    )
    def grant_apply(self) -> None:
        """交付申請: the 交付申請 form valid, when the subsidy has one."""

    @transition(
        field=status,
        source=S.GRANT_APPLIED,
        target=S.GRANT_DECIDED,
        permission=officer_may,
        custom=OFFICER,
    )
    def grant_decide(self) -> None:
        """交付決定: with the decided amount. Issues the 交付決定通知書."""

    @transition(
        field=status,
        source=S.GRANT_DECIDED,
        target=S.CHANGE_REQUESTED,
        permission=applicant_may,
        custom=APPLICANT,
    )
    def request_change(self) -> None:
        """計画変更の申請: the 計画変更 form valid (or a reason)."""

    @transition(
        field=status,
        source=S.CHANGE_REQUESTED,
        target=S.GRANT_DECIDED,
        permission=officer_may,
        custom=OFFICER,
    )
    def decide_change(self) -> None:
        """計画変更の承認 or 不承認 (with a message; an approval may change the decided amount)."""

    @transition(
        field=status,
        source=S.GRANT_DECIDED,
        target=S.REPORTED,
        permission=applicant_may,
        custom=APPLICANT,
    )
    def report(self) -> None:
        """実績報告: the 実績報告 form valid."""

    @transition(
        field=status,
        source=S.REPORTED,
        target=S.AMOUNT_CONFIRMED,
        permission=officer_may,
        custom=OFFICER,
    )
    def confirm_amount(self) -> None:
        """額の確定: the amount, at most the decided amount. Issues the 額の確定通知書."""

    @transition(
        field=status,
        source=S.AMOUNT_CONFIRMED,
        target=S.PAYMENT_REQUESTED,
        permission=applicant_may,
        custom=APPLICANT,
    )
    def request_payment(self) -> None:
        """精算払請求: the 支払請求 form valid."""

    @transition(
        field=status,
        source=S.PAYMENT_REQUESTED,
        target=S.PAID,
        permission=officer_may,
        custom=OFFICER,
    )
    def pay(self) -> None:
        """支払済."""

    @transition(
        field=status,
        source=list(WITHDRAWABLE),
        target=S.WITHDRAWN,
        permission=applicant_may,
        custom=APPLICANT,
    )
    def withdraw(self) -> None:
        """取下げ: possible until the grant decision."""


class ReceiptSerial(models.Model):
    """One row per receipt number handed out: its auto-increment id is the serial. Inserting rows
    never waits on another transaction, so concurrent submissions are numbered without a lock."""

    id = models.BigAutoField(primary_key=True)
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "受付番号の連番"
        verbose_name_plural = "受付番号の連番"

    def __str__(self) -> str:
        return f"{self.pk:07d}"


class StageForm(TimeStampedModel):
    """The form a subsidy uses for one stage; staff set it on the staff page."""

    subsidy = models.ForeignKey(
        "grants.Subsidy", on_delete=models.CASCADE, related_name="stage_forms"
    )
    stage = models.CharField("段階", max_length=30, choices=Stage.choices)
    form_version = models.ForeignKey(
        "forms.FormVersion", verbose_name="フォームの版", on_delete=models.PROTECT, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "申請様式"
        verbose_name_plural = "申請様式"
        ordering = ["subsidy", "stage"]
        constraints = [
            models.UniqueConstraint(
                fields=["subsidy", "stage"], name="applications_stageform_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subsidy_id} {self.get_stage_display()}"


class StageData(TimeStampedModel):
    """What was entered for one stage of one application, pinned to the form version it used.
    ``number`` counts repeated stages (a second change request is number 2)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="stage_data"
    )
    stage = models.CharField("段階", max_length=30, choices=Stage.choices)
    number = models.PositiveSmallIntegerField("回", default=1)
    form_version = models.ForeignKey(
        "forms.FormVersion",
        verbose_name="フォームの版",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    data = models.JSONField("回答", default=dict, blank=True)
    submitted_at = models.DateTimeField("提出日時", null=True, blank=True)

    class Meta:
        verbose_name = "段階ごとの入力内容"
        verbose_name_plural = "段階ごとの入力内容"
        ordering = ["application", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "stage", "number"], name="applications_stagedata_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} 第{self.number}回"

    def definition(self) -> Any:
        """The pinned form's definition (parsed once per process: published versions never change)."""
        if self.form_version is None:
            return None
        if not self.form_version.is_published:
            return self.form_version.definition()
        version = self.form_version
        key = (version.pk, version.form_id, version.number, version.published_at)
        cached = _DEFINITIONS.get(key)
        if cached is None:
            if len(_DEFINITIONS) > 500:
                _DEFINITIONS.clear()
            cached = _DEFINITIONS[key] = version.definition()
        return cached


# (FormVersion pk, form, number, published_at) → FormDefinition of a published (immutable) version.
# Parsing checks the JSON Schema, which costs tens of milliseconds, so a submission at the deadline
# does not redo it. The key is more than the pk so that a reused id (SQLite) can never match.
_DEFINITIONS: dict[tuple[Any, ...], Any] = {}


# Named by migration 0001; the storage name is random (core.files.RandomName).
file_upload_to = RandomName("applications/files")


class ApplicationFile(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    stage_data = models.ForeignKey(StageData, on_delete=models.CASCADE, related_name="files")
    field = models.CharField("項目", max_length=40)
    # Private (core.files): read through permissions.may_read_application_file.
    file = models.FileField(
        "ファイル", storage=private_storage, upload_to=file_upload_to, max_length=300
    )
    name = models.CharField("元のファイル名", max_length=255)
    size = models.PositiveIntegerField("サイズ")
    content_type = models.CharField("種類", max_length=100, blank=True)
    uploaded_at = models.DateTimeField("添付日時", auto_now_add=True)

    class Meta:
        verbose_name = "添付ファイル"
        verbose_name_plural = "添付ファイル"

    def __str__(self) -> str:
        return self.name


class ApplicationEvent(models.Model):
    """One step of the timeline the applicant and staff see."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    action = models.CharField("操作", max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    role = models.CharField("立場", max_length=20, choices=ActorRole.choices)
    agent_organisation = models.ForeignKey(
        "identity.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.CharField(
        "変更前の状態", max_length=20, choices=ApplicationStatus.choices, blank=True
    )
    to_status = models.CharField(
        "変更後の状態", max_length=20, choices=ApplicationStatus.choices, blank=True
    )
    message = models.TextField("メッセージ", blank=True)
    amount = models.BigIntegerField("金額（円）", null=True, blank=True)
    created_at = models.DateTimeField("日時", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "申請の経過"
        verbose_name_plural = "申請の経過"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"
