from django.apps import AppConfig


class OidcConfig(AppConfig):
    name = "madoguchi.identity.oidc"
    label = "oidc"
    verbose_name = "OpenID Connect 連携（gBizID 互換）"
    default_auto_field = "django.db.models.BigAutoField"
