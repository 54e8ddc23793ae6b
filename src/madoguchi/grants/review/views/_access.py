"""Who may open the review pages: officers (manage_review) and reviewers (score_application)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from madoguchi.grants.models import Subsidy
from madoguchi.grants.review.services._common import is_officer, is_reviewer

View = Callable[..., HttpResponse]


def officer_required(view: View) -> View:
    @staff_member_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_officer(request.user):
            raise PermissionDenied("審査を管理する権限がありません。")
        return view(request, *args, **kwargs)

    return wrapped


def reviewer_required(view: View) -> View:
    @staff_member_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_reviewer(request.user):
            raise PermissionDenied("審査員の権限がありません。")
        return view(request, *args, **kwargs)

    return wrapped


def subsidy_or_404(subsidy_id: str) -> Subsidy:
    subsidy = Subsidy.objects.filter(pk=subsidy_id).first()
    if subsidy is None:
        raise Http404("この補助金は見つかりません。")
    return subsidy
