"""Proofs: their original file name is kept from now on (sent in Content-Disposition); those uploaded
before get 印鑑証明書 with their extension. Files already lived in <var>/private under random names;
when the private storage is elsewhere (an object store), they are moved there."""

from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import migrations, models


def forwards(apps, schema_editor):
    from madoguchi.core.files import move_field_to_private

    request = apps.get_model("identity", "VerificationRequest")
    move_field_to_private(request, "proof", FileSystemStorage(location=Path(settings.VAR_DIR) / "private"))
    for row in request.objects.filter(proof_name="").exclude(proof=""):
        suffix = PurePosixPath(row.proof.name).suffix
        request.objects.filter(pk=row.pk).update(proof_name=f"印鑑証明書{suffix}")


class Migration(migrations.Migration):
    dependencies = [
        ("identity", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="verificationrequest",
            name="proof_name",
            field=models.CharField(blank=True, max_length=255, verbose_name="証明書の元のファイル名"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
