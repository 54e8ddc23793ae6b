"""PostgreSQL only: a GIN index on the characters and character pairs of ``search_text``.

pg_trgm (migration 0002) serves keywords of three characters or more; one- and two-character keywords
(輸出, 観光, DX — common in Japanese) are matched through ``grants_search_grams(search_text) @> ARRAY[…]``,
read through this index. The function is this app's own copy of the registry's, so that neither context
depends on the other's database objects.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION grants_search_grams(value text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  grams text[] := '{}';
  c text;
  previous text := ' ';
BEGIN
  -- Every character and every pair of adjacent characters, none with a space.
  FOREACH c IN ARRAY string_to_array(value, NULL) LOOP
    IF c <> ' ' THEN
      grams := grams || c;
      IF previous <> ' ' THEN
        grams := grams || (previous || c);
      END IF;
    END IF;
    previous := c;
  END LOOP;
  RETURN grams;
END
$$"""
CREATE = (
    FUNCTION,
    "CREATE INDEX IF NOT EXISTS grants_subsidy_search_grams ON grants_subsidy "
    "USING gin (grants_search_grams(search_text))",
)
DROP = (
    "DROP INDEX IF EXISTS grants_subsidy_search_grams",
    "DROP FUNCTION IF EXISTS grants_search_grams(text)",
)


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("grants", "0002_search_index")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
