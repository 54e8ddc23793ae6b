from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from madoguchi.identity.selectors import staff_menu
from madoguchi.registry import selectors as registry_selectors


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request, "portal/home.html", {"registry_stats": registry_selectors.registry_stats()}
    )


def developers(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/developers.html")


def staff_home(request: HttpRequest) -> HttpResponse:
    """The staff area's front page: the work pages this staff user may open (the rules with a
    menu label in identity.roles whose right one of the user's roles holds)."""
    links = [{"url": reverse(rule.name), "label": rule.menu} for rule in staff_menu(request.user)]
    return render(request, "portal/staff_home.html", {"links": links})
