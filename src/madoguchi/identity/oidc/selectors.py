"""Reads for the OpenID Connect provider."""

from typing import Any

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
