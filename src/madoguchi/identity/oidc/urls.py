"""Mounted at /oauth/: the issuer is ``<base>/oauth/`` (gBizID's paths, no trailing slash)."""

from django.urls import URLPattern, URLResolver, include, path, re_path

from madoguchi.identity.oidc import demo_rp, views

# django-oauth-toolkit reverses these names in its own namespace.
provider_patterns = [
    re_path(r"^authorize/?$", views.AuthorizeView.as_view(), name="authorize"),
    re_path(r"^token/?$", views.TokenView.as_view(), name="token"),
    re_path(r"^userinfo/?$", views.UserInfoView.as_view(), name="user-info"),
    re_path(r"^revoke/?$", views.RevokeTokenView.as_view(), name="revoke-token"),
    re_path(r"^logout/?$", views.LogoutView.as_view(), name="rp-initiated-logout"),
    re_path(
        r"^\.well-known/openid-configuration/?$",
        views.DiscoveryView.as_view(),
        name="oidc-connect-discovery-info",
    ),
    re_path(r"^\.well-known/jwks\.json$", views.jwks, name="jwks-info"),
    re_path(r"^jwks/?$", views.jwks),
]

own_patterns = [
    path("connections/", views.connections, name="connections"),
    path(
        "connections/<int:relying_party_id>/withdraw/",
        views.connection_withdraw,
        name="connection-withdraw",
    ),
    path("demo-rp/", demo_rp.demo_rp, name="demo-rp"),
    path("demo-rp/login", demo_rp.demo_rp_login, name="demo-rp-login"),
    path("demo-rp/callback", demo_rp.demo_rp_callback, name="demo-rp-callback"),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include((provider_patterns, "oauth2_provider"))),
    path("", include((own_patterns, "oidc"))),
]
