"""Who may open the review pages is each page's rule in identity.roles (officers: review_manage /
review_view for their divisions; reviewers: review_score for their own assignments), checked before
the view runs. Here: the subsidy of the page, 404 when the page's right does not reach its division."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from madoguchi.grants.models import Subsidy
from madoguchi.identity.staff_pages import require_division


def subsidy_or_404(request: HttpRequest, subsidy_id: str) -> Subsidy:
    subsidy = Subsidy.objects.filter(pk=subsidy_id).first()
    if subsidy is None:
        raise Http404(_("この補助金は見つかりません。"))
    require_division(request, subsidy.division_id)
    return subsidy
