"""Identity events in the shared audit log: who, what, when, from where (IP and browser)."""

from typing import Any

from django.db import models
from django.http import HttpRequest

from madoguchi.core.audit import audit_record
from madoguchi.core.models import AuditEvent


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def identity_audit(
    *,
    action: str,
    request: HttpRequest | None = None,
    actor: Any = None,
    target: models.Model | None = None,
    organisation: Any = None,
    agent_organisation: Any = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """``action`` is ``identity.<event>``; ``organisation`` decides whose Prime may read it."""
    if actor is None and request is not None:
        actor = getattr(request, "user", None)
    if organisation is None and actor is not None:
        organisation = getattr(actor, "organisation_id", None)
    return audit_record(
        action=action,
        actor=actor,
        target=target,
        ip_address=client_ip(request),
        data=data,
        organisation=organisation,
        agent_organisation=agent_organisation,
        user_agent=request.META.get("HTTP_USER_AGENT", "") if request is not None else "",
    )
