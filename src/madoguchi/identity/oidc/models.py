"""Relying parties (連携サービス), the provider's signing keys, and the consent each user gave.

``RelyingParty`` is django-oauth-toolkit's swappable Application (``OAUTH2_PROVIDER_APPLICATION_MODEL``)
with the scopes staff allow it; grants, tokens and ID tokens stay django-oauth-toolkit's own models.
"""

from typing import Any
from urllib.parse import SplitResult, urlsplit

from django.conf import settings
from django.contrib.auth.hashers import identify_hasher
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from oauth2_provider.models import (
    AbstractApplication,
    ApplicationManager,
    redirect_to_uri_allowed,
)

from madoguchi.identity.oidc.claims import SCOPE_CHOICES, SCOPE_OPENID, SCOPES
from madoguchi.identity.oidc.hashers import CLIENT_SECRET_MIN_LENGTH


def uri_problems(value: str, *, required: bool) -> list[str]:
    """Japanese reasons why a space-separated list of redirect URIs cannot be registered."""
    uris = value.split()
    if not uris:
        return ["戻り先のURIを1つ以上入力してください。"] if required else []
    problems = []
    for uri in uris:
        parts = urlsplit(uri)
        if parts.scheme not in ("https", "http") or not parts.hostname:
            problems.append(
                f"「{uri}」は完全な URL ではありません。https:// で始まる URL を入力してください。"
            )
        elif parts.fragment or "#" in uri:
            problems.append(f"「{uri}」: 「#」以降（フラグメント）は付けられません。")
        elif "*" in uri:
            problems.append(f"「{uri}」: ワイルドカードは使えません。完全一致で照合します。")
        elif not _port_is_valid(parts):
            problems.append(
                _("「%(uri)s」: ポート番号が正しくありません（1〜65535 の数字）。") % {"uri": uri}
            )
    return problems


def _port_is_valid(parts: SplitResult) -> bool:
    try:
        return parts.port != 0
    except ValueError:
        return False


class RelyingParty(AbstractApplication):
    """A service that logs businesses in through Madoguchi (an OpenID Connect client)."""

    user: "models.ForeignKey[Any, Any]" = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登録した職員",
        related_name="+",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    allowed_scopes: "models.JSONField[Any, Any]" = models.JSONField(
        "許可するスコープ",
        default=list,
        blank=True,
        help_text="この連携サービスが要求してよいスコープ。openid は常に含まれます。",
    )
    description: "models.TextField[str, str]" = models.TextField(
        "連携サービスの説明",
        blank=True,
        help_text="同意画面に表示します（例: どの手続きのためにログインするのか）。",
    )
    contact_email: "models.EmailField[str, str]" = models.EmailField(
        "連携サービスの問い合わせ先", blank=True
    )

    objects = ApplicationManager()

    class Meta(AbstractApplication.Meta):
        swappable = "OAUTH2_PROVIDER_APPLICATION_MODEL"
        verbose_name = "連携サービス（RP）"
        verbose_name_plural = "連携サービス（RP）"
        ordering = ["name"]

    def natural_key(self) -> tuple[str]:
        return (self.client_id,)

    def redirect_uri_allowed(self, uri: str) -> bool:
        return super().redirect_uri_allowed(uri) and self._port_matches(uri, self.redirect_uris)

    def post_logout_redirect_uri_allowed(self, uri: str) -> bool:
        return super().post_logout_redirect_uri_allowed(uri) and self._port_matches(
            uri, self.post_logout_redirect_uris
        )

    def _port_matches(self, uri: str, registered: str) -> bool:
        """A confidential client's URI must match a registered one including the port.

        django-oauth-toolkit lets any port through for ``http://127.0.0.1`` and ``http://[::1]``
        (RFC 8252 §7.3: a native app listens on an ephemeral port). That suits public clients on
        a user's own machine; a confidential client is a server at a fixed address, and another
        local service on another port must not receive its codes (docs/decisions/0005).
        """
        if self.client_type != self.CLIENT_CONFIDENTIAL:
            return True
        try:
            port = urlsplit(uri).port
            same_port = [u for u in registered.split() if urlsplit(u).port == port]
        except ValueError:  # a port that is not a number
            return False
        return redirect_to_uri_allowed(uri, same_port)

    @property
    def scopes_allowed(self) -> list[str]:
        """The allowed scopes, openid first, in the reference order."""
        allowed = set(self.allowed_scopes or []) | {SCOPE_OPENID}
        return [scope for scope in SCOPES if scope in allowed]

    @property
    def jwk_key(self):  # jwcrypto.jwk.JWK
        """The key ID tokens are signed with now (RS256, from the database; see ``keys``)."""
        from madoguchi.identity.oidc.keys import signing_key_current

        return signing_key_current().jwk

    def clean(self) -> None:
        errors: dict[str, list] = {}
        try:
            super().clean()
        except ValidationError as exc:
            errors = {
                field: messages
                for field, messages in exc.message_dict.items()
                # Signing keys live in the database (keys.py), not in OIDC_RSA_PRIVATE_KEY;
                # redirect URIs are checked below, with Japanese messages.
                if field not in ("algorithm", "redirect_uris")
            }
        for field, required in (("redirect_uris", True), ("post_logout_redirect_uris", False)):
            problems = uri_problems(getattr(self, field) or "", required=required)
            if problems:
                errors.setdefault(field, []).extend(problems)
        if self.client_type == self.CLIENT_CONFIDENTIAL and self.client_secret:
            try:
                identify_hasher(self.client_secret)
            except ValueError:  # a new secret, not yet hashed
                if len(self.client_secret) < CLIENT_SECRET_MIN_LENGTH:
                    errors.setdefault("client_secret", []).append(
                        f"クライアントシークレットは推測されないよう {CLIENT_SECRET_MIN_LENGTH} 文字以上にしてください"
                        f"（いまは {len(self.client_secret)} 文字）。自動で作られた値をそのまま使うのが安全です。"
                    )
        unknown = [s for s in (self.allowed_scopes or []) if s not in dict(SCOPE_CHOICES)]
        if unknown:
            errors.setdefault("allowed_scopes", []).append(
                f"許可するスコープに不明なものがあります: {', '.join(unknown)}"
            )
        if errors:
            raise ValidationError(errors)


