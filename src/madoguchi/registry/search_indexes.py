"""The search indexes of ``registry_corporation``, for bulk loaders to drop before a load and create after.

Migration 0002 created them (its own frozen copy of these statements; a test checks they agree). Names are
a contract: selectors rely on what the indexes do, never on their names.

PostgreSQL
    ``registry_corp_search_trgm``         GIN pg_trgm on search_text: partial match, 3 characters or more
    ``registry_corp_search_grams``        GIN on registry_search_grams(search_text), the characters and
                                          character pairs: partial match of 1 or 2 characters
    ``registry_corp_search_name_prefix``  btree text_pattern_ops on search_name: exact and prefix match
SQLite
    ``registry_corporation_fts``          FTS5 trigram table over search_text, kept by three triggers
    ``registry_corp_search_name_prefix``  btree on search_name

Creating the GIN indexes on millions of rows takes a while (about 30 s per million rows for the grams
index); raise ``maintenance_work_mem`` for the session first.
"""

from django.db import connections
from django.db.backends.utils import CursorWrapper

POSTGRESQL_GRAMS_FUNCTION = """
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

POSTGRESQL_INDEXES: dict[str, str] = {
    "registry_corp_search_trgm": (
        "CREATE INDEX IF NOT EXISTS registry_corp_search_trgm ON registry_corporation "
        "USING gin (search_text gin_trgm_ops)"
    ),
    "registry_corp_search_grams": (
        "CREATE INDEX IF NOT EXISTS registry_corp_search_grams ON registry_corporation "
        "USING gin (registry_search_grams(search_text))"
    ),
    "registry_corp_search_name_prefix": (
        "CREATE INDEX IF NOT EXISTS registry_corp_search_name_prefix ON registry_corporation "
        "(search_name text_pattern_ops)"
    ),
}

SQLITE_TRIGGERS: dict[str, str] = {
    "registry_corporation_fts_insert": (
        "CREATE TRIGGER IF NOT EXISTS registry_corporation_fts_insert AFTER INSERT ON "
        "registry_corporation BEGIN INSERT INTO registry_corporation_fts(rowid, search_text) "
        "VALUES (new.rowid, new.search_text); END"
    ),
    "registry_corporation_fts_delete": (
        "CREATE TRIGGER IF NOT EXISTS registry_corporation_fts_delete AFTER DELETE ON "
        "registry_corporation BEGIN INSERT INTO registry_corporation_fts(registry_corporation_fts, "
        "rowid, search_text) VALUES ('delete', old.rowid, old.search_text); END"
    ),
    "registry_corporation_fts_update": (
        "CREATE TRIGGER IF NOT EXISTS registry_corporation_fts_update AFTER UPDATE ON "
        "registry_corporation BEGIN INSERT INTO registry_corporation_fts(registry_corporation_fts, "
        "rowid, search_text) VALUES ('delete', old.rowid, old.search_text); "
        "INSERT INTO registry_corporation_fts(rowid, search_text) "
        "VALUES (new.rowid, new.search_text); END"
    ),
}
SQLITE_INDEXES: dict[str, str] = {
    "registry_corp_search_name_prefix": (
        "CREATE INDEX IF NOT EXISTS registry_corp_search_name_prefix ON registry_corporation "
        "(search_name)"
    ),
}


def search_indexes_drop(*, using: str = "default") -> None:
    """Drop the search indexes (SQLite: and the FTS triggers) before a bulk load.

    Until ``search_indexes_create`` runs, search is slow (PostgreSQL) or misses the loaded rows
    (SQLite), so call both inside the load's transaction, or in a maintenance window.
    """
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for name in POSTGRESQL_INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")
        elif connection.vendor == "sqlite":
            for name in (*SQLITE_TRIGGERS, *SQLITE_INDEXES):
                kind = "TRIGGER" if name in SQLITE_TRIGGERS else "INDEX"
                cursor.execute(f"DROP {kind} IF EXISTS {name}")


def search_indexes_create(*, using: str = "default") -> None:
    """Create the search indexes after a bulk load (SQLite: re-index every row into the FTS table)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cursor.execute(POSTGRESQL_GRAMS_FUNCTION)
            for statement in POSTGRESQL_INDEXES.values():
                cursor.execute(statement)
        elif connection.vendor == "sqlite":
            dropped = _sqlite_missing_triggers(cursor)
            for statement in (*SQLITE_TRIGGERS.values(), *SQLITE_INDEXES.values()):
                cursor.execute(statement)
            if dropped:
                cursor.execute(
                    "INSERT INTO registry_corporation_fts(registry_corporation_fts) "
                    "VALUES ('rebuild')"
                )


def _sqlite_missing_triggers(cursor: CursorWrapper) -> bool:
    cursor.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN (%s, %s, %s)",
        list(SQLITE_TRIGGERS),
    )
    row = cursor.fetchone()
    return row is None or row[0] < len(SQLITE_TRIGGERS)
