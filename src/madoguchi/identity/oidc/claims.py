"""Scopes and the UserInfo claims each releases — gBizID's table, with the Japanese the consent screen shows.

The ID token carries no personal data (only ``sub`` and the protocol claims); everything here is read
from UserInfo, by the scopes the user granted. Values follow gBizID's shapes: codes as strings
(``account_type`` "1"/"2"/"3", ``corp_type`` "1"/"2"), dates as ``YYYYMMDD``, missing values as "".
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

# The scopes a relying party may be allowed, in the order the consent screen lists them.
SCOPE_OPENID = "openid"
SCOPE_PROFILE = "profile"
SCOPE_USER = "user"
SCOPE_MANDATE = "mandate"
SCOPE_EMAIL = "email"
SCOPE_OFFLINE = "offline_access"

SCOPES: dict[str, Any] = {
    SCOPE_OPENID: _("利用者を識別する番号（sub）"),
    SCOPE_PROFILE: _("事業者の情報（法人番号・名称・所在地・代表者）"),
    SCOPE_USER: _("ログインした利用者本人の情報（氏名・連絡先・所属）"),
    SCOPE_MANDATE: _("委任の情報"),
    SCOPE_EMAIL: _("メールアドレス"),
    SCOPE_OFFLINE: _("ログインしていない間も情報を取得すること（リフレッシュトークン）"),
}

SCOPE_CHOICES = [(name, f"{name} — {label}") for name, label in SCOPES.items()]


@dataclass(frozen=True)
class Claim:
    name: str
    scope: str
    label: Any


CLAIMS: tuple[Claim, ...] = (
    Claim("sub", SCOPE_OPENID, _("利用者識別子")),
    Claim("account_type", SCOPE_PROFILE, _("アカウント種別（エントリー・プライム・メンバー）")),
    Claim("corp_type", SCOPE_PROFILE, _("事業者の区分（法人・個人事業主）")),
    Claim("parent_id", SCOPE_PROFILE, _("招待したプライムの利用者識別子")),
    Claim("corporate_number", SCOPE_PROFILE, _("法人番号")),
    Claim("name", SCOPE_PROFILE, _("事業者の名称")),
    Claim("en_name", SCOPE_PROFILE, _("事業者の英語表記")),
    Claim("prefecture_name", SCOPE_PROFILE, _("所在地（都道府県）")),
    Claim("address1", SCOPE_PROFILE, _("所在地（市区町村）")),
    Claim("address2", SCOPE_PROFILE, _("所在地（番地以下）")),
    Claim("rep_last_nm", SCOPE_PROFILE, _("代表者の姓")),
    Claim("rep_first_nm", SCOPE_PROFILE, _("代表者の名")),
    Claim("rep_last_nm_kana", SCOPE_PROFILE, _("代表者の姓（フリガナ）")),
    Claim("rep_first_nm_kana", SCOPE_PROFILE, _("代表者の名（フリガナ）")),
    Claim("birthday_ymd", SCOPE_PROFILE, _("代表者の生年月日")),
    Claim("user_last_nm", SCOPE_USER, _("利用者の姓")),
    Claim("user_first_nm", SCOPE_USER, _("利用者の名")),
    Claim("user_last_nm_kana", SCOPE_USER, _("利用者の姓（フリガナ）")),
    Claim("user_first_nm_kana", SCOPE_USER, _("利用者の名（フリガナ）")),
    Claim("user_post_code", SCOPE_USER, _("利用者の郵便番号")),
    Claim("user_prefecture_name", SCOPE_USER, _("利用者の住所（都道府県）")),
    Claim("user_address1", SCOPE_USER, _("利用者の住所（市区町村）")),
    Claim("user_address2", SCOPE_USER, _("利用者の住所（番地）")),
    Claim("user_address3", SCOPE_USER, _("利用者の住所（建物名など）")),
    Claim("user_department", SCOPE_USER, _("利用者の部署")),
    Claim("user_tel_no_contact", SCOPE_USER, _("利用者の連絡先電話番号")),
    Claim("user_birthday_ymd", SCOPE_USER, _("利用者の生年月日")),
    Claim("mandate_info", SCOPE_MANDATE, _("委任の情報（委任元・委任先・サービス・期間）")),
    Claim("email", SCOPE_EMAIL, _("メールアドレス")),
    Claim("user_email", SCOPE_EMAIL, _("利用者のメールアドレス")),
)

CLAIM_NAMES = tuple(claim.name for claim in CLAIMS)


def claims_for_scopes(scopes: list[str] | tuple[str, ...] | set[str]) -> list[Claim]:
    """The claims a grant of ``scopes`` releases, in the reference order."""
    granted = set(scopes)
    return [claim for claim in CLAIMS if claim.scope in granted]


def scope_summary(scopes: list[str] | tuple[str, ...] | set[str]) -> list[dict[str, Any]]:
    """For the consent and connections pages: each granted scope with the claims it releases."""
    granted = set(scopes)
    return [
        {
            "scope": name,
            "label": label,
            "claims": [claim.label for claim in CLAIMS if claim.scope == name and name != "openid"],
        }
        for name, label in SCOPES.items()
        if name in granted
    ]


def ymd(value: date | None) -> str:
    return value.strftime("%Y%m%d") if value else ""


def code(value: int | None) -> str:
    return str(int(value)) if value is not None else ""
