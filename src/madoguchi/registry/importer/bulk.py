"""The first load of an empty registry on PostgreSQL: COPY straight into the tables, indexes after.

Used when both registry tables are empty and the file is large. Everything happens in one transaction —
dropping the secondary indexes, COPY of every version (ids = line numbers, so in file order) and of every
row marked latest into ``registry_corporation``, then re-creating the indexes from their own definitions
(``pg_get_indexdef``, so they come back exactly as the migrations made them) — so a killed load leaves
the tables as they were (empty, indexed) and running the command again redoes it.

The two COPY streams alternate chunk by chunk, so the database stores one chunk while the reader thread
parses the next. Two rare cases are caught by the constraints and fixed with set-based SQL: a version
that appears twice in the file (the unique constraint fails: duplicates are removed, keeping the first)
and a number with more than one row marked latest (the primary key fails: the corporations are rebuilt
from the versions by the ranking rule of ``merge``).
"""

from collections.abc import Callable, Iterator
from typing import Any

import psycopg
from django.db import IntegrityError, connection, transaction

from madoguchi.registry.importer.merge import CORPORATIONS, VERSIONS, rank_sql
from madoguchi.registry.importer.reader import Chunk
from madoguchi.registry.importer.rows import (
    FINGERPRINT,
    LATEST,
    OPTIONAL_DATES,
    PROCESS,
    SEARCH_NAME,
    SEARCH_TEXT,
)
from madoguchi.registry.importer.summary import BatchCounts
from madoguchi.registry.nta_format import RECORD_FIELDS
from madoguchi.registry.searchtext import sql_search_text

_VERSION_COLUMNS = ("id", *RECORD_FIELDS, "fingerprint", "search_name")
_CORPORATION_COLUMNS = (*RECORD_FIELDS, "search_name", "search_text", "is_deleted")
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})

Encoded = tuple[str, str | None]


def encode_bulk(record: list[str], special: bool) -> Encoded:
    """COPY text for the version row, and for the corporation row when the record is marked latest."""
    if special:
        record = [value.translate(_COPY_ESCAPES) for value in record]
    for position in OPTIONAL_DATES:
        if not record[position]:
            record[position] = "\\N"
    fields = "\t".join(record[:30])
    version = f"{fields}\t{record[FINGERPRINT]}\t{record[SEARCH_NAME]}\n"
    if record[LATEST] != "1":
        return version, None
    deleted = "1" if record[PROCESS] == "99" else "0"
    without_id = fields[fields.index("\t") + 1 :]
    return version, f"{without_id}\t{record[SEARCH_NAME]}\t{record[SEARCH_TEXT]}\t{deleted}\n"


def tables_are_empty() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT EXISTS (SELECT 1 FROM {VERSIONS}) OR EXISTS (SELECT 1 FROM {CORPORATIONS})"  # noqa: S608
        )
        row = cursor.fetchone()
    return not (row and row[0])


class SecondaryIndexes:
    """Every index of the two tables but the primary keys, as the database defines it now."""

    def __init__(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT t.relname, i.relname, pg_get_indexdef(i.oid), c.conname, "
                "  pg_get_constraintdef(c.oid) "
                "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                "JOIN pg_class t ON t.oid = x.indrelid "
                "LEFT JOIN pg_constraint c "
                "  ON c.conindid = x.indexrelid AND c.conrelid = x.indrelid "
                "WHERE x.indrelid IN (%s::regclass, %s::regclass) AND NOT x.indisprimary "
                "ORDER BY t.relname, i.relname",
                [VERSIONS, CORPORATIONS],
            )
            rows = cursor.fetchall()
        self.constraints = [(table, name, text) for table, _, _, name, text in rows if name]
        self.indexes = [(name, definition) for _, name, definition, c, _ in rows if not c]

    def drop(self) -> None:
        with connection.cursor() as cursor:
            for table, name, _ in self.constraints:
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            for name, _ in self.indexes:
                cursor.execute(f'DROP INDEX "{name}"')

    def restore_constraints(self) -> None:
        with connection.cursor() as cursor:
            for table, name, definition in self.constraints:
                cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')

    def restore_indexes(self) -> None:
        with connection.cursor() as cursor:
            for _, definition in self.indexes:
                cursor.execute(definition)


def _copy(cursor: Any, table: str, columns: tuple[str, ...], text: str) -> None:
    with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        copy.write(text)


