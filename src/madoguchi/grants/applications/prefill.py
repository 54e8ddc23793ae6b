"""Prefilled answers for the business applied for (the once-only principle).

Adapter over ``forms.prefill``: that module fills organisation facts from the *user's* organisation;
an agent applies for another business, so the organisation facts here come from the application's.
"""

from __future__ import annotations

from typing import Any

from madoguchi.forms.enums import Prefill
from madoguchi.forms.prefill import known_facts


def facts_for(actor: Any, organisation: Any) -> dict[str, str]:
    facts = {k: v for k, v in known_facts(actor).items() if not str(k).startswith("organisation.")}
    org_facts = {
        Prefill.ORG_NAME: organisation.name,
        Prefill.ORG_CORPORATE_NUMBER: organisation.corporate_number or "",
        Prefill.ORG_POSTAL_CODE: organisation.postal_code or "",
        Prefill.ORG_ADDRESS: f"{organisation.prefecture_name}{organisation.address1}{organisation.address2}",
        Prefill.ORG_REPRESENTATIVE: organisation.representative_name,
    }
    facts.update({str(k): v for k, v in org_facts.items() if v})
    return facts


def prefill_for(version: Any, *, actor: Any, organisation: Any) -> dict[str, Any]:
    definition = version.definition()
    facts = facts_for(actor, organisation)
    return {
        field.name: facts[field.prefill]
        for field in definition.data_fields()
        if field.prefill and field.prefill in facts
    }
