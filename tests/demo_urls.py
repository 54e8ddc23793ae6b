"""The project's URLs as demo mode has them: with the local mail viewer (/outbox/). For tests of the
viewer itself (``@pytest.mark.urls("tests.demo_urls")``); in test mode the viewer does not exist."""

from django.urls import URLPattern, URLResolver, include, path

from madoguchi.config.urls import urlpatterns as project_urlpatterns

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("madoguchi.identity.outbox_urls")),
    *project_urlpatterns,
]
