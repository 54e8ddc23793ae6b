"""How amounts and deadlines read on the pages (Japanese, deadlines counted in JST days)."""

import dataclasses
import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from madoguchi.grants.models import Subsidy


def yen(amount: int | None) -> str:
    """12500000 → 1,250万円; 150000000 → 1億5,000万円; None → 上限なし."""
    if amount is None:
        return _("定めなし")
    oku, rest = divmod(amount, 100_000_000)
    man, en = divmod(rest, 10_000)
    if en or (not oku and not man):
        return f"{amount:,}円"
    text = f"{oku:,}億" if oku else ""
    if man:
        text += f"{man:,}万"
    return text + "円"


@dataclasses.dataclass(frozen=True)
class Deadline:
    state: str  # upcoming, open, closed, unknown
    text: str
    days: int | None = None


def deadline(subsidy: Subsidy, now: dt.datetime | None = None) -> Deadline:
    now = now or timezone.now()
    start, end = subsidy.acceptance_start_datetime, subsidy.acceptance_end_datetime
    if end is None:
        return Deadline("unknown", _("締切未定"))
    end_local = timezone.localtime(end)
    if end < now:
        return Deadline("closed", _("募集終了"))
    if start and start > now:
        start_local = timezone.localtime(start)
        return Deadline(
            "upcoming",
            _("募集開始前（%(month)s月%(day)s日から）")
            % {"month": start_local.month, "day": start_local.day},
        )
    days = (end_local.date() - timezone.localtime(now).date()).days
    if days == 0:
        return Deadline("open", _("本日締切"), 0)
    return Deadline("open", _("締切まであと %(days)s 日") % {"days": days}, days)
