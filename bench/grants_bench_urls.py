"""The project's URLs plus /bench/ceiling: a minimal Django JSON view (the framework's ceiling)."""

from django.http import HttpRequest, JsonResponse
from django.urls import path

from madoguchi.config.urls import urlpatterns as project_urlpatterns


def ceiling(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"metadata": {"resultset": {"count": 0}}, "result": []})


urlpatterns = [path("bench/ceiling", ceiling), *project_urlpatterns]
