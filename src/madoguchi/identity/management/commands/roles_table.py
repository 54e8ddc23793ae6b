"""``madoguchi roles_table``: docs/roles.md from the declaration of staff rights (identity.roles)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from madoguchi.identity.roles_table import markdown


class Command(BaseCommand):
    help = "職員の役割 × 画面・操作の表（docs/roles.md）を identity.roles から書き出します。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "-o",
            "--output",
            type=Path,
            help="書き出すファイル（例: docs/roles.md）。省略すると標準出力に書きます。",
        )

    def handle(self, *args: Any, output: Path | None = None, **options: Any) -> None:
        text = markdown()
        if output is None:
            self.stdout.write(text, ending="")
            return
        output.write_text(text, encoding="utf-8")
        self.stdout.write(f"{output} を書き出しました。")
