"""Helpers shared by the forms pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def session_key(request: HttpRequest) -> str:
    """The session key, creating the session so that a guest's draft can be found again."""
    if not request.session.session_key:
        request.session.save()
    return request.session.session_key or ""


def error_list(
    errors: dict[str, str], anchors: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """Errors for the error summary at the top of a page, each linking to its input."""
    return [
        {"href": (anchors or {}).get(key, f"#f-{key}"), "message": message}
        for key, message in errors.items()
    ]
