"""``madoguchi registry import PATH…`` and ``madoguchi registry generate --rows N --seed S -o FILE``."""

import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "法人番号登録簿: NTA ファイルの取り込み（import）と合成データの生成（generate）。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(
            dest="action", required=True, parser_class=argparse.ArgumentParser
        )

        imp = sub.add_parser(
            "import",
            help="国税庁の全件・差分ファイル（Unicode 版 CSV または ZIP）を取り込みます。",
        )
        imp.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        imp.add_argument(
            "--force",
            action="store_true",
            help="取り込み済みのファイルも、もう一度適用します（変更は生じません）。",
        )
        imp.add_argument("--no-progress", action="store_true", help="進捗バーを表示しません。")

        gen = sub.add_parser("generate", help="NTA と同じ形式の合成データを生成します。")
        gen.add_argument("--rows", type=int, required=True, help="出力する行数")
        gen.add_argument("--seed", type=int, default=0, help="乱数の種（同じ種なら同じファイル）")
        gen.add_argument(
            "-o", "--output", type=Path, required=True, help="出力ファイル（.csv / .zip）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "generate":
            self._generate(options)
        else:
            self._import(options)

    def _generate(self, options: dict[str, Any]) -> None:
        from madoguchi.registry.generator import generate_file

        if options["rows"] < 1:
            raise CommandError("--rows は 1 以上を指定してください。")
        written = generate_file(options["output"], rows=options["rows"], seed=options["seed"])
        self.stdout.write(f"{written} 行を {options['output']} に書き出しました。")

    def _import(self, options: dict[str, Any]) -> None:
        from madoguchi.registry.importer import import_paths

        summary = import_paths(
            options["paths"],
            force=options["force"],
            progress=not options["no_progress"],
            stdout=self.stdout,
            stderr=self.stderr,
        )
        for line in summary.lines():
            self.stdout.write(line)
        if summary.rows_rejected:
            raise CommandError(
                f"不正な行が {summary.rows_rejected} 行ありました（上記参照）。", returncode=1
            )
