"""PostgreSQL only: a pg_trgm GIN index on ``grants_subsidy.search_text`` for partial keyword matches.

Vendor-specific, so not in the model state; on SQLite the keyword is matched by a scan of one column.
"""

from django.db import migrations

CREATE = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS grants_subsidy_search_trgm ON grants_subsidy "
    "USING gin (search_text gin_trgm_ops)",
)
DROP = ("DROP INDEX IF EXISTS grants_subsidy_search_trgm",)


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("grants", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
