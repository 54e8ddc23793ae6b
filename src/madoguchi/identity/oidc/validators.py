"""The OAuth2 validator: gBizID's rules on top of django-oauth-toolkit's.

- ``sub`` is the user's stable ``subject``, never the database id.
- The ID token holds only sub aud iss exp iat auth_time nonce jti, signed RS256 with the current
  database key and its ``kid``.
- UserInfo releases claims by the scopes of the access token (``userinfo.userinfo_claims``).
- A refresh token is issued only when ``offline_access`` was granted.
- Confidential clients authenticate with ``client_secret_basic`` or ``client_secret_post``
  (django-oauth-toolkit's own two methods; gBizID's RPs use the first, many libraries the second).
- An exchanged code is remembered; presenting it again revokes what it was exchanged for.
- Every token issued is an audit event ``oidc.token_issued``.
"""

import json
import logging
from typing import Any

from django.db import router, transaction
from jwcrypto import jws, jwt
from oauth2_provider.models import get_application_model, get_grant_model, get_id_token_model
from oauth2_provider.oauth2_validators import OAuth2Validator
from oauth2_provider.settings import oauth2_settings

from madoguchi.core.audit import audit_record
from madoguchi.identity.oidc import services
from madoguchi.identity.oidc.claims import CLAIM_NAMES, SCOPE_OFFLINE
from madoguchi.identity.oidc.keys import jwk_for, signing_key_by_kid, signing_key_current
from madoguchi.identity.oidc.userinfo import userinfo_claims

logger = logging.getLogger(__name__)

# The only claims an ID token may carry (the reference: no personal data in the ID token).
ID_TOKEN_CLAIMS = ("sub", "aud", "iss", "exp", "iat", "auth_time", "nonce", "jti")


def issuer(request: Any) -> str:
    """``<base>/oauth/`` — with the trailing slash, as gBizID's issuer (or MADOGUCHI_OIDC_ISSUER)."""
    value = oauth2_settings.oidc_issuer(request)
    return value if value.endswith("/") else value + "/"


def client_ip(request: Any) -> str | None:
    headers = getattr(request, "headers", None) or {}
    return headers.get("REMOTE_ADDR") or None


class MadoguchiOAuth2Validator(OAuth2Validator):
    def get_oidc_issuer_endpoint(self, request: Any) -> str:
        return issuer(request)

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        return {}

    def get_claim_dict(self, request: Any) -> dict[str, Any]:
        return {"sub": str(request.user.subject)}

    def get_discovery_claims(self, request: Any) -> list[str]:
        return list(CLAIM_NAMES)

    def get_oidc_claims(self, token: Any, token_handler: Any, request: Any) -> dict[str, Any]:
        return {"sub": str(request.user.subject)}

    def get_userinfo_claims(self, request: Any) -> dict[str, Any]:
        return userinfo_claims(request.user, request.scopes)

    def is_pkce_required(self, client_id: str, request: Any) -> bool:
        """PKCE is required of public clients; confidential clients may use it (then it is checked)."""
        client_type = (
            get_application_model()
            .objects.filter(client_id=client_id)
            .values_list("client_type", flat=True)
            .first()
        )
        return client_type != get_application_model().CLIENT_CONFIDENTIAL

    def validate_silent_login(self, request: Any) -> bool:
        # prompt=none: AuthorizeView answers login_required before this for anonymous users.
        return True

    def validate_silent_authorization(self, request: Any) -> bool:
        # prompt=none: AuthorizeView answers consent_required when the user has not consented.
        return True

    def _load_application(self, client_id: Any, request: Any) -> Any:
        # A client id no database can hold (a NUL character) names no client.
        if isinstance(client_id, str) and "\x00" in client_id:
            return None
        return super()._load_application(client_id, request)

    def validate_code(
        self, client_id: str, code: str, client: Any, request: Any, *args: Any, **kwargs: Any
    ) -> bool:
        """A live code is valid once. A code exchanged before revokes its tokens (RFC 6749 §4.1.2).

        The grant row is locked first, so a second exchange racing the first waits for it and
        then finds the code exchanged (PostgreSQL; SQLite runs one writer at a time anyway).
        """
        if "\x00" in code:
            return False
        list(get_grant_model().objects.select_for_update().filter(code=code).values_list("pk"))
        if super().validate_code(client_id, code, client, request, *args, **kwargs):
            return True
        services.code_replay_revoke(code=code, client=client, ip_address=client_ip(request))
        return False

    def invalidate_authorization_code(
        self, client_id: str, code: str, request: Any, *args: Any, **kwargs: Any
    ) -> None:
        super().invalidate_authorization_code(client_id, code, request, *args, **kwargs)
        issued = getattr(request, "madoguchi_issued", None) or {}
        services.code_redemption_record(
            code=code,
            relying_party=request.client,
            user=request.user,
            access_token=issued.get("access_token", ""),
            refresh_token=issued.get("refresh_token"),
        )

    def finalize_id_token(
        self, id_token: dict, token: dict, token_handler: Any, request: Any
    ) -> str:
        claims, expiration_time = self.get_id_token_dictionary(token, token_handler, request)
        id_token.update(**claims)
        if "nonce" not in id_token and request.nonce:
            id_token["nonce"] = request.nonce
        id_token = {k: v for k, v in id_token.items() if k in ID_TOKEN_CLAIMS}
        key = signing_key_current()
        header = {"typ": "JWT", "alg": "RS256", "kid": key.kid}
        signed = jwt.JWT(header=json.dumps(header), claims=json.dumps(id_token, default=str))
        signed.make_signed_token(jwk_for(key))
        with transaction.atomic(using=router.db_for_write(get_id_token_model())):
            saved = self._save_id_token(id_token["jti"], request, expiration_time)
        request.access_token = saved
        request.id_token = saved
        return signed.serialize()

    def _get_key_for_token(self, token: str) -> Any:
        """The published key named by the token's ``kid`` (RP-initiated logout's id_token_hint)."""
        unverified = jws.JWS()
        unverified.deserialize(token)
        header = unverified.jose_header
        kid = header.get("kid") if isinstance(header, dict) else None
        key = signing_key_by_kid(kid) if kid else None
        return jwk_for(key) if key is not None else None

    def save_bearer_token(self, token: dict, request: Any, *args: Any, **kwargs: Any) -> Any:
        scopes = str(token.get("scope", "")).split()
        if SCOPE_OFFLINE not in scopes:
            token.pop("refresh_token", None)
        result = super().save_bearer_token(token, request, *args, **kwargs)
        # For invalidate_authorization_code, which oauthlib calls next with only the code.
        request.madoguchi_issued = {
            "access_token": token.get("access_token", ""),
            "refresh_token": token.get("refresh_token"),
        }
        audit_record(
            action="oidc.token_issued",
            actor=request.user,
            target=request.client,
            ip_address=client_ip(request),
            organisation=getattr(request.user, "organisation_id", None),
            data={
                "client_id": request.client.client_id,
                "grant_type": request.grant_type,
                "scopes": scopes,
                "refresh_token": "refresh_token" in token,
            },
        )
        return result
