"""ID token signing keys: RS256, kept in the database, rotated without breaking issued tokens.

The newest key that is not retired signs. ``signing_key_rotate`` makes a new key and retires the
others; a retired key stays in the JWK set until ``publish_until`` (the ID token lifetime plus a
margin), so a relying party that cached the set, or holds a token signed just before the rotation,
still verifies it. Private keys are stored encrypted with a password derived from ``SECRET_KEY``.
"""

import hashlib
import hmac
import json
from datetime import timedelta
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from jwcrypto import jwk
from oauth2_provider.settings import oauth2_settings

from madoguchi.core.audit import audit_record
from madoguchi.identity.oidc.models import SigningKey

KEY_SIZE = 2048
# How long a retired key stays published beyond the ID token lifetime.
PUBLISH_MARGIN = timedelta(days=1)

_jwk_cache: dict[str, jwk.JWK] = {}


def _password() -> bytes:
    return (
        hmac.new(settings.SECRET_KEY.encode(), b"madoguchi.oidc.signing-key", hashlib.sha256)
        .hexdigest()
        .encode()
    )


def jwk_for(key: SigningKey) -> jwk.JWK:
    cached = _jwk_cache.get(key.kid)
    if cached is None:
        cached = jwk.JWK.from_pem(key.private_key_pem.encode(), password=_password())
        _jwk_cache[key.kid] = cached
    return cached


def _new_key() -> SigningKey:
    private = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(_password()),
    ).decode()
    kid = jwk.JWK.from_pyca(private).thumbprint()
    return SigningKey.objects.create(kid=kid, private_key_pem=pem)


def published_keys() -> QuerySet[SigningKey]:
    """Keys in the JWK set: the signing key and retired keys not yet past ``publish_until``."""
    return SigningKey.objects.filter(
        Q(retired_at__isnull=True) | Q(publish_until__gt=timezone.now())
    )


def signing_key_current() -> SigningKey:
    """The key that signs now; the first one is made on first use."""
    key = SigningKey.objects.filter(retired_at__isnull=True).first()
    if key is None:
        with transaction.atomic():
            key = SigningKey.objects.select_for_update().filter(retired_at__isnull=True).first()
            if key is None:
                key = _new_key()
    return key


def signing_key_by_kid(kid: str) -> SigningKey | None:
    return published_keys().filter(kid=kid).first()


@transaction.atomic
def signing_key_rotate(*, actor: Any = None, margin: timedelta = PUBLISH_MARGIN) -> SigningKey:
    """Make a new signing key; retire the others but keep them published for a while."""
    now = timezone.now()
    lifetime = timedelta(seconds=oauth2_settings.ID_TOKEN_EXPIRE_SECONDS)
    retiring = list(SigningKey.objects.select_for_update().filter(retired_at__isnull=True))
    new = _new_key()
    for old in retiring:
        old.retired_at = now
        old.publish_until = now + lifetime + margin
        old.save(update_fields=["retired_at", "publish_until"])
    audit_record(
        action="oidc.key_rotated",
        actor=actor,
        target=new,
        data={"kid": new.kid, "retired": [old.kid for old in retiring]},
    )
    return new


def jwks() -> dict[str, list[dict[str, str]]]:
    signing_key_current()  # the set is never empty, even before the first token
    keys = []
    for key in published_keys():
        public = json.loads(jwk_for(key).export_public())
        keys.append({**public, "alg": "RS256", "use": "sig", "kid": key.kid})
    return {"keys": keys}
