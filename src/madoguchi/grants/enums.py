"""The vocabularies jGrants publishes (../shared/reference/specs/jgrants-api-v1.yaml), with Japanese labels.

The values are the Japanese strings themselves, exactly as the jGrants API sends and accepts them, so that
a value read from a query string can be looked up directly. Multi-valued fields are joined with " / ".
"""

from enum import StrEnum

from django.db import models

SEPARATOR = " / "  # jGrants joins several values with half-width space, slash, space


class UsePurpose(models.TextChoices):
    """利用目的 (use of subsidies): 15 values."""

    NEW_BUSINESS = "新たな事業を行いたい"
    SALES_CHANNEL = "販路拡大・海外展開をしたい"
    EVENT = "イベント・事業運営支援がほしい"
    SUCCESSION = "事業を引き継ぎたい"
    RESEARCH = "研究開発・実証事業を行いたい"
    HUMAN_RESOURCES = "人材育成を行いたい"
    CASH_FLOW = "資金繰りを改善したい"
    EQUIPMENT_IT = "設備整備・IT導入をしたい"
    EMPLOYMENT = "雇用・職場環境を改善したい"
    ECO_SDGS = "エコ・SDGs活動支援がほしい"
    DISASTER = "災害（自然災害、感染症等）支援がほしい"
    EDUCATION = "教育・子育て・少子化支援がほしい"
    SPORTS_CULTURE = "スポーツ・文化支援がほしい"
    SAFETY = "安全・防災対策支援がほしい"
    COMMUNITY = "まちづくり・地域振興支援がほしい"


class Industry(models.TextChoices):
    """業種 (industry): the 20 divisions of the Japan Standard Industrial Classification."""

    AGRICULTURE = "農業、林業"
    FISHERY = "漁業"
    MINING = "鉱業、採石業、砂利採取業"
    CONSTRUCTION = "建設業"
    MANUFACTURING = "製造業"
    UTILITIES = "電気・ガス・熱供給・水道業"
    INFORMATION = "情報通信業"
    TRANSPORT = "運輸業、郵便業"
    TRADE = "卸売業、小売業"
    FINANCE = "金融業、保険業"
    REAL_ESTATE = "不動産業、物品賃貸業"
    PROFESSIONAL = "学術研究、専門・技術サービス業"
    HOSPITALITY = "宿泊業、飲食サービス業"
    LIFESTYLE = "生活関連サービス業、娯楽業"
    EDUCATION = "教育、学習支援業"
    MEDICAL = "医療、福祉"
    COMPOUND = "複合サービス事業"
    OTHER_SERVICES = "サービス業（他に分類されないもの）"
    PUBLIC = "公務（他に分類されるものを除く）"
    UNCLASSIFIED = "分類不能の産業"


class EmployeeBracket(models.TextChoices):
    """従業員数 (number of employees): 8 values, in order of size."""

    ANY = "従業員数の制約なし"
    UP_TO_5 = "5名以下"
    UP_TO_20 = "20名以下"
    UP_TO_50 = "50名以下"
    UP_TO_100 = "100名以下"
    UP_TO_300 = "300名以下"
    UP_TO_900 = "900名以下"
    OVER_900 = "901名以上"


EMPLOYEE_RANK = {value: rank for rank, value in enumerate(EmployeeBracket.values)}

# 補助対象地域: 全国, 8 regions and the 47 prefectures (in JIS order), with each region's prefectures.
NATIONWIDE = "全国"
REGIONS: dict[str, tuple[str, ...]] = {
    "北海道地方": ("北海道",),
    "東北地方": ("青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県"),
    "関東・甲信越地方": (
        "茨城県",
        "栃木県",
        "群馬県",
        "埼玉県",
        "千葉県",
        "東京都",
        "神奈川県",
        "新潟県",
        "山梨県",
        "長野県",
    ),
    "東海・北陸地方": ("富山県", "石川県", "福井県", "岐阜県", "静岡県", "愛知県", "三重県"),
    "近畿地方": ("滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県"),
    "中国地方": ("鳥取県", "島根県", "岡山県", "広島県", "山口県"),
    "四国地方": ("徳島県", "香川県", "愛媛県", "高知県"),
    "九州・沖縄地方": (
        "福岡県",
        "佐賀県",
        "長崎県",
        "熊本県",
        "大分県",
        "宮崎県",
        "鹿児島県",
        "沖縄県",
    ),
}
PREFECTURES: tuple[str, ...] = (
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
)
TARGET_AREAS: tuple[str, ...] = (NATIONWIDE, *REGIONS, *PREFECTURES)  # the spec's 56 values
REGION_OF = {prefecture: region for region, members in REGIONS.items() for prefecture in members}


class GrantType(models.TextChoices):
    """The kind of grant (v2 ``granttype``)."""

    SUBSIDY = "補助金", "補助金"
    GRANT = "助成金", "助成金"
    BENEFIT = "給付金", "給付金"
    INCENTIVE = "奨励金", "奨励金"


class DocumentKind(models.TextChoices):
    """The three lists of attached documents jGrants publishes."""

    APPLICATION_GUIDELINES = "application_guidelines", "公募要領"
    OUTLINE_OF_GRANT = "outline_of_grant", "交付要綱"
    APPLICATION_FORM = "application_form", "申請様式"


class SubsidyStatus(models.TextChoices):
    """Lifecycle of a subsidy in the catalogue (django-fsm-2)."""

    DRAFT = "draft", "下書き"
    PUBLISHED = "published", "公開中"
    WITHDRAWN = "withdrawn", "公開停止"


class GrantsErrorCode(StrEnum):
    INVALID = "invalid"
    REQUIRED = "required"
    NOT_FOUND = "not_found"
    PERMISSION_DENIED = "permission_denied"
    FILE_TOO_LARGE = "file_too_large"
    FILE_TYPE = "file_type"
    TRANSITION = "transition"


def bitmask(values: list[str] | tuple[str, ...], vocabulary: tuple[str, ...] | list[str]) -> int:
    """One bit per value, at the value's position in ``vocabulary`` (unknown values are ignored)."""
    positions = {value: index for index, value in enumerate(vocabulary)}
    mask = 0
    for value in values:
        if value in positions:
            mask |= 1 << positions[value]
    return mask


def split_values(text: str) -> list[str]:
    """Values joined by jGrants' separator, stripped, empties dropped."""
    return [part.strip() for part in (text or "").split(SEPARATOR) if part.strip()]
