# Every procedure and every form belongs to a division (部署); existing ones move into the default
# division (identity 0003_divisions), so that nothing is lost. 0004 then makes the columns required.

import django.db.models.deletion
from django.db import migrations, models

DEFAULT_CODE = "default"
DEFAULT_NAME = "既定の部署"


def into_default_division(apps, schema_editor):
    Division = apps.get_model("identity", "Division")
    models_ = [apps.get_model("forms", name) for name in ("Form", "Procedure")]
    if not any(model.objects.filter(division__isnull=True).exists() for model in models_):
        return
    division, _ = Division.objects.get_or_create(code=DEFAULT_CODE, defaults={"name": DEFAULT_NAME})
    for model in models_:
        model.objects.filter(division__isnull=True).update(division=division)


class Migration(migrations.Migration):
    dependencies = [
        ("forms", "0002_private_files"),
        ("identity", "0003_divisions"),
    ]

    operations = [
        migrations.AddField(
            model_name="form",
            name="division",
            field=models.ForeignKey(
                null=True,
                help_text="このフォームを作成・編集できる部署。",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="forms",
                to="identity.division",
                verbose_name="担当部署",
            ),
        ),
        migrations.AddField(
            model_name="procedure",
            name="division",
            field=models.ForeignKey(
                null=True,
                help_text="この手続きを担当する部署。その部署の職員だけが設定・受付できます。",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="procedures",
                to="identity.division",
                verbose_name="担当部署",
            ),
        ),
        migrations.RunPython(into_default_division, migrations.RunPython.noop),
    ]
