"""``madoguchi email_send_pending``: send the e-mails that are still unsent after a while (a mail
server that was down while no broker retried them). Each is sent once (core/mail.py)."""

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from madoguchi.core.mail import email_deliver
from madoguchi.core.models import Email


class Command(BaseCommand):
    help = "送信できていないメールを送ります（各メールは一度だけ送られます）。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--older-than",
            type=int,
            default=10,
            help="作成から何分以上たった未送信メールを送るか（既定 10）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        cutoff = timezone.now() - timedelta(minutes=options["older_than"])
        pending = Email.objects.filter(sent_at__isnull=True, created_at__lte=cutoff)
        sent = failed = 0
        for email_id in pending.values_list("pk", flat=True).order_by("created_at"):
            try:
                if email_deliver(email_id=str(email_id)) == "sent":
                    sent += 1
            except Exception as error:  # one failing address must not stop the others
                failed += 1
                self.stderr.write(f"{email_id}: {type(error).__name__}: {error}")
        self.stdout.write(f"送信 {sent} 件、失敗 {failed} 件 / sent {sent}, failed {failed}")
        if failed:
            raise SystemExit(1)
