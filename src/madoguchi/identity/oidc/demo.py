"""Demo relying party: published client id and secret, so anyone can try the flow (README)."""

from collections.abc import Iterator

from django.conf import settings
from django.urls import reverse

from madoguchi.identity.oidc.claims import SCOPES
from madoguchi.identity.oidc.keys import signing_key_current
from madoguchi.identity.oidc.models import RelyingParty

DEMO_CLIENT_ID = "madoguchi-demo-rp"
DEMO_CLIENT_SECRET = "madoguchi-demo-rp-secret-2026-published"  # noqa: S105 - a published demo secret (README)


def load() -> Iterator[str]:
    """Register the demo client with its pages at SITE_URL (the demo RP calls nothing else)."""
    home = settings.SITE_URL + reverse("oidc:demo-rp")
    relying_party = RelyingParty.objects.filter(client_id=DEMO_CLIENT_ID).first()
    if relying_party is None:
        from madoguchi.identity.oidc.services import relying_party_register

        relying_party_register(
            actor=None,
            name="デモ連携サービス（補助金申請 jGrants 相当）",
            description="窓口の OpenID Connect を試すためのデモ用サービスです。受け取った情報をそのまま表示します。",
            redirect_uris=[settings.SITE_URL + reverse("oidc:demo-rp-callback")],
            post_logout_redirect_uris=[home],
            allowed_scopes=list(SCOPES),
            confidential=True,
            client_id=DEMO_CLIENT_ID,
            client_secret=DEMO_CLIENT_SECRET,
        )
    signing_key_current()
    yield (
        f"OpenID Connect のデモ連携サービス: client_id {DEMO_CLIENT_ID} / client_secret "
        f"{DEMO_CLIENT_SECRET}（{home} で試せます）"
    )
