"""Code tables of the forms context."""

from enum import StrEnum

from django.db import models


class FieldType(models.TextChoices):
    """The question types a form can hold (the builder offers them in this order)."""

    SHORT_TEXT = "short_text", "記述（1行）"
    LONG_TEXT = "long_text", "記述（複数行）"
    NUMBER = "number", "数値"
    YEN = "yen", "金額（円）"
    DATE = "date", "日付"
    SINGLE_CHOICE = "single_choice", "単一選択"
    MULTIPLE_CHOICE = "multiple_choice", "複数選択"
    YES_NO = "yes_no", "はい／いいえ"
    EMAIL = "email", "メールアドレス"
    PHONE = "phone", "電話番号"
    POSTAL_CODE = "postal_code", "郵便番号（住所を自動入力）"
    ADDRESS = "address", "住所"
    CORPORATE_NUMBER = "corporate_number", "法人番号（名称・所在地を自動入力）"
    FILE = "file", "ファイルの添付"
    REPEAT = "repeat", "繰り返し項目・表（合計を自動計算）"
    CONSENT = "consent", "同意のチェック"
    GUIDANCE = "guidance", "説明文（入力なし）"


# Types a column of a repeating group / table may have.
COLUMN_TYPES = (
    FieldType.SHORT_TEXT,
    FieldType.NUMBER,
    FieldType.YEN,
    FieldType.DATE,
    FieldType.SINGLE_CHOICE,
    FieldType.EMAIL,
    FieldType.PHONE,
)


class ConditionOp(models.TextChoices):
    EQ = "eq", "が次の値と等しい"
    NE = "ne", "が次の値と異なる"
    IN = "in", "が次のいずれか（カンマ区切り）"
    CONTAINS = "contains", "（複数選択）に次の値を含む"
    NOT_EMPTY = "not_empty", "が入力されている"
    EMPTY = "empty", "が入力されていない"
    GT = "gt", "が次の値より大きい"
    GTE = "gte", "が次の値以上"
    LT = "lt", "が次の値より小さい"
    LTE = "lte", "が次の値以下"


class Prefill(models.TextChoices):
    """What Madoguchi already knows and fills in (the once-only principle)."""

    ORG_NAME = "organisation.name", "事業者の名称"
    ORG_CORPORATE_NUMBER = "organisation.corporate_number", "法人番号"
    ORG_POSTAL_CODE = "organisation.postal_code", "事業者の郵便番号"
    ORG_ADDRESS = "organisation.address", "事業者の所在地"
    ORG_REPRESENTATIVE = "organisation.representative", "代表者の氏名"
    USER_NAME = "user.name", "担当者の氏名"
    USER_EMAIL = "user.email", "担当者のメールアドレス"
    USER_PHONE = "user.phone", "担当者の電話番号"


class Audience(models.TextChoices):
    """Who may use a procedure."""

    GUEST = "guest", "ログインなし（誰でも）"
    ENTRY = "entry", "gBizIDエントリー"
    PRIME = "prime", "gBizIDプライム"
    MEMBER = "member", "gBizIDメンバー"


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "編集中"
    PUBLISHED = "published", "公開済み（変更不可）"


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", "下書き"
    SUBMITTED = "submitted", "審査中"
    RETURNED = "returned", "差戻し（修正依頼）"
    APPROVED = "approved", "承認"
    REJECTED = "rejected", "却下"


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", "申請"
    RESUBMITTED = "resubmitted", "修正して再申請"
    STEP_APPROVED = "step_approved", "承認（次の段階へ）"
    APPROVED = "approved", "承認（最終）"
    RETURNED = "returned", "差戻し"
    REJECTED = "rejected", "却下"
    COMMENT = "comment", "コメント"
    ASSIGNED = "assigned", "担当者の割当て"


class FormsErrorCode(StrEnum):
    INVALID_DOCUMENT = "invalid_document"
    INVALID_FIELD = "invalid_field"
    VERSION_PUBLISHED = "version_published"
    NOT_ALLOWED = "not_allowed"
    CLOSED = "closed"
    INVALID_DATA = "invalid_data"
    INVALID_FILE = "invalid_file"
    WRONG_STATE = "wrong_state"
