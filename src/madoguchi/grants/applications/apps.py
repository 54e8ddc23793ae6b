from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "madoguchi.grants.applications"
    label = "applications"
    verbose_name = "補助金の申請"
