"""Reads for the OpenID Connect provider."""

from typing import Any
from urllib.parse import urlsplit

from django.db.models import QuerySet

from madoguchi.identity import selectors as identity_selectors
from madoguchi.identity.models import Mandate, Organisation
from madoguchi.identity.oidc.models import Consent


def active_mandates_for(organisation: Organisation) -> QuerySet[Mandate]:
    """Mandates in force today where ``organisation`` is the principal or the agent."""
    return identity_selectors.active_mandates_for(organisation)


def consents_for_user(user: Any) -> QuerySet[Consent]:
    """The services this user let receive their data (the connections page)."""
    return Consent.objects.filter(user=user).select_related("relying_party").order_by("-updated_at")


def consent_for(user: Any, relying_party: Any) -> Consent | None:
    return Consent.objects.filter(user=user, relying_party=relying_party).first()


def redirect_origins() -> list[str]:
    """CSP sources for every origin a relying party is sent back to (sign-in and logout), sorted.

    A loopback URI without a port stands for any port (native apps, RFC 8252); another scheme
    (``com.example.app:/cb``) is allowed as a scheme."""
    from madoguchi.identity.oidc.models import RelyingParty

    sources: set[str] = set()
    for uris in RelyingParty.objects.values_list("redirect_uris", "post_logout_redirect_uris"):
        for uri in " ".join(u or "" for u in uris).split():
            parts = urlsplit(uri)
            if parts.scheme in ("http", "https") and parts.hostname:
                port = parts.port
                if port is None and parts.hostname in ("127.0.0.1", "::1", "localhost"):
                    sources.add(f"{parts.scheme}://{parts.netloc}:*")
                else:
                    sources.add(f"{parts.scheme}://{parts.netloc}")
            elif parts.scheme:
                sources.add(f"{parts.scheme}:")
    return sorted(sources)
