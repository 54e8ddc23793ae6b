# Every subsidy belongs to a division (部署); existing ones move into the default division
# (identity 0003_divisions), so that nothing is lost. 0006 then makes the column required.

import django.db.models.deletion
from django.db import migrations, models

DEFAULT_CODE = "default"
DEFAULT_NAME = "既定の部署"


def into_default_division(apps, schema_editor):
    Division = apps.get_model("identity", "Division")
    Subsidy = apps.get_model("grants", "Subsidy")
    if not Subsidy.objects.filter(division__isnull=True).exists():
        return
    division, _ = Division.objects.get_or_create(code=DEFAULT_CODE, defaults={"name": DEFAULT_NAME})
    Subsidy.objects.filter(division__isnull=True).update(division=division)


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0004_updated_index"),
        ("identity", "0003_divisions"),
    ]

    operations = [
        migrations.AddField(
            model_name="subsidy",
            name="division",
            field=models.ForeignKey(
                null=True,
                help_text="この補助金を担当する部署。その部署の制度担当職員だけが編集・処理できます。",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="subsidies",
                to="identity.division",
                verbose_name="担当部署",
            ),
        ),
        migrations.RunPython(into_default_division, migrations.RunPython.noop),
    ]
