"""Notices move from <MEDIA_ROOT>/../private-notices (names notices/<application>/<id>.pdf) into the
private storage (core.files) under random names. The field's storage and upload_to are already the
new ones (models.notice_storage and notice_upload_to, named by 0001, now point at core.files)."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import migrations


def forwards(apps, schema_editor):
    from madoguchi.core.files import move_field_to_private

    old = FileSystemStorage(location=Path(settings.MEDIA_ROOT).parent / "private-notices")
    # A notice whose file is gone is rendered again by the retry on the staff overview.
    move_field_to_private(apps.get_model("grant_review", "Notice"), "file", old, missing="")


class Migration(migrations.Migration):
    dependencies = [
        ("grant_review", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
