"""The NTA code tables (コード表) with their Japanese labels."""

from django.db import models


class Process(models.TextChoices):
    """処理区分: what happened to the corporation in this version."""

    NEW = "01", "新規"
    NAME_CHANGE = "11", "商号又は名称の変更"
    ADDRESS_CHANGE = "12", "国内所在地の変更"
    OVERSEAS_ADDRESS_CHANGE = "13", "国外所在地の変更"
    CLOSURE = "21", "登記記録の閉鎖等"
    REVIVAL = "22", "登記記録の復活等"
    MERGER = "71", "吸収合併"
    MERGER_INVALID = "72", "吸収合併無効"
    TRADE_NAME_ERASED = "81", "商号の登記の抹消"
    DELETION = "99", "削除"


# The order in which difference files apply events of one corporation on one date.
PROCESS_RANK: dict[str, int] = {
    Process.NEW: 0,
    Process.NAME_CHANGE: 1,
    Process.ADDRESS_CHANGE: 1,
    Process.OVERSEAS_ADDRESS_CHANGE: 1,
    Process.CLOSURE: 2,
    Process.REVIVAL: 3,
    Process.MERGER: 4,
    Process.MERGER_INVALID: 4,
    Process.TRADE_NAME_ERASED: 5,
    Process.DELETION: 6,
}


class Correct(models.TextChoices):
    """訂正区分."""

    NOT_CORRECTION = "0", "訂正以外"
    CORRECTION = "1", "訂正"


class Kind(models.TextChoices):
    """法人種別."""

    NATIONAL_AGENCY = "101", "国の機関"
    LOCAL_GOVERNMENT = "201", "地方公共団体"
    KABUSHIKI_KAISHA = "301", "株式会社"
    YUGEN_KAISHA = "302", "有限会社"
    GOMEI_KAISHA = "303", "合名会社"
    GOSHI_KAISHA = "304", "合資会社"
    GODO_KAISHA = "305", "合同会社"
    OTHER_REGISTERED = "399", "その他の設立登記法人"
    FOREIGN_COMPANY = "401", "外国会社等"
    OTHER = "499", "その他"


# The /4/ Web-API's coarse kind parameter: 01 国の機関, 02 地方公共団体, 03 設立登記法人, 04 外国会社等・その他.
WEBAPI_KIND_GROUPS: dict[str, tuple[str, ...]] = {
    "01": ("101",),
    "02": ("201",),
    "03": ("301", "302", "303", "304", "305", "399"),
    "04": ("401", "499"),
}


class CloseCause(models.TextChoices):
    """登記記録の閉鎖等の事由."""

    LIQUIDATION = "01", "清算の結了等"
    MERGER = "11", "合併による解散等"
    REGISTRAR = "21", "登記官による閉鎖"
    OTHER_LIQUIDATION = "31", "その他の清算の結了等"


class Latest(models.TextChoices):
    """最新履歴."""

    PAST = "0", "過去の情報"
    LATEST = "1", "最新の情報"


class Hihyoji(models.TextChoices):
    """検索対象除外."""

    SEARCHABLE = "0", "検索対象"
    EXCLUDED = "1", "検索対象除外"
