"""The applicant's side: the notices of their organisation(s), and the PDF download.

Object permission: only someone who may act for the application's organisation in grants (its
Prime, a permitted Member, an agent under a mandate) gets the file; anyone else gets 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from madoguchi.grants.review import selectors
from madoguchi.grants.review.views.officer import notice_file_response


@login_required
def notice_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "grant_review/notices.html", {"notices": selectors.notices_for_user(request.user)}
    )


@login_required
def notice_download(request: HttpRequest, notice_id: int) -> HttpResponseBase:
    notice = selectors.notice_for_applicant(request.user, notice_id)
    if notice is None:
        raise Http404("通知書が見つかりません。")
    return notice_file_response(notice)
