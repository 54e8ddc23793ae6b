"""Submission PDF copies and attachments move from the public media folder (guessable names: the
receipt number, the uploader's file name) into the private storage under random names (core.files).
The original names stay where they were kept: the reference (copies) and SubmissionFile.name."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import migrations, models

import madoguchi.core.files


def forwards(apps, schema_editor):
    from madoguchi.core.files import move_field_to_private

    old = FileSystemStorage(location=settings.MEDIA_ROOT)
    # A copy whose file is gone is rendered again on the next download.
    move_field_to_private(apps.get_model("forms", "Submission"), "pdf", old, missing="")
    move_field_to_private(apps.get_model("forms", "SubmissionFile"), "file", old)


class Migration(migrations.Migration):
    dependencies = [
        ("forms", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="submission",
            name="pdf",
            field=models.FileField(
                blank=True,
                max_length=200,
                storage=madoguchi.core.files.private_storage,
                upload_to=madoguchi.core.files.RandomName("forms/copies"),
                verbose_name="申請内容の PDF",
            ),
        ),
        migrations.AlterField(
            model_name="submissionfile",
            name="file",
            field=models.FileField(
                max_length=200,
                storage=madoguchi.core.files.private_storage,
                upload_to=madoguchi.core.files.RandomName("forms/attachments"),
                verbose_name="ファイル",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
