from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from madoguchi.registry import selectors as registry_selectors


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request, "portal/home.html", {"registry_stats": registry_selectors.registry_stats()}
    )


def developers(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/developers.html")