class SigningKey(models.Model):
    """An RSA key that signs ID tokens. The newest unretired key signs; retired keys stay
    published in the JWK set until ``publish_until`` so that tokens they signed still verify."""

    kid = models.CharField("鍵ID（kid）", max_length=64, unique=True)
    private_key_pem = models.TextField(
        "秘密鍵（暗号化済み PEM）", help_text="SECRET_KEY から導いたパスワードで暗号化しています。"
    )
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    retired_at = models.DateTimeField("署名停止日時", null=True, blank=True)
    publish_until = models.DateTimeField("公開終了日時", null=True, blank=True)

    class Meta:
        verbose_name = "署名鍵"
        verbose_name_plural = "署名鍵"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.kid

    @property
    def jwk(self):
        from madoguchi.identity.oidc.keys import jwk_for

        return jwk_for(self)


class Consent(models.Model):
    """What a user allowed one relying party to receive. Withdrawing deletes it and the tokens."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="利用者",
        on_delete=models.CASCADE,
        related_name="oidc_consents",
    )
    relying_party = models.ForeignKey(
        settings.OAUTH2_PROVIDER_APPLICATION_MODEL,
        verbose_name="連携サービス",
        on_delete=models.CASCADE,
        related_name="consents",
    )
    scopes = models.JSONField("同意したスコープ", default=list)
    granted_at = models.DateTimeField("最初に同意した日時", auto_now_add=True)
    updated_at = models.DateTimeField("最後に同意した日時", auto_now=True)

    class Meta:
        verbose_name = "同意"
        verbose_name_plural = "同意"
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "relying_party"], name="oidc_consent_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.relying_party_id}: {' '.join(self.scopes)}"

    def covers(self, scopes: list[str]) -> bool:
        return set(scopes).issubset(set(self.scopes))


class RedeemedCode(models.Model):
    """An authorization code already exchanged, and what it was exchanged for.

    django-oauth-toolkit deletes a code when it is used, so a second use looks like an unknown
    code. This row remembers the code and the access token issued for it (both as SHA-256, as
    django-oauth-toolkit stores tokens) and the refresh token family, so that a replay revokes
    them (RFC 6749 §4.1.2). Kept while those tokens can live; purged at later exchanges.
    """

    code_checksum = models.CharField("認可コードの SHA-256", max_length=64, unique=True)
    relying_party = models.ForeignKey(
        settings.OAUTH2_PROVIDER_APPLICATION_MODEL,
        verbose_name="連携サービス",
        on_delete=models.CASCADE,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="利用者",
        on_delete=models.CASCADE,
        related_name="+",
    )
    access_token_checksum = models.CharField(
        "発行したアクセストークンの SHA-256", max_length=64, blank=True
    )
    token_family = models.UUIDField("発行したリフレッシュトークンの系列", null=True)
    redeemed_at = models.DateTimeField("交換日時")
    keep_until = models.DateTimeField("保存期限", db_index=True)

    class Meta:
        verbose_name = "交換済みの認可コード"
        verbose_name_plural = "交換済みの認可コード"

    def __str__(self) -> str:
        return f"{self.relying_party_id}: {self.redeemed_at:%Y-%m-%d %H:%M}"
