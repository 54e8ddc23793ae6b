"""Applying a batch of staged records to the registry with set-based SQL (PostgreSQL and SQLite).

The batch is loaded into a temporary staging table (PostgreSQL: ``COPY``; SQLite: ``executemany``), then:

1. per number, the candidate is the record marked latest that ranks highest by
   (update_date, change_date, PROCESS_RANK[process], version id) — the version id is the order of
   application: a version not stored yet ranks above every stored one, in the order of the file;
2. it wins if it ranks higher than the corporation's current state (whose rank uses the id of the
   version marked latest), so an old file never regresses anything and re-applying one changes nothing;
3. every record becomes a version unless its (number, fingerprint) is stored already; new versions are
   inserted in file order (so their ids keep the order of application), a winner's marked latest;
4. winners are upserted into ``registry_corporation`` and become the only version marked latest.

The caller runs ``load`` and ``apply`` inside one transaction with its own bookkeeping (ImportRun).
"""

from collections.abc import Sequence
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

from madoguchi.registry.enums import PROCESS_RANK
from madoguchi.registry.importer.rows import OPTIONAL_DATES
from madoguchi.registry.importer.summary import BatchCounts
from madoguchi.registry.models import Corporation, CorporationVersion
from madoguchi.registry.nta_format import DATE_FIELDS, RECORD_FIELDS

VERSIONS = CorporationVersion._meta.db_table
CORPORATIONS = Corporation._meta.db_table
STAGE = "registry_import_stage"
CANDIDATES = "registry_import_candidate"
WINNERS = "registry_import_winner"
RELATEST = "registry_import_relatest"
STAGE_COLUMNS = ("line", *RECORD_FIELDS, "fingerprint", "rank", "search_name", "search_text")
_FLAGS = ("latest", "hihyoji")
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_CLOSE_DATE, _ASSIGNMENT = OPTIONAL_DATES
_NOT_STORED = 2**63 - 1  # ranks a version not stored yet above every stored one


def rank_sql(column: str) -> str:
    """SQL for PROCESS_RANK[column]."""
    whens = " ".join(f"WHEN '{code}' THEN {rank}" for code, rank in PROCESS_RANK.items())
    return f"CASE {column} {whens} ELSE 0 END"


def encode_copy(record: list[str], special: bool) -> str:
    """One line of PostgreSQL COPY text (tab-separated, \\N for an empty optional date)."""
    if special:
        record = [value.translate(_COPY_ESCAPES) for value in record]
    if not record[_CLOSE_DATE]:
        record[_CLOSE_DATE] = "\\N"
    if not record[_ASSIGNMENT]:
        record[_ASSIGNMENT] = "\\N"
    return "\t".join(record)


def encode_values(record: list[str], special: bool) -> list[Any]:
    """Parameters for one INSERT (None for an empty optional date)."""
    if not record[_CLOSE_DATE]:
        record[_CLOSE_DATE] = None  # type: ignore[call-overload]
    if not record[_ASSIGNMENT]:
        record[_ASSIGNMENT] = None  # type: ignore[call-overload]
    return record


