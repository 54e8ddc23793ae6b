from django.apps import AppConfig
from django.core import checks


class CoreConfig(AppConfig):
    name = "madoguchi.core"
    label = "core"
    verbose_name = "共通"

    def ready(self) -> None:
        from madoguchi.core.pdf import check_pdf_font

        checks.register(check_pdf_font)