def load(chunks: Iterator[Chunk], on_chunk: Callable[[Chunk], None]) -> tuple[BatchCounts, int]:
    """Load every chunk (call inside a transaction, with the tables locked and empty).

    ``on_chunk`` is called after each chunk is sent, inside the transaction (to store rejections).
    Returns the counts and the number of physical lines read.
    """
    totals = BatchCounts()
    lines_end = 0
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        cursor.execute("SET LOCAL work_mem = '256MB'")
    indexes = SecondaryIndexes()
    indexes.drop()
    several_latest = False  # a number had more than one row marked latest
    with connection.cursor() as cursor:
        for chunk in chunks:
            rows: list[Encoded] = chunk.rows
            if rows:
                _copy(cursor, VERSIONS, _VERSION_COLUMNS, "".join([v for v, _ in rows]))
                latest = "".join([c for _, c in rows if c is not None])
                if latest and not several_latest:
                    try:
                        with transaction.atomic():
                            _copy(cursor, CORPORATIONS, _CORPORATION_COLUMNS, latest)
                    except (IntegrityError, psycopg.errors.UniqueViolation):
                        several_latest = True
            on_chunk(chunk)
            totals.rows_read += chunk.records
            totals.rows_inserted += len(rows)
            totals.rows_rejected += len(chunk.rejections)
            lines_end = chunk.lines_end
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{VERSIONS}', 'id'), max(id)) "  # noqa: S608
            f"FROM {VERSIONS} HAVING count(*) > 0"
        )
    duplicates = _remove_duplicate_versions(indexes)
    totals.rows_inserted -= duplicates
    totals.rows_unchanged += duplicates
    if several_latest:
        _rank_corporations()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {CORPORATIONS}")  # noqa: S608
        row = cursor.fetchone()
    totals.corporations_added = int(row[0]) if row else 0
    indexes.restore_indexes()
    return totals, lines_end


def _remove_duplicate_versions(indexes: SecondaryIndexes) -> int:
    """Restore the (number, fingerprint) constraint; if the file repeated a version, keep its first."""
    try:
        with transaction.atomic():
            indexes.restore_constraints()
        return 0
    except (IntegrityError, psycopg.errors.UniqueViolation):
        pass
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE registry_import_duplicate AS "  # noqa: S608
            "SELECT corporate_number, fingerprint, min(id) AS keep, bool_or(latest) AS latest "
            f"FROM {VERSIONS} GROUP BY corporate_number, fingerprint HAVING count(*) > 1"
        )
        cursor.execute(
            f"DELETE FROM {VERSIONS} v USING registry_import_duplicate d "  # noqa: S608
            "WHERE v.corporate_number = d.corporate_number AND v.fingerprint = d.fingerprint "
            "AND v.id <> d.keep"
        )
        removed = cursor.rowcount
        cursor.execute(
            f"UPDATE {VERSIONS} v SET latest = d.latest FROM registry_import_duplicate d "  # noqa: S608
            "WHERE v.id = d.keep"
        )
        cursor.execute("DROP TABLE registry_import_duplicate")
    indexes.restore_constraints()
    return removed


def _rank_corporations() -> None:
    """Rebuild the corporations from the versions: per number, the row marked latest that ranks highest."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {CORPORATIONS}")  # noqa: S608
        cursor.execute(
            "CREATE TEMP TABLE registry_import_winner AS "  # noqa: S608
            f"SELECT DISTINCT ON (corporate_number) corporate_number, id FROM {VERSIONS} "
            "WHERE latest ORDER BY corporate_number, update_date DESC, change_date DESC, "
            f"{rank_sql('process')} DESC, id DESC"
        )
        cursor.execute(
            f"UPDATE {VERSIONS} v SET latest = FALSE FROM registry_import_winner w "  # noqa: S608
            "WHERE v.corporate_number = w.corporate_number AND v.latest AND v.id <> w.id"
        )
        cursor.execute(
            f"INSERT INTO {CORPORATIONS} ({', '.join(_CORPORATION_COLUMNS)}) "  # noqa: S608
            f"SELECT {', '.join('v.' + c for c in RECORD_FIELDS)}, v.search_name, "
            f"{sql_search_text('v.name', 'v.furigana', 'v.en_name')}, v.process = '99' "
            f"FROM {VERSIONS} v JOIN registry_import_winner w ON w.id = v.id"
        )
        cursor.execute("DROP TABLE registry_import_winner")
