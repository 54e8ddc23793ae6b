"""``madoguchi demo``: load the demo data of every context (safe to run again)."""

from typing import Any

from django.core.management.base import BaseCommand

from madoguchi.portal import demo


class Command(BaseCommand):
    help = "デモデータを読み込みます（何度実行しても同じ状態になります）。"

    def handle(self, *args: Any, **options: Any) -> None:
        for line in demo.load_all():
            self.stdout.write(line)
