from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from madoguchi.registry import selectors


def search(request: HttpRequest) -> HttpResponse:
    return render(request, "registry/search.html", {"q": request.GET.get("q", "")})


def corporation(request: HttpRequest, corporate_number: str) -> HttpResponse:
    record = selectors.corporation_get(corporate_number=corporate_number)
    if record is None:
        raise Http404
    versions = selectors.corporation_versions(corporate_number=corporate_number)
    return render(
        request, "registry/corporation.html", {"corporation": record, "versions": versions}
    )
