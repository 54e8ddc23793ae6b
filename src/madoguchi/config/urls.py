from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from madoguchi.config.api import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("4/", include("madoguchi.registry.webapi_v4.urls")),
    path("admin/", admin.site.urls),
    path("registry/", include("madoguchi.registry.urls")),
    path("", include("madoguchi.portal.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
