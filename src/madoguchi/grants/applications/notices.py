"""Adapter to the review context's notices (採択通知, 交付決定通知書, 額の確定通知書).

The review context (``madoguchi.grants.review``, app label ``grant_review``) renders and stores the
PDFs; this module only reads them through its selector ``notices_of_application`` (Notice rows with
``kind``, ``issued_at`` and ``file``), and only when that app is installed. Without it, applicants
simply see no notices yet.
"""

from __future__ import annotations

import re
from typing import Any

from django.apps import apps
from django.http import FileResponse, Http404


def _notices(application: Any) -> list[Any]:
    if not apps.is_installed("madoguchi.grants.review"):
        return []
    from madoguchi.grants.review import selectors  # type: ignore[import-not-found,unused-ignore]

    return list(selectors.notices_of_application(application))


def notices_for(application: Any) -> list[dict[str, Any]]:
    return [
        {
            "pk": notice.pk,
            "label": notice.get_kind_display(),
            "ready": bool(notice.file),
            "issued_at": getattr(notice, "issued_at", None),
        }
        for notice in _notices(application)
    ]


def notice_response(user: Any, application_id: Any, notice_id: Any) -> FileResponse:
    """The notice's PDF through the review context's one read rule; 404 when refused or absent."""
    if not apps.is_installed("madoguchi.grants.review") or not re.fullmatch(
        r"[0-9]{1,18}", notice_id
    ):
        raise Http404
    from madoguchi.grants.review.downloads import notice_download  # type: ignore[import-not-found,unused-ignore]

    return notice_download(user, int(notice_id), application_id=application_id)
