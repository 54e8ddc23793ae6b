from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from madoguchi.config.api import api
from madoguchi.grants.applications.urls import staff_urlpatterns as applications_staff_urls
from madoguchi.grants.review.urls import staff_urlpatterns as review_staff_urls
from madoguchi.grants.urls import staff_urlpatterns as grants_staff_urls

# identity: the admin's login goes through allauth (e-mail, rate limits, MFA)
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("4/", include("madoguchi.registry.webapi_v4.urls")),
    path("admin/", admin.site.urls),
    path("registry/", include("madoguchi.registry.urls")),
    path("applications/", include("madoguchi.grants.applications.urls")),  # applications
    path("staff/applications/", include(applications_staff_urls)),  # applications: officers
    path("notices/", include("madoguchi.grants.review.urls")),  # grant_review: applicant notices
    path("staff/review/", include(review_staff_urls)),  # grant_review: reviewers and officers
    path("subsidies/", include("madoguchi.grants.urls")),  # grants: public search and pages
    path("staff/subsidies/", include(grants_staff_urls)),  # grants: programme officers' pages
    path("exp/", include("madoguchi.grants.jgrants_urls")),  # grants: jGrants-compatible API
    path("accounts/", include("allauth.urls")),  # identity: login, sign-up, MFA, sessions
    path("", include("madoguchi.identity.urls")),  # identity: /identity/, /staff/identity/
    path("oauth/", include("madoguchi.identity.oidc.urls")),  # OpenID Connect provider
    path(
        "", include("madoguchi.forms.urls")
    ),  # forms: /procedures/, /staff/forms/, /staff/procedures/
    path("", include("madoguchi.portal.urls")),
]
# No stored file is served under MEDIA_URL, in DEBUG or not: every file goes through a view that
# checks who may read it (core.files, docs/architecture.md "Files").

if settings.MADOGUCHI_OUTBOX_VIEWER:  # the local demo's mail viewer (demo mode only)
    urlpatterns.insert(0, path("", include("madoguchi.identity.outbox_urls")))
