"""URLs of the jGrants-compatible API, mounted at /exp/ by config/urls.py."""

from django.urls import path, re_path

from madoguchi.grants import jgrants

app_name = "jgrants"
urlpatterns = [
    path("v1/public/subsidies", jgrants.search_v1, name="search-v1"),
    path("v1/public/subsidies/id/<path:subsidy_id>", jgrants.detail_v1, name="detail-v1"),
    path("v2/public/subsidies", jgrants.search_v2, name="search-v2"),
    path("v2/public/subsidies/id/<path:subsidy_id>", jgrants.detail_v2, name="detail-v2"),
    re_path(r"^(?P<rest>.*)$", jgrants.not_found, name="not-found"),
]
