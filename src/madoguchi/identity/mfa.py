"""Who must use MFA, and with what."""

from typing import Any

from allauth.mfa.models import Authenticator

from madoguchi.identity.enums import AccountType


def mfa_required(user: Any) -> bool:
    return bool(user.is_staff or user.account_type in (AccountType.PRIME, AccountType.MEMBER))


def required_types(user: Any) -> list[str]:
    """A Member's first login sets up an authenticator app; Prime and staff may use a passkey."""
    if user.account_type == AccountType.MEMBER and not user.is_staff:
        return [Authenticator.Type.TOTP]
    return [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


def mfa_missing(user: Any) -> bool:
    if not mfa_required(user):
        return False
    return not Authenticator.objects.filter(user=user, type__in=required_types(user)).exists()
