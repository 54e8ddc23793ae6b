"""Application files move from the public media folder into the private storage (core.files) under
new random names; ApplicationFile.name keeps the original name."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import migrations, models

import madoguchi.core.files


def forwards(apps, schema_editor):
    from madoguchi.core.files import move_field_to_private

    old = FileSystemStorage(location=settings.MEDIA_ROOT)
    move_field_to_private(apps.get_model("applications", "ApplicationFile"), "file", old)


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="applicationfile",
            name="file",
            field=models.FileField(
                max_length=300,
                storage=madoguchi.core.files.private_storage,
                upload_to=madoguchi.core.files.RandomName("applications/files"),
                verbose_name="ファイル",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
