"""The WSGI application gunicorn serves in the identity and OIDC benchmarks (``bench_app:application``).

The whole project, plus ``/bench/baseline``: a minimal view through the same middleware, the baseline each
benchmark measures in the same run. Built on first use, once gunicorn has set the environment.
"""

import os
from typing import Any


def __getattr__(name: str) -> Any:
    """``application`` and ``urlpatterns``, built once Django is configured."""
    if name == "application":
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "madoguchi.config.settings")
        os.environ.setdefault("MADOGUCHI_MODE", "test")  # local, DEBUG off
        from django.conf import settings
        from django.core.wsgi import get_wsgi_application

        app = get_wsgi_application()
        settings.ROOT_URLCONF = "bench_app"
        return app
    if name == "urlpatterns":
        from django.http import HttpRequest, HttpResponse
        from django.urls import include, path

        def baseline(request: HttpRequest) -> HttpResponse:
            return HttpResponse(b"ok", content_type="text/plain")

        return [path("bench/baseline", baseline), path("", include("madoguchi.config.urls"))]
    raise AttributeError(name)
