from django.apps import AppConfig


class GrantsConfig(AppConfig):
    name = "madoguchi.grants"
    label = "grants"
    verbose_name = "補助金（jGrants 相当）"
