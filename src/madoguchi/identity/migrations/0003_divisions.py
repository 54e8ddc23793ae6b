# Divisions (部署): the unit of ownership of subsidies, procedures and forms. Existing rows of those
# contexts move into the default division (their own migrations); existing programme officers and
# procedure builders join it, so that nobody loses what they could do before.

from django.conf import settings
from django.db import migrations, models

DEFAULT_CODE = "default"
DEFAULT_NAME = "既定の部署"
OWNING_ROLES = ("programme_officer", "procedure_builder")


def default_division(apps, schema_editor):
    Division = apps.get_model("identity", "Division")
    User = apps.get_model("identity", "User")
    staff = list(User.objects.filter(is_staff=True, groups__name__in=OWNING_ROLES).distinct())
    if staff:
        division, _ = Division.objects.get_or_create(
            code=DEFAULT_CODE, defaults={"name": DEFAULT_NAME}
        )
        division.members.add(*staff)


class Migration(migrations.Migration):
    dependencies = [
        ("identity", "0002_private_files"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.CreateModel(
            name="Division",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="作成日時")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新日時")),
                (
                    "code",
                    models.SlugField(
                        help_text="半角英数字とハイフン。変えない識別子（例: chusho-keiei）。",
                        unique=True,
                        verbose_name="部署コード",
                    ),
                ),
                ("name", models.CharField(max_length=200, unique=True, verbose_name="部署名")),
                (
                    "members",
                    models.ManyToManyField(
                        blank=True,
                        limit_choices_to={"is_staff": True},
                        related_name="divisions",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="所属職員",
                    ),
                ),
            ],
            options={"verbose_name": "部署", "verbose_name_plural": "部署", "ordering": ["name"]},
        ),
        migrations.RunPython(default_division, migrations.RunPython.noop),
    ]
