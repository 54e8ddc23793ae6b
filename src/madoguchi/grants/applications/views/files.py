"""Downloads of an application's attachments and notices: one view each for the applicant's and the
officer's links, answering 404 to anyone the read rule refuses (anonymous visitors included)."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest
from django.utils.translation import gettext as _

from madoguchi.core.files import file_response
from madoguchi.grants.applications import notices, selectors
from madoguchi.grants.applications.permissions import may_read_application_file


def file(request: HttpRequest, pk: Any, file_id: Any) -> FileResponse:
    stored = selectors.application_file_get(pk=pk, file_id=file_id)
    if stored is None or not may_read_application_file(request.user, stored):
        raise Http404(_("ファイルが見つかりません。"))
    return file_response(stored.file, filename=stored.name, content_type=stored.content_type)


def notice(request: HttpRequest, pk: Any, notice_id: Any) -> FileResponse:
    return notices.notice_response(request.user, pk, notice_id)
