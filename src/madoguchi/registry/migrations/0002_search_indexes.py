"""Search indexes for the registry, one kind per database (docs/decisions/0001-search-on-two-databases.md).

PostgreSQL: pg_trgm GIN on ``search_text`` (partial match of 3 characters or more), a GIN on the
characters and character pairs of ``search_text`` (``registry_search_grams``: partial match of 1 or 2
characters, which have no trigram) and a ``text_pattern_ops`` btree on ``search_name`` (exact and prefix
match). Bulk loaders may drop and re-create them by name around a load
(``madoguchi.registry.search_indexes``), so the names are part of the contract.

SQLite: an FTS5 external-content table with the trigram tokenizer over ``search_text``, kept in step with
``registry_corporation`` by triggers (so every writer, ORM or raw SQL, keeps it right; note that
``INSERT OR REPLACE`` does not fire delete triggers unless ``recursive_triggers`` is on: writers use
upserts), plus a plain btree on ``search_name`` for exact and prefix (range) lookups.

Both: an index on ``successor_corporate_number`` (only rows that have one) to list the predecessors
that merged into a corporation.

None of these are in the model state: they are vendor-specific and the ORM never names them.
"""

from django.db import migrations

GRAMS_FUNCTION = """
CREATE OR REPLACE FUNCTION registry_search_grams(value text) RETURNS text[]
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

POSTGRESQL_FORWARD = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    GRAMS_FUNCTION,
    "CREATE INDEX IF NOT EXISTS registry_corp_search_trgm ON registry_corporation "
    "USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS registry_corp_search_name_prefix ON registry_corporation "
    "(search_name text_pattern_ops)",
    "CREATE INDEX IF NOT EXISTS registry_corp_search_grams ON registry_corporation "
    "USING gin (registry_search_grams(search_text))",
    "CREATE INDEX IF NOT EXISTS registry_corp_successor ON registry_corporation "
    "(successor_corporate_number) WHERE successor_corporate_number <> ''",
)
POSTGRESQL_BACKWARD = (
    "DROP INDEX IF EXISTS registry_corp_successor",
    "DROP INDEX IF EXISTS registry_corp_search_grams",
    "DROP FUNCTION IF EXISTS registry_search_grams(text)",
    "DROP INDEX IF EXISTS registry_corp_search_name_prefix",
    "DROP INDEX IF EXISTS registry_corp_search_trgm",
    # The pg_trgm extension stays: other objects may use it, and it is harmless.
)

SQLITE_FORWARD = (
    "CREATE VIRTUAL TABLE registry_corporation_fts USING fts5("
    "search_text, content='registry_corporation', content_rowid='rowid', tokenize='trigram')",
    "CREATE TRIGGER registry_corporation_fts_insert AFTER INSERT ON registry_corporation BEGIN "
    "INSERT INTO registry_corporation_fts(rowid, search_text) VALUES (new.rowid, new.search_text); "
    "END",
    "CREATE TRIGGER registry_corporation_fts_delete AFTER DELETE ON registry_corporation BEGIN "
    "INSERT INTO registry_corporation_fts(registry_corporation_fts, rowid, search_text) "
    "VALUES ('delete', old.rowid, old.search_text); "
    "END",
    "CREATE TRIGGER registry_corporation_fts_update AFTER UPDATE ON registry_corporation BEGIN "
    "INSERT INTO registry_corporation_fts(registry_corporation_fts, rowid, search_text) "
    "VALUES ('delete', old.rowid, old.search_text); "
    "INSERT INTO registry_corporation_fts(rowid, search_text) VALUES (new.rowid, new.search_text); "
    "END",
    # Index the rows that are already there.
    "INSERT INTO registry_corporation_fts(registry_corporation_fts) VALUES ('rebuild')",
    "CREATE INDEX IF NOT EXISTS registry_corp_search_name_prefix ON registry_corporation "
    "(search_name)",
    "CREATE INDEX IF NOT EXISTS registry_corp_successor ON registry_corporation "
    "(successor_corporate_number) WHERE successor_corporate_number <> ''",
)
SQLITE_BACKWARD = (
    "DROP INDEX IF EXISTS registry_corp_successor",
    "DROP INDEX IF EXISTS registry_corp_search_name_prefix",
    "DROP TRIGGER IF EXISTS registry_corporation_fts_update",
    "DROP TRIGGER IF EXISTS registry_corporation_fts_delete",
    "DROP TRIGGER IF EXISTS registry_corporation_fts_insert",
    "DROP TABLE IF EXISTS registry_corporation_fts",
)

STATEMENTS = {
    "postgresql": (POSTGRESQL_FORWARD, POSTGRESQL_BACKWARD),
    "sqlite": (SQLITE_FORWARD, SQLITE_BACKWARD),
}


def _run(schema_editor, *, forward: bool) -> None:
    pair = STATEMENTS.get(schema_editor.connection.vendor)
    if pair is None:
        return  # another database: search works without these indexes, only slower
    for statement in pair[0] if forward else pair[1]:
        schema_editor.execute(statement)


def create_search_indexes(apps, schema_editor) -> None:
    _run(schema_editor, forward=True)


def drop_search_indexes(apps, schema_editor) -> None:
    _run(schema_editor, forward=False)


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(create_search_indexes, drop_search_indexes, elidable=False)]
