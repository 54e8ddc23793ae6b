"""Object-level checks for staff pages, with the rights the page's rule asked for
(``request.staff_rights``, set by ``identity.middleware.StaffAccessMiddleware``)."""

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from madoguchi.identity.models import Division
from madoguchi.identity.roles import Right
from madoguchi.identity.selectors import staff_may


def page_rights(request: HttpRequest) -> tuple[Right, ...]:
    """The rights the page's rule required; none when the request did not pass the gate."""
    return tuple(getattr(request, "staff_rights", ()))


def require_division(request: HttpRequest, division: Division | int | None) -> None:
    """404 unless the page's right reaches an object owned by ``division`` (another division's
    subsidy, procedure or form answers exactly like one that does not exist)."""
    if not any(staff_may(request.user, right, division) for right in page_rights(request)):
        raise Http404(_("見つかりません。"))


def may(request: HttpRequest, right: Right, division: Division | int | None) -> bool:
    """For templates: may the user use ``right`` on an object of ``division`` (buttons shown)?"""
    user: Any = request.user
    return staff_may(user, right, division)
