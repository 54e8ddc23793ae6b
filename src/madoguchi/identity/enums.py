"""Code tables of the identity context, with the numbers gBizID relying parties already know."""

from django.db import models


class AccountType(models.IntegerChoices):
    """gBizID's ``account_type`` claim."""

    ENTRY = 1, "gBizIDエントリー"
    PRIME = 2, "gBizIDプライム"
    MEMBER = 3, "gBizIDメンバー"


class CorpType(models.IntegerChoices):
    """gBizID's ``corp_type`` claim."""

    CORPORATION = 1, "法人"
    SOLE_PROPRIETOR = 2, "個人事業主"


class AccountStatus(models.TextChoices):
    ACTIVE = "active", "利用中"
    SUSPENDED = "suspended", "利用停止"
    REMOVED = "removed", "削除済み"


class Service(models.TextChoices):
    """Services of Madoguchi a Prime can allow a Member (or an agent under a mandate) to use."""

    GRANTS = "grants", "補助金の申請（jGrants 相当）"
    PROCEDURES = "procedures", "各種手続き（gBizFORM 相当）"
    REGISTRY = "registry", "法人情報の参照"
    RELYING_PARTIES = "relying_parties", "連携サービスへのログイン"


class VerificationKind(models.TextChoices):
    NEW_PRIME = "new_prime", "プライムの新規申請"
    UPGRADE = "upgrade", "エントリーからプライムへの切替"
    REPRESENTATIVE_CHANGE = "representative_change", "代表者の変更"


class VerificationStatus(models.TextChoices):
    SUBMITTED = "submitted", "審査待ち"
    APPROVED = "approved", "承認"
    REJECTED = "rejected", "却下"
    WITHDRAWN = "withdrawn", "取下げ"


class StaffRole(models.TextChoices):
    """Staff roles; each is a Django group of the same name with its permissions (identity.roles)."""

    PROGRAMME_OFFICER = "programme_officer", "制度担当職員"
    REVIEWER = "reviewer", "審査員"
    PROCEDURE_BUILDER = "procedure_builder", "手続き作成担当"
    ANALYST = "analyst", "分析担当"
    IDENTITY_REVIEWER = "identity_reviewer", "本人確認審査担当"
    ADMINISTRATOR = "administrator", "システム管理者"
