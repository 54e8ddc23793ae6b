"""Organisations (法人・個人事業主), people's accounts, identity verification and mandates (委任).

One login per person (``User``, e-mail as the login name). A business user belongs to exactly one
``Organisation`` with an ``account_type`` (Entry, Prime, Member); staff have no organisation and hold
roles (groups). Writes go through ``identity.services``; reads that cross relations through
``identity.selectors``.
"""

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django_fsm import FSMField, transition

from madoguchi.core.files import RandomName, private_storage
from madoguchi.core.models import TimeStampedModel
from madoguchi.identity.enums import (
    AccountStatus,
    AccountType,
    CorpType,
    Service,
    VerificationKind,
    VerificationStatus,
)


class Organisation(TimeStampedModel):
    """A business: a corporation keyed on its corporate number, or a sole proprietor (no number)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    corp_type = models.PositiveSmallIntegerField("事業者の区分", choices=CorpType.choices)
    corporate_number = models.CharField(
        "法人番号", max_length=13, unique=True, null=True, blank=True
    )
    name = models.CharField("名称", max_length=300)
    name_kana = models.CharField("名称（フリガナ）", max_length=300, blank=True)
    en_name = models.CharField("英語表記", max_length=300, blank=True)
    postal_code = models.CharField("郵便番号", max_length=7, blank=True)
    prefecture_name = models.CharField("都道府県", max_length=10, blank=True)
    address1 = models.CharField("市区町村", max_length=200, blank=True)
    address2 = models.CharField("番地以下", max_length=300, blank=True)
    rep_last_name = models.CharField("代表者の姓", max_length=100, blank=True)
    rep_first_name = models.CharField("代表者の名", max_length=100, blank=True)
    rep_last_name_kana = models.CharField("代表者の姓（フリガナ）", max_length=100, blank=True)
    rep_first_name_kana = models.CharField("代表者の名（フリガナ）", max_length=100, blank=True)
    rep_birthday = models.DateField("代表者の生年月日", null=True, blank=True)
    verified_at = models.DateTimeField("確認日時", null=True, blank=True)

    class Meta:
        verbose_name = "事業者"
        verbose_name_plural = "事業者"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="identity_org_number_matches_type",
                condition=(Q(corp_type=CorpType.CORPORATION, corporate_number__isnull=False))
                | Q(corp_type=CorpType.SOLE_PROPRIETOR, corporate_number__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def representative_name(self) -> str:
        return f"{self.rep_last_name} {self.rep_first_name}".strip()


class User(AbstractUser):
    """A person. Business users log in with their e-mail address; ``username`` mirrors it."""

    subject = models.UUIDField(
        "利用者識別子",
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text="OpenID Connect の sub。変わらない、推測できない識別子。",
    )
    email = models.EmailField("メールアドレス", unique=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="事業者",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    account_type = models.PositiveSmallIntegerField(
        "アカウント種別", choices=AccountType.choices, null=True, blank=True
    )
    account_status = models.CharField(
        "利用状態", max_length=20, choices=AccountStatus.choices, default=AccountStatus.ACTIVE
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="招待したプライム",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    services = models.JSONField(
        "利用できるサービス",
        default=list,
        blank=True,
        help_text="メンバーに許可したサービスのコード",
    )
    last_name_kana = models.CharField("姓（フリガナ）", max_length=100, blank=True)
    first_name_kana = models.CharField("名（フリガナ）", max_length=100, blank=True)
    postal_code = models.CharField("郵便番号", max_length=7, blank=True)
    prefecture_name = models.CharField("都道府県", max_length=10, blank=True)
    address1 = models.CharField("市区町村", max_length=200, blank=True)
    address2 = models.CharField("番地", max_length=200, blank=True)
    address3 = models.CharField("建物名など", max_length=200, blank=True)
    department = models.CharField("部署", max_length=200, blank=True)
    phone = models.CharField("電話番号", max_length=20, blank=True)
    birthday = models.DateField("生年月日", null=True, blank=True)

    class Meta(AbstractUser.Meta):  # type: ignore[name-defined]
        verbose_name = "利用者"
        verbose_name_plural = "利用者"
        constraints = [
            models.CheckConstraint(
                name="identity_user_business_has_org",
                condition=Q(account_type__isnull=True)
                | Q(account_type=AccountType.ENTRY)
                | Q(organisation__isnull=False),
            )
        ]

    @property
    def is_business(self) -> bool:
        return self.account_type is not None

    @property
    def is_prime(self) -> bool:
        return self.account_type == AccountType.PRIME

    def may_use(self, service: str) -> bool:
        """Whether this person may use ``service`` for their own organisation."""
        if self.account_status != AccountStatus.ACTIVE or not self.is_active:
            return False
        if self.account_type == AccountType.MEMBER:
            return service in (self.services or [])
        return self.account_type in (AccountType.PRIME, AccountType.ENTRY)


# Named by migration 0001 (with ``private_storage``, now core.files'): proofs are private files with
# random storage names, read through identity.access.may_read_proof.
proof_upload_to = RandomName("identity/proofs")


class VerificationRequest(TimeStampedModel):
    """An application to become (or pass on) Prime, reviewed by an identity reviewer."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField("申請の種類", max_length=30, choices=VerificationKind.choices)
    status = FSMField(
        "状態",
        max_length=20,
        choices=VerificationStatus.choices,
        default=VerificationStatus.SUBMITTED,
        db_index=True,
    )
    applicant = models.ForeignKey(
        User, verbose_name="申請者", on_delete=models.CASCADE, related_name="verification_requests"
    )
    corp_type = models.PositiveSmallIntegerField("事業者の区分", choices=CorpType.choices)
    corporate_number = models.CharField("法人番号", max_length=13, blank=True)
    organisation_name = models.CharField("名称", max_length=300)
    rep_last_name = models.CharField("代表者の姓", max_length=100)
    rep_first_name = models.CharField("代表者の名", max_length=100)
    rep_last_name_kana = models.CharField("代表者の姓（フリガナ）", max_length=100)
    rep_first_name_kana = models.CharField("代表者の名（フリガナ）", max_length=100)
    rep_birthday = models.DateField("代表者の生年月日", null=True, blank=True)
    postal_code = models.CharField("郵便番号", max_length=7, blank=True)
    prefecture_name = models.CharField("都道府県", max_length=10, blank=True)
    address1 = models.CharField("市区町村", max_length=200, blank=True)
    address2 = models.CharField("番地以下", max_length=300, blank=True)
    phone = models.CharField("連絡先電話番号", max_length=20)
    proof = models.FileField("印鑑証明書", upload_to=proof_upload_to, storage=private_storage)
    proof_name = models.CharField("証明書の元のファイル名", max_length=255, blank=True)
    reviewer = models.ForeignKey(
        User,
        verbose_name="審査者",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("審査日時", null=True, blank=True)
    rejection_reason = models.TextField("却下の理由", blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="対象の事業者",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="verification_requests",
        help_text="承認で確認済みになった事業者（代表者の変更では申請時から）",
    )
    proof_content_type = models.CharField("証明書の形式", max_length=50, blank=True)

    class Meta:
        verbose_name = "本人確認の申請"
        verbose_name_plural = "本人確認の申請"
        ordering = ["created_at"]
        permissions = [("review_verificationrequest", "本人確認の申請を審査できる")]

    # Lifecycle (django-fsm-2): submitted → approved | rejected | withdrawn. Identity reviewers fire
    # approve/reject (services.verification checks the permission); the applicant withdraws.
    @transition(
        field=status, source=VerificationStatus.SUBMITTED, target=VerificationStatus.APPROVED
    )
    def approve(self) -> None:
        pass

    @transition(
        field=status, source=VerificationStatus.SUBMITTED, target=VerificationStatus.REJECTED
    )
    def reject(self) -> None:
        pass

    @transition(
        field=status, source=VerificationStatus.SUBMITTED, target=VerificationStatus.WITHDRAWN
    )
    def withdraw(self) -> None:
        pass

    @property
    def representative_name(self) -> str:
        return f"{self.rep_last_name} {self.rep_first_name}".strip()


class Mandate(TimeStampedModel):
    """委任: ``principal`` lets ``agent`` act for it in ``services`` until ``valid_until``."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    principal = models.ForeignKey(
        Organisation, verbose_name="委任元", on_delete=models.CASCADE, related_name="mandates_given"
    )
    agent = models.ForeignKey(
        Organisation,
        verbose_name="委任先",
        on_delete=models.CASCADE,
        related_name="mandates_received",
    )
    services = models.JSONField("委任するサービス", default=list)
    valid_from = models.DateField("開始日")
    valid_until = models.DateField("終了日")
    granted_by = models.ForeignKey(
        User, verbose_name="委任したプライム", on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField("取消日時", null=True, blank=True)

    class Meta:
        verbose_name = "委任"
        verbose_name_plural = "委任"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                name="identity_mandate_not_self", condition=~Q(principal=models.F("agent"))
            ),
            models.CheckConstraint(
                name="identity_mandate_dates", condition=Q(valid_until__gte=models.F("valid_from"))
            ),
        ]

    def covers(self, service: str) -> bool:
        return service in (self.services or []) and self.revoked_at is None


class Invitation(TimeStampedModel):
    """A Prime's invitation of an employee to become a Member of its organisation."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        Organisation, verbose_name="事業者", on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        User, verbose_name="招待したプライム", on_delete=models.CASCADE, related_name="+"
    )
    email = models.EmailField("招待先メールアドレス")
    last_name = models.CharField("姓", max_length=100, blank=True)
    first_name = models.CharField("名", max_length=100, blank=True)
    services = models.JSONField("利用できるサービス", default=list)
    token_hash = models.CharField("招待トークンのハッシュ", max_length=64, unique=True)
    expires_at = models.DateTimeField("有効期限")
    accepted_at = models.DateTimeField("受諾日時", null=True, blank=True)
    accepted_user = models.ForeignKey(
        User,
        verbose_name="受諾した利用者",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField("取消日時", null=True, blank=True)

    class Meta:
        verbose_name = "メンバーの招待"
        verbose_name_plural = "メンバーの招待"
        ordering = ["-created_at"]


__all__ = [
    "Invitation",
    "Mandate",
    "Organisation",
    "Service",
    "User",
    "VerificationRequest",
]


class Division(TimeStampedModel):
    """部署: the unit of ownership of subsidies, procedures and forms (later, case types). Staff
    belong to one or more divisions; a programme officer acts only on what their divisions own
    (identity.roles declares which role reaches which division)."""

    code = models.SlugField(
        "部署コード",
        max_length=50,
        unique=True,
        help_text="半角英数字とハイフン。変えない識別子（例: chusho-keiei）。",
    )
    name = models.CharField("部署名", max_length=200, unique=True)
    members = models.ManyToManyField(
        User,
        verbose_name="所属職員",
        related_name="divisions",
        blank=True,
        limit_choices_to={"is_staff": True},
    )

    class Meta:
        verbose_name = "部署"
        verbose_name_plural = "部署"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
