"""The applicant's side: the notices of their organisation(s), and the PDF download (read rule:
``grants.review.downloads``; anyone else gets 404)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from madoguchi.grants.review import downloads, selectors


@login_required
def notice_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "grant_review/notices.html", {"notices": selectors.notices_for_user(request.user)}
    )


def notice_download(request: HttpRequest, notice_id: int) -> HttpResponseBase:
    return downloads.notice_download(request.user, notice_id)
