"""The corporate-number registry: the current state of every corporation and its history of versions.

Every column of the NTA bulk file (../shared/reference/corporate-number.md) is kept, with the same names in
snake_case. ``Corporation`` holds one row per corporate number, the latest version; ``CorporationVersion``
holds every version ever imported (renames, moves, closure, merger), unique per number and content.
"""

import secrets

from django.db import models

from madoguchi.core.models import TimeStampedModel
from madoguchi.registry.enums import CloseCause, Correct, Hihyoji, Kind, Process


class NtaRecord(models.Model):
    """The columns of one row of the NTA file (all but sequenceNumber, which is a row number)."""

    corporate_number = models.CharField("法人番号", max_length=13)
    process = models.CharField("処理区分", max_length=2, choices=Process.choices)
    correct = models.CharField(
        "訂正区分", max_length=1, choices=Correct.choices, default=Correct.NOT_CORRECTION
    )
    update_date = models.DateField("更新年月日")
    change_date = models.DateField("変更年月日")
    name = models.TextField("商号又は名称")
    name_image_id = models.CharField("商号又は名称イメージID", max_length=8, blank=True)
    kind = models.CharField("法人種別", max_length=3, choices=Kind.choices)
    prefecture_name = models.TextField("国内所在地（都道府県）", blank=True)
    city_name = models.TextField("国内所在地（市区町村）", blank=True)
    street_number = models.TextField("国内所在地（丁目番地等）", blank=True)
    address_image_id = models.CharField("国内所在地イメージID", max_length=8, blank=True)
    prefecture_code = models.CharField("都道府県コード", max_length=2, blank=True)
    city_code = models.CharField("市区町村コード", max_length=3, blank=True)
    post_code = models.CharField("郵便番号", max_length=7, blank=True)
    address_outside = models.TextField("国外所在地", blank=True)
    address_outside_image_id = models.CharField("国外所在地イメージID", max_length=8, blank=True)
    close_date = models.DateField("登記記録の閉鎖等年月日", null=True, blank=True)
    close_cause = models.CharField(
        "登記記録の閉鎖等の事由", max_length=2, choices=CloseCause.choices, blank=True
    )
    successor_corporate_number = models.CharField("承継先法人番号", max_length=13, blank=True)
    change_cause = models.TextField("変更事由の詳細", blank=True)
    assignment_date = models.DateField("法人番号指定年月日", null=True, blank=True)
    latest = models.BooleanField("最新履歴", default=True)
    en_name = models.TextField("商号又は名称（英語表記）", blank=True)
    en_prefecture_name = models.TextField("国内所在地（都道府県）（英語表記）", blank=True)
    en_city_name = models.TextField("国内所在地（市区町村丁目番地等）（英語表記）", blank=True)
    en_address_outside = models.TextField("国外所在地（英語表記）", blank=True)
    furigana = models.TextField("フリガナ", blank=True)
    hihyoji = models.BooleanField("検索対象除外", default=False)

    class Meta:
        abstract = True

    @property
    def address(self) -> str:
        return f"{self.prefecture_name}{self.city_name}{self.street_number}" or self.address_outside

    @property
    def is_closed(self) -> bool:
        return self.close_date is not None

    @property
    def hihyoji_label(self) -> str:
        return Hihyoji.EXCLUDED.label if self.hihyoji else Hihyoji.SEARCHABLE.label


class Corporation(NtaRecord):
    """The current state of one corporation (the version the NTA marks latest)."""

    corporate_number = models.CharField("法人番号", max_length=13, primary_key=True)
    # Folded spellings for search (madoguchi.registry.searchtext): the name alone, and name, furigana
    # and English name joined by spaces (a folded query never holds a space, so never spans two).
    search_name = models.TextField("検索用名称", blank=True, editable=False)
    search_text = models.TextField("検索用テキスト", blank=True, editable=False)
    is_deleted = models.BooleanField("削除済み", default=False)

    class Meta:
        verbose_name = "法人"
        verbose_name_plural = "法人"
        indexes = [
            models.Index(fields=["prefecture_code", "city_code"], name="registry_corp_pref_city"),
            models.Index(fields=["update_date"], name="registry_corp_update_date"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.corporate_number}）"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("registry:corporation", args=[self.corporate_number])


class CorporationVersion(NtaRecord):
    """One version of a corporation as the NTA published it. Identical content is stored once."""

    fingerprint = models.CharField("内容の指紋", max_length=32, editable=False)
    search_name = models.TextField("検索用名称", blank=True, editable=False)

    class Meta:
        verbose_name = "法人の履歴"
        verbose_name_plural = "法人の履歴"
        ordering = ["corporate_number", "update_date", "change_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["corporate_number", "fingerprint"], name="registry_version_unique"
            )
        ]
        indexes = [models.Index(fields=["update_date"], name="registry_version_update_date")]

    def __str__(self) -> str:
        return f"{self.corporate_number} {self.update_date} {self.get_process_display()}"


class ImportRun(TimeStampedModel):
    """One run of ``madoguchi registry import`` over one file; lets a killed import resume."""

    class Status(models.TextChoices):
        RUNNING = "running", "取り込み中"
        COMPLETED = "completed", "完了"
        FAILED = "failed", "失敗"

    file_name = models.CharField("ファイル名", max_length=255)
    file_sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    file_size = models.BigIntegerField("サイズ（バイト）")
    status = models.CharField("状態", max_length=10, choices=Status.choices)
    lines_done = models.BigIntegerField("処理済みの行", default=0)
    rows_inserted = models.BigIntegerField("新たな履歴", default=0)
    rows_unchanged = models.BigIntegerField("変更なし", default=0)
    rows_rejected = models.BigIntegerField("不正な行", default=0)
    finished_at = models.DateTimeField("終了日時", null=True, blank=True)

    class Meta:
        verbose_name = "取り込み"
        verbose_name_plural = "取り込み"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"


class ImportRejection(models.Model):
    """A row of an imported file that was not imported, and why."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="rejections")
    line_number = models.BigIntegerField("行")
    reason = models.TextField("理由")
    raw = models.TextField("行の内容", blank=True)

    class Meta:
        verbose_name = "不正な行"
        verbose_name_plural = "不正な行"
        ordering = ["run", "line_number"]
        constraints = [
            models.UniqueConstraint(fields=["run", "line_number"], name="registry_rejection_line")
        ]

    def __str__(self) -> str:
        return f"{self.run.file_name}:{self.line_number} {self.reason}"


def _new_application_id() -> str:
    return secrets.token_hex(8)


class WebApiApplication(TimeStampedModel):
    """An application id (アプリケーションID) issued by staff for the NTA-compatible /4/ Web-API."""

    application_id = models.CharField(
        "アプリケーションID", max_length=32, unique=True, default=_new_application_id
    )
    name = models.CharField("アプリケーション名", max_length=200)
    contact_email = models.EmailField("連絡先メールアドレス", blank=True)
    is_active = models.BooleanField("有効", default=True)
    last_used_at = models.DateTimeField("最終利用日時", null=True, blank=True)

    class Meta:
        verbose_name = "Web-API アプリケーションID"
        verbose_name_plural = "Web-API アプリケーションID"
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.application_id})"
