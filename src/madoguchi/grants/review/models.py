"""Review of subsidy applications (審査) and the notices sent to applicants (通知書).

- ``Criterion``: one weighted criterion of a subsidy (評価項目), scored 0..``max_score``.
- ``ReviewSetting``: per subsidy (and optionally per round) the budget (予算額), the issuer and the
  conditions (交付の条件) printed on notices.
- ``Assignment``: a reviewer assigned to an application; ``submitted_at`` once all scores are final.
- ``ConflictDeclaration``: the reviewer's conflict of interest (利益相反) with an application; it
  blocks the assignment (the reviewer no longer sees or scores it; officers see the declaration).
- ``Score``: one criterion's score with a comment, within one assignment.
- ``Notice``: a notice document rendered as PDF in background work (tasks.notice_render).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from madoguchi.core.files import RandomName, private_storage
from madoguchi.core.models import TimeStampedModel
from madoguchi.grants.review.enums import NoticeKind, NoticeStatus


class Criterion(TimeStampedModel):
    subsidy = models.ForeignKey(
        "grants.Subsidy", verbose_name="補助金", on_delete=models.CASCADE, related_name="criteria"
    )
    position = models.PositiveSmallIntegerField("順序", default=0)
    name = models.CharField("評価項目", max_length=100)
    description = models.TextField("説明（審査の観点）", blank=True)
    weight = models.PositiveSmallIntegerField("重み", default=1)
    max_score = models.PositiveSmallIntegerField("満点", default=5)

    class Meta:
        verbose_name = "評価項目"
        verbose_name_plural = "評価項目"
        ordering = ["subsidy", "position", "id"]
        constraints = [
            models.CheckConstraint(name="grant_review_weight_positive", condition=Q(weight__gte=1)),
            models.CheckConstraint(
                name="grant_review_max_score_positive", condition=Q(max_score__gte=1)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（重み{self.weight}・{self.max_score}点満点）"


class ReviewSetting(TimeStampedModel):
    subsidy = models.ForeignKey(
        "grants.Subsidy",
        verbose_name="補助金",
        on_delete=models.CASCADE,
        related_name="review_settings",
    )
    round = models.ForeignKey(
        "grants.SubsidyRound",
        verbose_name="公募回",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="review_settings",
    )
    budget = models.BigIntegerField("予算額（円）", null=True, blank=True)
    issuer = models.CharField("通知の発出者", max_length=200, blank=True)
    conditions = models.TextField("交付の条件（通知書に記載）", blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "審査の設定（予算）"
        verbose_name_plural = "審査の設定（予算）"
        constraints = [
            models.UniqueConstraint(
                fields=["subsidy"],
                condition=Q(round__isnull=True),
                name="grant_review_setting_one_per_subsidy",
            ),
            models.UniqueConstraint(
                fields=["subsidy", "round"], name="grant_review_setting_one_per_round"
            ),
            models.CheckConstraint(
                name="grant_review_budget_not_negative",
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subsidy_id} {self.round_id or ''} 予算 {self.budget}"


class Assignment(models.Model):
    application = models.ForeignKey(
        "applications.Application",
        verbose_name="申請",
        on_delete=models.CASCADE,
        related_name="review_assignments",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="審査員",
        on_delete=models.PROTECT,
        related_name="review_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="割り当てた職員",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_at = models.DateTimeField("割当日時", auto_now_add=True)
    comment = models.TextField("総評", blank=True)
    submitted_at = models.DateTimeField("評価の確定日時", null=True, blank=True)

    class Meta:
        verbose_name = "審査員の割当"
        verbose_name_plural = "審査員の割当"
        ordering = ["application", "assigned_at", "id"]
        permissions = [
            ("manage_review", "審査を管理できる（評価項目・予算・審査員の割当・採否の一括決定）"),
            ("score_application", "割り当てられた申請を評価できる（審査員）"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="grant_review_assignment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id} → {self.reviewer_id}"


class ConflictDeclaration(models.Model):
    application = models.ForeignKey(
        "applications.Application",
        verbose_name="申請",
        on_delete=models.CASCADE,
        related_name="review_conflicts",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="審査員",
        on_delete=models.CASCADE,
        related_name="review_conflicts",
    )
    reason = models.TextField("利益相反の内容")
    declared_at = models.DateTimeField("申告日時", auto_now_add=True)

    class Meta:
        verbose_name = "利益相反の申告"
        verbose_name_plural = "利益相反の申告"
        ordering = ["-declared_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="grant_review_conflict_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id} × {self.reviewer_id}"


class Score(models.Model):
    assignment = models.ForeignKey(
        Assignment, verbose_name="割当", on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name="評価項目", on_delete=models.PROTECT, related_name="scores"
    )
    score = models.PositiveSmallIntegerField("点数")
    comment = models.TextField("コメント", blank=True)
    updated_at = models.DateTimeField("更新日時", auto_now=True)

    class Meta:
        verbose_name = "評価点"
        verbose_name_plural = "評価点"
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "criterion"], name="grant_review_score_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.score}"


# Named by migration 0001. Notices are private files (core.files) with random storage names; until
# migration 0002 they lived in <MEDIA_ROOT>/../private-notices as notices/<application>/<id>.pdf.
notice_storage = private_storage
notice_upload_to = RandomName("review/notices")


class Notice(TimeStampedModel):
    """The number (文書番号) is made from the row id, so numbers never collide."""

    application = models.ForeignKey(
        "applications.Application",
        verbose_name="申請",
        on_delete=models.PROTECT,
        related_name="notices",
    )
    kind = models.CharField("種類", max_length=30, choices=NoticeKind.choices)
    number = models.CharField("文書番号", max_length=60, blank=True)
    issued_at = models.DateTimeField("発出日時")
    amount = models.BigIntegerField("金額（円）", null=True, blank=True)
    # Read through grants.review.access.may_read_notice; downloaded as ``filename``.
    file = models.FileField(
        "PDF", storage=private_storage, upload_to=notice_upload_to, max_length=300, blank=True
    )
    status = models.CharField(
        "状態", max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.PENDING
    )
    error = models.CharField("失敗の理由", max_length=300, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "通知書"
        verbose_name_plural = "通知書"
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind"], name="grant_review_notice_one_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    @property
    def is_ready(self) -> bool:
        return self.status == NoticeStatus.READY and bool(self.file)

    @property
    def filename(self) -> str:
        return f"{self.get_kind_display()}_{self.number or self.pk}.pdf"
