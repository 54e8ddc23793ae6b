from enum import StrEnum

from madoguchi.core.errors import MadoguchiError


class OidcErrorCode(StrEnum):
    CONSENT_NOT_FOUND = "oidc.consent_not_found"
    SCOPE_NOT_ALLOWED = "oidc.scope_not_allowed"
    ACCOUNT_NOT_ALLOWED = "oidc.account_not_allowed"


class OidcError(MadoguchiError):
    pass
