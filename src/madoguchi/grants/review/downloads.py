"""Who may read a notice (通知書) and its download, for every link to one: the applicant's notices
page, the application page (through applications.notices) and the staff overview.

The read rule is one function per side, so that a change of staff roles happens in one place:
- the business: whoever may act for the application's organisation in grants (its Prime, a Member
  allowed grants, an agent under an active mandate: ``applications.permissions.acting``);
- staff: ``staff_may_read_notice``.
Anyone else, anonymous visitors included, gets 404.
"""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from madoguchi.core.files import file_response
from madoguchi.grants.applications.permissions import acting, staff_may_view
from madoguchi.grants.review.models import Notice
from madoguchi.identity.roles import Right
from madoguchi.identity.selectors import staff_may


def staff_may_read_notice(user: Any, notice: Notice) -> bool:
    """Staff who may read the application (identity.roles: Right.APPLICATION_VIEW) or manage its
    review, in the subsidy's division."""
    application = notice.application
    return staff_may_view(user, application) or staff_may(
        user, Right.REVIEW_MANAGE, application.subsidy.division_id
    )


def may_read_notice(user: Any, notice: Notice) -> bool:
    return bool(acting(user, notice.application.organisation)) or staff_may_read_notice(
        user, notice
    )


def notice_download(user: Any, notice_id: int, *, application_id: Any = None) -> FileResponse:
    """The notice's PDF, named after its kind and number; 404 when refused or not rendered yet."""
    notice = (
        Notice.objects.select_related("application__organisation", "application__subsidy")
        .filter(pk=notice_id)
        .first()
    )
    if (
        notice is None
        or (application_id is not None and str(notice.application_id) != str(application_id))
        or not may_read_notice(user, notice)
        or not notice.is_ready
    ):
        raise Http404(_("通知書が見つかりません。"))
    return file_response(notice.file, filename=notice.filename, content_type="application/pdf")
