# After 0002 filled them (a separate migration, see grants 0006).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("forms", "0003_procedure_division")]

    operations = [
        migrations.AlterField(
            model_name="form",
            name="division",
            field=models.ForeignKey(
                help_text="このフォームを作成・編集できる部署。",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="forms",
                to="identity.division",
                verbose_name="担当部署",
            ),
        ),
        migrations.AlterField(
            model_name="procedure",
            name="division",
            field=models.ForeignKey(
                help_text="この手続きを担当する部署。その部署の職員だけが設定・受付できます。",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="procedures",
                to="identity.division",
                verbose_name="担当部署",
            ),
        ),
    ]
