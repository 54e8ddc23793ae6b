"""The subsidy catalogue: programmes (補助金) as jGrants publishes them, their rounds, documents and history.

Field names follow the jGrants API (../shared/reference/jgrants-api.md) so the public API is a plain mapping.
Multi-valued fields (purposes, industries, areas) are stored twice: as jGrants' " / "-joined text, which
the API and pages show, and as a bit mask (one bit per value of the vocabulary in ``enums``), which the
search filters on with one bitwise AND on SQLite and PostgreSQL alike.
"""

import datetime as dt
import secrets
import string
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_fsm import FSMField, transition

from madoguchi.core.models import TimeStampedModel
from madoguchi.grants.enums import (
    DocumentKind,
    EmployeeBracket,
    GrantType,
    SubsidyStatus,
    split_values,
)

_ID_ALPHABET = string.ascii_letters + string.digits


def new_subsidy_id() -> str:
    """An 18-character opaque id like jGrants' (``a0W5h00000MOKpTEAX``)."""
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(18))


class Subsidy(TimeStampedModel):
    """One subsidy programme (補助金). ``name`` is the subsidy number (補助金番号, S-01100011)."""

    id = models.CharField("補助金ID", max_length=18, primary_key=True, default=new_subsidy_id)
    name = models.CharField("補助金番号", max_length=10, unique=True)
    title = models.CharField("補助金名", max_length=100)
    subsidy_catch_phrase = models.CharField("キャッチコピー", max_length=255, blank=True)
    detail = models.TextField("概要（HTML）", blank=True)
    use_purpose = models.CharField("利用目的", max_length=1000, blank=True)
    industry = models.CharField("業種", max_length=1000, blank=True)
    target_area_search = models.CharField("補助対象地域", max_length=1000, blank=True)
    target_area_detail = models.CharField("補助対象地域詳細", max_length=255, blank=True)
    target_number_of_employees = models.CharField(
        "従業員数", max_length=20, choices=EmployeeBracket.choices, blank=True
    )
    subsidy_rate = models.CharField("補助率", max_length=255, blank=True)
    subsidy_max_limit = models.BigIntegerField("補助額上限（円）", null=True, blank=True)
    acceptance_start_datetime = models.DateTimeField("募集開始日時", null=True, blank=True)
    acceptance_end_datetime = models.DateTimeField("募集終了日時", null=True, blank=True)
    project_end_deadline = models.DateTimeField("事業終了期限", null=True, blank=True)
    request_reception_presence = models.BooleanField("申請受付（電子申請）", default=True)
    is_enable_multiple_request = models.BooleanField("複数回申請", default=False)
    institution_name = models.CharField("実施機関", max_length=255, blank=True)
    granttype = models.CharField(
        "種別", max_length=10, choices=GrantType.choices, default=GrantType.SUBSIDY
    )
    status = FSMField(
        "公開状態",
        max_length=10,
        choices=SubsidyStatus.choices,
        default=SubsidyStatus.DRAFT,
        protected=True,
    )
    published_at = models.DateTimeField("公開日時", null=True, blank=True)
    division = models.ForeignKey(
        "identity.Division",
        verbose_name="担当部署",
        on_delete=models.PROTECT,
        related_name="subsidies",
        help_text="この補助金を担当する部署。その部署の制度担当職員だけが編集・処理できます。",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="作成者",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Derived by the services, never edited by hand: masks for the filters, the folded search text.
    purpose_mask = models.BigIntegerField(default=0, editable=False)
    industry_mask = models.BigIntegerField(default=0, editable=False)
    area_mask = models.BigIntegerField(default=0, editable=False)
    employee_rank = models.PositiveSmallIntegerField(default=0, editable=False)
    search_text = models.TextField("検索用テキスト", blank=True, editable=False)

    class Meta:
        verbose_name = "補助金"
        verbose_name_plural = "補助金"
        ordering = ["-created_at", "id"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="grants_subsidy_status_created"),
            models.Index(
                fields=["status", "acceptance_end_datetime"], name="grants_subsidy_status_end"
            ),
            models.Index(
                fields=["status", "acceptance_start_datetime"], name="grants_subsidy_status_start"
            ),
            models.Index(fields=["updated_at"], name="grants_subsidy_updated"),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.name}）"

    def get_absolute_url(self) -> str:
        return reverse("grants:detail", args=[self.id])

    def refresh_from_db(self, *args: Any, **kwargs: Any) -> None:
        """A protected FSM field refuses assignment; let a reload from the database set it."""
        fields = kwargs.get("fields") or (args[1] if len(args) > 1 else None)
        if fields is None or "status" in fields:
            self.__dict__.pop("status", None)
        super().refresh_from_db(*args, **kwargs)

    # --- lifecycle (transitions fired only by services.lifecycle) ---------------------------------

    @transition(field=status, source=SubsidyStatus.DRAFT, target=SubsidyStatus.PUBLISHED)
    def publish(self) -> None:
        self.published_at = timezone.now()

    @transition(field=status, source=SubsidyStatus.PUBLISHED, target=SubsidyStatus.WITHDRAWN)
    def withdraw(self) -> None:
        """公開停止: no longer shown to the public or the API."""

    @transition(field=status, source=SubsidyStatus.WITHDRAWN, target=SubsidyStatus.PUBLISHED)
    def republish(self) -> None:
        self.published_at = timezone.now()

    # --- display ----------------------------------------------------------------------------------

    @property
    def purposes(self) -> list[str]:
        return split_values(self.use_purpose)

    @property
    def industries(self) -> list[str]:
        return split_values(self.industry)

    @property
    def target_areas(self) -> list[str]:
        return split_values(self.target_area_search)

    @property
    def is_published(self) -> bool:
        return self.status == SubsidyStatus.PUBLISHED

    def is_accepting(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return bool(
            self.acceptance_start_datetime
            and self.acceptance_end_datetime
            and self.acceptance_start_datetime <= now <= self.acceptance_end_datetime
        )


class SubsidyRound(models.Model):
    """One application round (v2 ``workflow``): a fiscal-year round with its own areas and dates."""

    id = models.CharField("ID", max_length=18, primary_key=True, default=new_subsidy_id)
    subsidy = models.ForeignKey(Subsidy, on_delete=models.CASCADE, related_name="rounds")
    position = models.PositiveSmallIntegerField("順序", default=0)
    fiscal_year_round = models.CharField("年度・回", max_length=100)
    target_area_search = models.CharField("補助対象地域", max_length=1000, blank=True)
    target_area_detail = models.CharField("補助対象地域詳細", max_length=255, blank=True)
    acceptance_start_datetime = models.DateTimeField("募集開始日時", null=True, blank=True)
    acceptance_end_datetime = models.DateTimeField("募集終了日時", null=True, blank=True)
    project_end_deadline = models.DateTimeField("事業終了期限", null=True, blank=True)

    class Meta:
        verbose_name = "公募回"
        verbose_name_plural = "公募回"
        ordering = ["subsidy", "position", "id"]

    def __str__(self) -> str:
        return self.fiscal_year_round


def document_path(instance: "SubsidyDocument", filename: str) -> str:
    return f"grants/{instance.subsidy_id}/{secrets.token_hex(4)}-{filename}"


class SubsidyDocument(models.Model):
    """An attached document: 公募要領, 交付要綱 or 申請様式, stored as a real file.

    The one kind of file that is public: it lives in the default storage (not ``core.files``'
    private one) and anyone may download it through the subsidy's page once the subsidy is published.
    """

    subsidy = models.ForeignKey(Subsidy, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField("種類", max_length=30, choices=DocumentKind.choices)
    name = models.CharField("ファイル名", max_length=255)
    file = models.FileField("ファイル", upload_to=document_path, max_length=500)
    size = models.PositiveIntegerField("サイズ（バイト）", default=0)
    content_type = models.CharField("形式", max_length=100, default="application/pdf")
    position = models.PositiveSmallIntegerField("順序", default=0)
    uploaded_at = models.DateTimeField("登録日時", auto_now_add=True)

    class Meta:
        verbose_name = "添付資料"
        verbose_name_plural = "添付資料"
        ordering = ["subsidy", "kind", "position", "id"]

    def __str__(self) -> str:
        return self.name


class SubsidyChange(models.Model):
    """One change made to a subsidy after it was first published (変更履歴), shown to the public."""

    subsidy = models.ForeignKey(Subsidy, on_delete=models.CASCADE, related_name="changes")
    changed_at = models.DateTimeField("変更日時", default=timezone.now, db_index=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="変更者",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.CharField("変更の概要", max_length=255)
    # {field name: {"label": 日本語, "before": str, "after": str}}
    fields = models.JSONField("変更内容", default=dict, blank=True)

    class Meta:
        verbose_name = "変更履歴"
        verbose_name_plural = "変更履歴"
        ordering = ["subsidy", "-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.changed_at:%Y-%m-%d} {self.summary}"
