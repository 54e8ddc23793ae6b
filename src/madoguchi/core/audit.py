"""Writing audit records. Every service that changes something calls ``audit_record``."""

from typing import Any

from django.db import models

from madoguchi.core.models import AuditEvent


def audit_record(
    *,
    action: str,
    actor: Any = None,
    target: models.Model | None = None,
    ip_address: str | None = None,
    data: dict[str, Any] | None = None,
    organisation: Any = None,
    agent_organisation: Any = None,
    user_agent: str = "",
) -> AuditEvent:
    """Record one event. ``organisation`` is the business concerned (a model or its id);
    ``agent_organisation`` the organisation acting for it under a mandate (委任), if any."""
    return AuditEvent.objects.create(
        action=action,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        ip_address=ip_address,
        data=data or {},
        organisation_id=_id(organisation),
        agent_organisation_id=_id(agent_organisation),
        user_agent=(user_agent or "")[:300],
    )


def _id(value: Any) -> str:
    if value is None:
        return ""
    return str(getattr(value, "pk", value))
