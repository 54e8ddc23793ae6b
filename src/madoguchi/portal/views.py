from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from madoguchi.portal.context_processors import STAFF_NAVIGATION
from madoguchi.registry import selectors as registry_selectors


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request, "portal/home.html", {"registry_stats": registry_selectors.registry_stats()}
    )


def developers(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/developers.html")


@staff_member_required
def staff_home(request: HttpRequest) -> HttpResponse:
    """The staff area's front page: the work pages this staff user may open."""
    links = [
        {"url": reverse(name), "label": label}
        for name, label, permission in STAFF_NAVIGATION
        if permission is None or request.user.has_perm(permission)
    ]
    return render(request, "portal/staff_home.html", {"links": links})
