"""Forms, their versions, procedures (手続き) built on them, and submissions (申請).

- ``Form`` holds versions; a ``FormVersion`` holds the portable JSON document. A published version
  never changes (services refuse; ``FormVersion.status`` moves only draft → published).
- ``Procedure`` is a published form plus who may use it, when it is open and its approval steps.
- ``Submission`` is pinned to the ``FormVersion`` it was made with; its ``status`` is a state machine.
Writes go through ``forms.services``; reads through ``forms.selectors``.
"""

from __future__ import annotations

import datetime
import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from django_fsm import FSMField, transition

from madoguchi.core.files import RandomName, private_storage
from madoguchi.core.models import TimeStampedModel
from madoguchi.forms.enums import EventKind, SubmissionStatus, VersionStatus

if TYPE_CHECKING:
    from madoguchi.forms.engine import FormDefinition


class Form(TimeStampedModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.CharField("フォーム名", max_length=200)
    division = models.ForeignKey(
        "identity.Division",
        verbose_name="担当部署",
        on_delete=models.PROTECT,
        related_name="forms",
        help_text="このフォームを作成・編集できる部署。",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="作成者",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "フォーム"
        verbose_name_plural = "フォーム"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class FormVersion(TimeStampedModel):
    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版")
    document = models.JSONField("フォーム定義（JSON）")
    status = FSMField(
        "状態", max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    published_at = models.DateTimeField("公開日時", null=True, blank=True)

    class Meta:
        verbose_name = "フォームの版"
        verbose_name_plural = "フォームの版"
        ordering = ["form", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["form", "number"], name="forms_version_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.form.title} 第{self.number}版"

    @property
    def is_published(self) -> bool:
        return self.status == VersionStatus.PUBLISHED

    @transition(field=status, source=VersionStatus.DRAFT, target=VersionStatus.PUBLISHED)
    def publish(self) -> None:
        """Fired by ``form_version_publish`` (staff with forms.change_form)."""
        self.published_at = timezone.now()

    def definition(self) -> FormDefinition:
        from madoguchi.forms.engine import FormDefinition

        return FormDefinition.from_document(self.document)


class Procedure(TimeStampedModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    slug = models.SlugField("URL名", max_length=80, unique=True)
    title = models.CharField("手続き名", max_length=200)
    division = models.ForeignKey(
        "identity.Division",
        verbose_name="担当部署",
        on_delete=models.PROTECT,
        related_name="procedures",
        help_text="この手続きを担当する部署。その部署の職員だけが設定・受付できます。",
    )
    summary = models.TextField("概要", blank=True)
    form = models.ForeignKey(
        Form, verbose_name="フォーム", on_delete=models.PROTECT, related_name="procedures"
    )
    version = models.ForeignKey(
        FormVersion,
        verbose_name="使用する版",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="公開済みの版だけを指定できます。",
    )
    audience = models.JSONField(
        "利用できる人", default=list, help_text="guest / entry / prime / member"
    )
    opens_at = models.DateTimeField("受付開始", null=True, blank=True)
    closes_at = models.DateTimeField("受付終了", null=True, blank=True)
    is_listed = models.BooleanField("一覧に表示", default=True)
    reference_prefix = models.CharField("受付番号の接頭辞", max_length=8, default="M")
    receipt_message = models.TextField("受付時にお知らせする文", blank=True)
    next_serial = models.PositiveIntegerField("次の受付連番", default=1)

    class Meta:
        verbose_name = "手続き"
        verbose_name_plural = "手続き"
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def is_open(self, at: datetime.datetime | None = None) -> bool:
        now = at or timezone.now()
        if self.version_id is None:
            return False
        if self.opens_at and now < self.opens_at:
            return False
        return not (self.closes_at and now >= self.closes_at)


class WorkflowStep(models.Model):
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField("順番")
    name = models.CharField("段階の名前", max_length=100)
    group = models.ForeignKey(
        Group, verbose_name="担当グループ", on_delete=models.PROTECT, related_name="+"
    )
    approval_message = models.TextField("この段階で承認したときに申請者へ送る文", blank=True)

    class Meta:
        verbose_name = "審査の段階"
        verbose_name_plural = "審査の段階"
        ordering = ["procedure", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "position"], name="forms_step_unique_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"


class Submission(TimeStampedModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="submissions")
    form_version = models.ForeignKey(
        FormVersion,
        verbose_name="フォームの版",
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="申請者",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="form_submissions",
    )
    organisation = models.ForeignKey(
        "identity.Organisation",
        verbose_name="事業者",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="form_submissions",
    )
    guest_session = models.CharField("ゲストのセッション", max_length=64, blank=True, db_index=True)
    contact_email = models.EmailField("連絡先メールアドレス", blank=True)
    data = models.JSONField("回答", default=dict, blank=True)
    status = FSMField(
        "状態",
        max_length=20,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.DRAFT,
        db_index=True,
    )
    step = models.PositiveSmallIntegerField("審査中の段階", default=0)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="担当職員",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_form_submissions",
    )
    reference = models.CharField("受付番号", max_length=40, unique=True, null=True, blank=True)
    submitted_at = models.DateTimeField("申請日時", null=True, blank=True)
    decided_at = models.DateTimeField("決定日時", null=True, blank=True)
    # Private (core.files): read through forms.access.may_read_submission_files; downloaded as
    # <reference>.pdf.
    pdf = models.FileField(
        "申請内容の PDF",
        storage=private_storage,
        upload_to=RandomName("forms/copies"),
        max_length=200,
        blank=True,
    )

    class Meta:
        verbose_name = "申請"
        verbose_name_plural = "申請"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.reference or f"下書き {self.id}"

    # Transitions: each is fired by one service in forms.services.submissions, which checks who.
    @transition(field=status, source=[SubmissionStatus.DRAFT], target=SubmissionStatus.SUBMITTED)
    def submit(self) -> None:
        """The applicant submits (``submission_submit``)."""
        self.step = 1

    @transition(field=status, source=[SubmissionStatus.RETURNED], target=SubmissionStatus.SUBMITTED)
    def resubmit(self) -> None:
        """The applicant answers a return for correction (``submission_submit``)."""
        self.step = 1

    @transition(
        field=status, source=[SubmissionStatus.SUBMITTED], target=SubmissionStatus.SUBMITTED
    )
    def advance(self) -> None:
        """Staff of the current step approve; the next step takes over (``submission_decide``)."""
        self.step += 1

    @transition(field=status, source=[SubmissionStatus.SUBMITTED], target=SubmissionStatus.APPROVED)
    def approve(self) -> None:
        """Staff of the last step approve (``submission_decide``)."""
        self.decided_at = timezone.now()

    @transition(field=status, source=[SubmissionStatus.SUBMITTED], target=SubmissionStatus.RETURNED)
    def return_for_correction(self) -> None:
        """Staff of the current step return it to the applicant (差戻し, ``submission_decide``)."""

    @transition(field=status, source=[SubmissionStatus.SUBMITTED], target=SubmissionStatus.REJECTED)
    def reject(self) -> None:
        """Staff of the current step reject it (``submission_decide``)."""
        self.decided_at = timezone.now()

    @property
    def is_editable(self) -> bool:
        return self.status in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)


class SubmissionFile(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")
    field = models.CharField("項目", max_length=40)
    file = models.FileField(
        "ファイル",
        storage=private_storage,
        upload_to=RandomName("forms/attachments"),
        max_length=200,
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


class SubmissionEvent(models.Model):
    """One thing that happened to a submission: submitted, approved at a step, returned, a comment."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("種類", max_length=20, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    step_name = models.CharField("段階", max_length=100, blank=True)
    comment = models.TextField("コメント", blank=True)
    to_applicant = models.BooleanField("申請者に見せる", default=False)
    created_at = models.DateTimeField("日時", auto_now_add=True)

    class Meta:
        verbose_name = "申請の経過"
        verbose_name_plural = "申請の経過"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d}"