class Merger:
    """Stages and applies batches on one database connection."""

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection
        self.postgresql = connection.vendor == "postgresql"
        self.encode = encode_copy if self.postgresql else encode_values

    # --- staging ---------------------------------------------------------------------------

    def _stage_ddl(self) -> str:
        columns = []
        for name in STAGE_COLUMNS:
            if name == "line":
                kind = "bigint" if self.postgresql else "INTEGER PRIMARY KEY"
            elif name in DATE_FIELDS:
                kind = "date"
            elif name in _FLAGS:
                kind = "boolean" if self.postgresql else "INTEGER"
            elif name == "rank":
                kind = "smallint" if self.postgresql else "INTEGER"
            else:
                kind = "text"
            columns.append(f"{name} {kind}")
        return f"CREATE TEMP TABLE {STAGE} ({', '.join(columns)})"

    def start(self) -> None:
        """Create an empty staging table (call inside the batch's transaction)."""
        with self.connection.cursor() as cursor:
            for table in (STAGE, CANDIDATES, WINNERS, RELATEST):
                cursor.execute(f"DROP TABLE IF EXISTS {table}")
            cursor.execute(self._stage_ddl())

    def load(self, rows: Sequence[Any]) -> None:
        """Add encoded records (from ``self.encode``) to the staging table."""
        if not rows:
            return
        with self.connection.cursor() as cursor:
            if self.postgresql:
                columns = ", ".join(STAGE_COLUMNS)
                with cursor.cursor.copy(f"COPY {STAGE} ({columns}) FROM STDIN") as copy:
                    copy.write("\n".join(rows))
                    copy.write("\n")
            else:
                marks = ", ".join(["%s"] * len(STAGE_COLUMNS))
                cursor.executemany(f"INSERT INTO {STAGE} VALUES ({marks})", rows)  # noqa: S608

    # --- applying ----------------------------------------------------------------------------

    def apply(self, staged: int) -> BatchCounts:
        """Apply the staged records; ``staged`` is how many there are."""
        counts = BatchCounts()
        if not staged:
            return counts
        fields = [f for f in RECORD_FIELDS if f != "latest"]
        with self.connection.cursor() as cursor:
            # 1. Per number, the staged row marked latest that ranks highest. A version not stored
            # yet will get a larger id than any stored one, in the order of its first line.
            cursor.execute(
                f"CREATE TEMP TABLE {CANDIDATES} AS "  # noqa: S608
                "SELECT corporate_number, fingerprint, line, update_date, change_date, rank, "
                "  version_order FROM ("
                "  SELECT s.corporate_number, s.fingerprint, s.line, s.update_date, s.change_date,"
                f"    s.rank, COALESCE(v.id, {_NOT_STORED}) AS version_order,"
                "    ROW_NUMBER() OVER (PARTITION BY s.corporate_number ORDER BY s.update_date DESC,"
                f"      s.change_date DESC, s.rank DESC, COALESCE(v.id, {_NOT_STORED}) DESC,"
                "      s.first_line DESC) AS n"
                "  FROM (SELECT *, min(line) OVER (PARTITION BY corporate_number, fingerprint)"
                f"    AS first_line FROM {STAGE}) s"
                f"  LEFT JOIN {VERSIONS} v"
                "    ON v.corporate_number = s.corporate_number AND v.fingerprint = s.fingerprint"
                "  WHERE s.latest"
                ") ranked WHERE n = 1"
            )
            # 2. It wins if it ranks higher than the current state (ranked with the id of the
            # version marked latest).
            current_version = (
                f"COALESCE((SELECT max(cv.id) FROM {VERSIONS} cv "  # noqa: S608
                "WHERE cv.corporate_number = c.corporate_number AND cv.latest), 0)"
            )
            cursor.execute(
                f"CREATE TEMP TABLE {WINNERS} AS "  # noqa: S608
                "SELECT c.corporate_number, c.fingerprint, c.line,"
                f"  k.corporate_number IS NULL AS is_new, c.version_order <> {_NOT_STORED} AS stored "
                f"FROM {CANDIDATES} c LEFT JOIN {CORPORATIONS} k"
                "  ON k.corporate_number = c.corporate_number "
                "WHERE k.corporate_number IS NULL"
                "  OR (c.update_date, c.change_date, c.rank, c.version_order)"
                f"   > (k.update_date, k.change_date, {rank_sql('k.process')}, {current_version})"
            )
            # 3. New versions, in file order, the winners' marked latest.
            cursor.execute(
                f"INSERT INTO {VERSIONS} ({', '.join(fields)}, latest, fingerprint, search_name) "  # noqa: S608
                f"SELECT {', '.join('s.' + f for f in fields)}, w.line IS NOT NULL, s.fingerprint,"
                f"  s.search_name FROM {STAGE} s LEFT JOIN {WINNERS} w"
                "  ON w.corporate_number = s.corporate_number AND w.fingerprint = s.fingerprint "
                "WHERE TRUE ORDER BY s.line "
                "ON CONFLICT (corporate_number, fingerprint) DO NOTHING"
            )
            counts.rows_inserted = cursor.rowcount
            counts.rows_unchanged = staged - counts.rows_inserted
            cursor.execute(f"SELECT count(*), count(CASE WHEN is_new THEN 1 END) FROM {WINNERS}")  # noqa: S608
            winners, added = cursor.fetchone()
            counts.corporations_added = added
            counts.corporations_updated = winners - added
            if not winners:
                return counts
            # 4. The winners become the corporations' state and their only version marked latest.
            columns = [*fields, "search_name", "search_text"]
            assignments = ", ".join(
                f"{c} = excluded.{c}" for c in (*columns, "latest", "is_deleted")
            )
            cursor.execute(
                f"INSERT INTO {CORPORATIONS} ({', '.join(columns)}, latest, is_deleted) "  # noqa: S608
                f"SELECT {', '.join('s.' + c for c in columns)}, TRUE, s.process = '99' "
                f"FROM {WINNERS} w JOIN {STAGE} s ON s.line = w.line WHERE TRUE "
                f"ON CONFLICT (corporate_number) DO UPDATE SET {assignments}"
            )
            # Only numbers that had a corporation, or whose winning version was stored already, can
            # have a version whose mark must change (new versions were inserted marked right). A
            # small table of their own lets PostgreSQL reach them through the index.
            cursor.execute(
                f"CREATE TEMP TABLE {RELATEST} AS SELECT corporate_number, fingerprint "  # noqa: S608
                f"FROM {WINNERS} WHERE NOT is_new OR stored"
            )
            if self.postgresql:
                cursor.execute(f"ANALYZE {RELATEST}")
            cursor.execute(
                f"UPDATE {VERSIONS} AS v SET latest = (v.fingerprint = r.fingerprint) "  # noqa: S608
                f"FROM {RELATEST} r WHERE v.corporate_number = r.corporate_number "
                "AND v.latest <> (v.fingerprint = r.fingerprint)"
            )
        return counts

    def finish(self) -> None:
        with self.connection.cursor() as cursor:
            for table in (STAGE, CANDIDATES, WINNERS, RELATEST):
                cursor.execute(f"DROP TABLE IF EXISTS {table}")
