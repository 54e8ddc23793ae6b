from django.apps import AppConfig
from django.core import checks


class CoreConfig(AppConfig):
    name = "madoguchi.core"
    label = "core"
    verbose_name = "共通"

    def ready(self) -> None:
        # The admin (after its autodiscovery, django.contrib.admin comes first) reads JSON bounded.
        from django.contrib import admin

        from madoguchi.core.jsonparse import bound_admin_json_fields

        bound_admin_json_fields(admin.site)

        # PDFs refuse to start without a font that covers Japanese (core.E001).
        from madoguchi.core.pdf import check_pdf_font

        checks.register(check_pdf_font)
