"""Writes of the OpenID Connect provider: consent given and withdrawn, relying parties registered,
authorization codes remembered once exchanged and their tokens revoked when a code is replayed."""

import hashlib
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from oauth2_provider.models import (
    get_access_token_model,
    get_grant_model,
    get_id_token_model,
    get_refresh_token_model,
    revoke_access_token,
)
from oauth2_provider.settings import oauth2_settings

from madoguchi.core.audit import audit_record
from madoguchi.identity.oidc.claims import SCOPES
from madoguchi.identity.oidc.errors import OidcError, OidcErrorCode
from madoguchi.identity.oidc.models import Consent, RedeemedCode, RelyingParty


@transaction.atomic
def consent_grant(
    *, user: Any, relying_party: RelyingParty, scopes: list[str], ip_address: str | None = None
) -> Consent:
    """Record that ``user`` lets ``relying_party`` receive ``scopes`` (added to what it had)."""
    not_allowed = [s for s in scopes if s not in relying_party.scopes_allowed]
    if not_allowed:
        raise OidcError(
            OidcErrorCode.SCOPE_NOT_ALLOWED,
            _("この連携サービスには許可されていない情報（%(scopes)s）は提供できません。")
            % {"scopes": " ".join(not_allowed)},
            field="scope",
        )
    consent, created = Consent.objects.select_for_update().get_or_create(
        user=user, relying_party=relying_party, defaults={"scopes": []}
    )
    merged = set(consent.scopes) | set(scopes)
    consent.scopes = [s for s in SCOPES if s in merged]
    consent.save(update_fields=["scopes", "updated_at"])
    audit_record(
        action="oidc.consent_granted",
        actor=user,
        target=relying_party,
        ip_address=ip_address,
        organisation=getattr(user, "organisation_id", None),
        data={"client_id": relying_party.client_id, "scopes": sorted(scopes), "new": created},
    )
    return consent


@transaction.atomic
def consent_withdraw(
    *, user: Any, relying_party_id: int, ip_address: str | None = None
) -> RelyingParty:
    """Withdraw what ``user`` granted one relying party: the consent and every token it holds."""
    consent = (
        Consent.objects.select_for_update()
        .select_related("relying_party")
        # relying_party__pk, not relying_party_id: a lookup through the key of the target checks the
        # integer's range (an id from the URL beyond 64 bits finds nothing, on SQLite too).
        .filter(user=user, relying_party__pk=relying_party_id)
        .first()
    )
    if consent is None:
        raise OidcError(
            OidcErrorCode.CONSENT_NOT_FOUND,
            _("この連携サービスへの同意は見つかりません。すでに取り消されています。"),
        )
    relying_party = consent.relying_party
    revoked = tokens_revoke(user=user, relying_party=relying_party)
    consent.delete()
    audit_record(
        action="oidc.consent_withdrawn",
        actor=user,
        target=relying_party,
        ip_address=ip_address,
        organisation=getattr(user, "organisation_id", None),
        data={"client_id": relying_party.client_id, "tokens_revoked": revoked},
    )
    return relying_party


def tokens_revoke(*, user: Any, relying_party: RelyingParty) -> int:
    """Revoke every access, refresh and ID token and pending code of ``user`` at ``relying_party``."""
    access_tokens = list(
        get_access_token_model().objects.filter(user=user, application=relying_party)
    )
    for access_token in access_tokens:
        revoke_access_token(access_token)
    refresh_tokens = list(
        get_refresh_token_model().objects.filter(
            user=user, application=relying_party, revoked__isnull=True
        )
    )
    for refresh_token in refresh_tokens:
        refresh_token.revoke()
    get_id_token_model().objects.filter(user=user, application=relying_party).delete()
    get_grant_model().objects.filter(user=user, application=relying_party).delete()
    return len(access_tokens) + len(refresh_tokens)


