"""django-oauth-toolkit's scopes backend: every scope exists, a relying party gets only its own."""

from typing import Any

from oauth2_provider.scopes import BaseScopes

from madoguchi.identity.oidc.claims import SCOPE_OPENID, SCOPES


class RelyingPartyScopes(BaseScopes):
    def get_all_scopes(self) -> dict[str, str]:
        return {name: str(label) for name, label in SCOPES.items()}

    def get_available_scopes(
        self, application: Any = None, request: Any = None, *args: Any, **kwargs: Any
    ) -> list[str]:
        # A scope outside this list makes oauthlib refuse the request with invalid_scope.
        if application is None:
            return list(SCOPES)
        return list(application.scopes_allowed)

    def get_default_scopes(
        self, application: Any = None, request: Any = None, *args: Any, **kwargs: Any
    ) -> list[str]:
        return [SCOPE_OPENID]
