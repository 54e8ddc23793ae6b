"""Writes of the /4/ Web-API: only the usage stamp of an application id."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from madoguchi.registry.models import WebApiApplication

# last_used_at is written at most this often per application, so that busy clients cost no extra writes.
USAGE_STAMP_INTERVAL = dt.timedelta(minutes=1)


def webapi_application_record_use(
    *, application: WebApiApplication, now: dt.datetime | None = None
) -> bool:
    """Stamp ``last_used_at`` unless it was stamped less than a minute ago; True when it wrote.

    A fresh stamp on the row just read costs no query; otherwise one conditional UPDATE (no
    read-modify-write), so concurrent requests cannot race. Unlike other services
    it writes no audit record and takes no lock: a usage stamp is telemetry, not a change anyone makes, and
    auditing every call would turn each read of the API into a write.
    """
    now = now or timezone.now()
    if application.last_used_at and application.last_used_at >= now - USAGE_STAMP_INTERVAL:
        return False
    stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - USAGE_STAMP_INTERVAL)
    written = (
        WebApiApplication.objects.filter(pk=application.pk).filter(stale).update(last_used_at=now)
    )
    if written:
        application.last_used_at = now
    return bool(written)