@transaction.atomic
def relying_party_register(
    *,
    actor: Any,
    name: str,
    redirect_uris: list[str],
    allowed_scopes: list[str],
    confidential: bool = True,
    client_id: str | None = None,
    client_secret: str | None = None,
    post_logout_redirect_uris: list[str] | None = None,
    description: str = "",
) -> RelyingParty:
    """Register a relying party (staff, the demo). Returns it with ``client_secret`` hashed."""
    relying_party = RelyingParty(
        name=name,
        redirect_uris=" ".join(redirect_uris),
        post_logout_redirect_uris=" ".join(post_logout_redirect_uris or []),
        allowed_scopes=[s for s in SCOPES if s in set(allowed_scopes)],
        client_type=RelyingParty.CLIENT_CONFIDENTIAL
        if confidential
        else RelyingParty.CLIENT_PUBLIC,
        authorization_grant_type=RelyingParty.GRANT_AUTHORIZATION_CODE,
        algorithm=RelyingParty.RS256_ALGORITHM,
        description=description,
    )
    if client_id:
        relying_party.client_id = client_id
    if client_secret:
        relying_party.client_secret = client_secret
    if not confidential:
        relying_party.client_secret = ""
    relying_party.full_clean()
    relying_party.save()
    audit_record(
        action="oidc.relying_party_registered",
        actor=actor,
        target=relying_party,
        data={"client_id": relying_party.client_id, "scopes": relying_party.allowed_scopes},
    )
    return relying_party


def checksum(value: str) -> str:
    """SHA-256 hex digest, the way django-oauth-toolkit finds a token (``token_checksum``)."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def code_redemption_record(
    *,
    code: str,
    relying_party: RelyingParty,
    user: Any,
    access_token: str,
    refresh_token: str | None,
) -> RedeemedCode:
    """Remember an exchanged authorization code and what it was exchanged for.

    Runs inside the token request's transaction; purges the records whose tokens have expired.
    """
    now = timezone.now()
    family = None
    if refresh_token:
        family = (
            get_refresh_token_model()
            .objects.filter(token_checksum=checksum(refresh_token))
            .values_list("token_family", flat=True)
            .first()
        )
    lifetime = (
        oauth2_settings.REFRESH_TOKEN_EXPIRE_SECONDS
        if family
        else oauth2_settings.ACCESS_TOKEN_EXPIRE_SECONDS
    )
    RedeemedCode.objects.filter(keep_until__lt=now).delete()
    return RedeemedCode.objects.create(
        code_checksum=checksum(code),
        relying_party=relying_party,
        user=user,
        access_token_checksum=checksum(access_token),
        token_family=family,
        redeemed_at=now,
        keep_until=now + timedelta(seconds=lifetime),
    )


def code_replay_revoke(*, code: str, client: Any, ip_address: str | None = None) -> int | None:
    """A code that was already exchanged is presented again: revoke what it was exchanged for.

    RFC 6749 §4.1.2: the server MUST deny the request and SHOULD revoke the tokens issued from
    that code — the access token, the refresh token and every refresh token rotated from it.
    Returns the number of tokens revoked, or ``None`` when the code was never exchanged here.
    """
    redeemed = (
        RedeemedCode.objects.select_for_update()
        .select_related("relying_party", "user")
        .filter(code_checksum=checksum(code))
        .first()
    )
    if redeemed is None:
        return None
    access_token_model = get_access_token_model()
    refresh_token_model = get_refresh_token_model()
    family = (
        refresh_token_model.objects.filter(token_family=redeemed.token_family)
        if redeemed.token_family
        else refresh_token_model.objects.none()
    )
    access_tokens = access_token_model.objects.filter(
        Q(token_checksum=redeemed.access_token_checksum)
        | Q(pk__in=family.exclude(access_token=None).values("access_token_id"))
    )
    id_token_ids = [pk for pk in access_tokens.values_list("id_token_id", flat=True) if pk]
    revoked = access_tokens.count() + family.filter(revoked__isnull=True).count()
    for access_token in access_token_model.objects.filter(
        token_checksum=redeemed.access_token_checksum
    ):
        revoke_access_token(access_token)
    refresh_token_model.revoke_family(redeemed.token_family)
    get_id_token_model().objects.filter(pk__in=id_token_ids).delete()
    audit_record(
        action="oidc.code_replayed",
        actor=None,
        target=redeemed.relying_party,
        ip_address=ip_address,
        organisation=getattr(redeemed.user, "organisation_id", None),
        data={
            "client_id": redeemed.relying_party.client_id,
            "presented_by": getattr(client, "client_id", None),
            "user": str(redeemed.user.subject),
            "redeemed_at": redeemed.redeemed_at.isoformat(),
            "tokens_revoked": revoked,
        },
    )
    return revoked
