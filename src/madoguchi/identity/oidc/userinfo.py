"""UserInfo: the claims a user's account releases, by scope (claims.CLAIMS)."""

from typing import Any

from madoguchi.identity.oidc import selectors
from madoguchi.identity.oidc.claims import (
    SCOPE_EMAIL,
    SCOPE_MANDATE,
    SCOPE_PROFILE,
    SCOPE_USER,
    code,
    ymd,
)


def _profile(user: Any) -> dict[str, Any]:
    org = user.organisation
    parent = user.parent
    return {
        "account_type": code(user.account_type),
        "corp_type": code(org.corp_type) if org else "",
        "parent_id": str(parent.subject) if parent else "",
        "corporate_number": (org.corporate_number or "") if org else "",
        "name": org.name if org else "",
        "en_name": org.en_name if org else "",
        "prefecture_name": org.prefecture_name if org else "",
        "address1": org.address1 if org else "",
        "address2": org.address2 if org else "",
        "rep_last_nm": org.rep_last_name if org else "",
        "rep_first_nm": org.rep_first_name if org else "",
        "rep_last_nm_kana": org.rep_last_name_kana if org else "",
        "rep_first_nm_kana": org.rep_first_name_kana if org else "",
        "birthday_ymd": ymd(org.rep_birthday) if org else "",
    }


def _user(user: Any) -> dict[str, Any]:
    return {
        "user_last_nm": user.last_name,
        "user_first_nm": user.first_name,
        "user_last_nm_kana": user.last_name_kana,
        "user_first_nm_kana": user.first_name_kana,
        "user_post_code": user.postal_code,
        "user_prefecture_name": user.prefecture_name,
        "user_address1": user.address1,
        "user_address2": user.address2,
        "user_address3": user.address3,
        "user_department": user.department,
        "user_tel_no_contact": user.phone,
        "user_birthday_ymd": ymd(user.birthday),
    }


def _mandates(user: Any) -> list[dict[str, Any]]:
    org = user.organisation
    if org is None:
        return []
    return [
        {
            "role": "principal" if mandate.principal_id == org.pk else "agent",
            "principal_corporate_number": mandate.principal.corporate_number or "",
            "principal_name": mandate.principal.name,
            "agent_corporate_number": mandate.agent.corporate_number or "",
            "agent_name": mandate.agent.name,
            "services": list(mandate.services or []),
            "valid_from": ymd(mandate.valid_from),
            "valid_until": ymd(mandate.valid_until),
        }
        for mandate in selectors.active_mandates_for(org)
    ]


def userinfo_claims(user: Any, scopes: list[str] | tuple[str, ...] | set[str]) -> dict[str, Any]:
    granted = set(scopes)
    claims: dict[str, Any] = {"sub": str(user.subject)}
    if SCOPE_PROFILE in granted:
        claims.update(_profile(user))
    if SCOPE_USER in granted:
        claims.update(_user(user))
    if SCOPE_MANDATE in granted:
        claims["mandate_info"] = _mandates(user)
    if SCOPE_EMAIL in granted:
        claims["email"] = user.email
        claims["user_email"] = user.email
    return claims
