# After 0005 filled it (a separate migration: PostgreSQL refuses to alter a table with pending
# deferred foreign-key checks from the update in the same transaction).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("grants", "0005_subsidy_division")]

    operations = [
        migrations.AlterField(
            model_name="subsidy",
            name="division",
            field=models.ForeignKey(
                help_text="この補助金を担当する部署。その部署の制度担当職員だけが編集・処理できます。",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="subsidies",
                to="identity.division",
                verbose_name="担当部署",
            ),
        ),
    ]
