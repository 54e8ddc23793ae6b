"""``madoguchi oidc_rotate_key``: a new ID token signing key; the old ones stay published a while."""

from typing import Any

from django.core.management.base import BaseCommand

from madoguchi.identity.oidc.keys import PUBLISH_MARGIN, published_keys, signing_key_rotate


class Command(BaseCommand):
    help = "OpenID Connect の ID トークン署名鍵を新しくします（古い鍵は有効期限まで JWK セットに残します）。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--margin-hours",
            type=int,
            default=int(PUBLISH_MARGIN.total_seconds() // 3600),
            help="古い鍵を ID トークンの有効期間より何時間長く公開するか（既定 24）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from datetime import timedelta

        key = signing_key_rotate(margin=timedelta(hours=options["margin_hours"]))
        self.stdout.write(f"新しい署名鍵: {key.kid}")
        for published in published_keys():
            until = published.publish_until.isoformat() if published.publish_until else "署名中"
            self.stdout.write(f"  公開中: {published.kid}（{until}）")
