"""The once-only principle: answers Madoguchi already knows about the logged-in business."""

from __future__ import annotations

from typing import Any

from madoguchi.forms.engine import FormDefinition
from madoguchi.forms.enums import Prefill


def known_facts(user: Any) -> dict[str, str]:
    facts: dict[str, str] = {}
    if not getattr(user, "is_authenticated", False):
        return facts
    facts[Prefill.USER_NAME] = f"{user.last_name} {user.first_name}".strip()
    facts[Prefill.USER_EMAIL] = user.email or ""
    facts[Prefill.USER_PHONE] = getattr(user, "phone", "") or ""
    org = getattr(user, "organisation", None)
    if org is not None:
        facts[Prefill.ORG_NAME] = org.name
        facts[Prefill.ORG_CORPORATE_NUMBER] = org.corporate_number or ""
        facts[Prefill.ORG_POSTAL_CODE] = org.postal_code or ""
        facts[Prefill.ORG_ADDRESS] = f"{org.prefecture_name}{org.address1}{org.address2}"
        facts[Prefill.ORG_REPRESENTATIVE] = org.representative_name
    return {k: v for k, v in facts.items() if v}


def prefill_answers(definition: FormDefinition, user: Any) -> dict[str, Any]:
    facts = known_facts(user)
    return {
        field.name: facts[field.prefill]
        for field in definition.data_fields()
        if field.prefill and field.prefill in facts
    }
