"""Killing ``madoguchi registry import`` half-way (SIGKILL) leaves a consistent database, and running the
same command again completes it: the result is what a clean import gives.

The imports run as real subprocesses on databases the test creates (SQLite files, or PostgreSQL databases
on the server of DATABASE_URL) and reads with plain SQL.
"""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.db import connection

from madoguchi.registry.generator import generate_file
from madoguchi.registry.nta_format import RECORD_FIELDS

MADOGUCHI = str(Path(sys.executable).with_name("madoguchi"))
ROWS = 30_000
BATCH_ROWS = 400


class Database:
    """A database for the subprocesses, read back with plain SQL."""

    def __init__(self, url: str, tmp_path: Path) -> None:
        self.url = url
        self.tmp_path = tmp_path

    @property
    def postgresql(self) -> bool:
        return self.url.startswith("postgres")

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        if self.postgresql:
            import psycopg

            with psycopg.connect(self.url, autocommit=True) as conn:
                return list(conn.execute(sql, params or None).fetchall())
        path = self.url.removeprefix("sqlite:///")
        with sqlite3.connect(path, timeout=30) as conn:
            return list(conn.execute(sql.replace("%s", "?"), params).fetchall())

    def env(self, **extra: str) -> dict[str, str]:
        env = {**os.environ, "DATABASE_URL": self.url, **extra}
        env["MADOGUCHI_VAR_DIR"] = str(self.tmp_path / "var")
        env.pop("DJANGO_SETTINGS_MODULE", None)
        return env

    def madoguchi(self, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603 (our own console script)
            [MADOGUCHI, *args],
            env=self.env(**extra),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )


@pytest.fixture
def databases(tmp_path: Path) -> Iterator[Any]:
    """make(name) → a migrated, empty Database; the PostgreSQL ones are dropped afterwards."""
    made: list[str] = []
    server = os.environ.get("DATABASE_URL", "")
    postgresql = connection.vendor == "postgresql"
    template: list[Database] = []

    def admin(sql: str) -> None:
        import psycopg

        maintenance = urlsplit(server)._replace(path="/postgres").geturl()
        with psycopg.connect(maintenance, autocommit=True) as conn:
            conn.execute(sql)

    def make(name: str) -> Database:
        if postgresql:
            db_name = f"madoguchi_import_kill_{uuid.uuid4().hex[:10]}_{name}"
            base = (
                f"TEMPLATE {template[0].url.rsplit('/', 1)[1]}"
                if template
                else "TEMPLATE template0"
            )
            admin(
                f"CREATE DATABASE {db_name} {base} ENCODING 'UTF8' "
                "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
            )
            made.append(db_name)
            url = urlsplit(server)._replace(path="/" + db_name).geturl()
            database = Database(url, tmp_path)
        else:
            path = tmp_path / f"{name}.sqlite3"
            if template:
                shutil.copy(template[0].url.removeprefix("sqlite:///"), path)
            database = Database(f"sqlite:///{path}", tmp_path)
        if not template:
            done = database.madoguchi("migrate", "--noinput", "-v", "0")
            assert done.returncode == 0, done.stderr
            template.append(database)
        return database

    yield make
    for db_name in made:
        admin(f"DROP DATABASE IF EXISTS {db_name} WITH (FORCE)")


def _run_row(db: Database) -> tuple[str, int, int, int, int]:
    rows = db.query(
        "SELECT status, lines_done, rows_inserted, rows_unchanged, rows_rejected "
        "FROM registry_importrun ORDER BY id"
    )
    assert len(rows) == 1
    return rows[0]


def _assert_consistent(db: Database) -> None:
    same = " AND ".join(
        f"(c.{f} = v.{f} OR (c.{f} IS NULL AND v.{f} IS NULL))" for f in RECORD_FIELDS
    )
    assert db.query(
        "SELECT count(*) FROM registry_corporation c WHERE (SELECT count(*) FROM "  # noqa: S608
        f"registry_corporationversion v WHERE v.corporate_number = c.corporate_number AND {same}) <> 1"
    ) == [(0,)], "a corporation without exactly one latest version of the same content"
    assert db.query(
        "SELECT count(*) FROM registry_corporationversion v WHERE v.latest AND NOT EXISTS "
        "(SELECT 1 FROM registry_corporation c WHERE c.corporate_number = v.corporate_number)"
    ) == [(0,)], "a version marked latest without its corporation"
    assert (
        db.query(
            "SELECT corporate_number FROM registry_corporationversion WHERE latest "
            "GROUP BY corporate_number HAVING count(*) > 1"
        )
        == []
    )


def _dump(db: Database) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    corporations = db.query("SELECT * FROM registry_corporation ORDER BY corporate_number")
    versions = db.query(
        "SELECT corporate_number, fingerprint, latest, search_name, name, update_date "
        "FROM registry_corporationversion ORDER BY corporate_number, fingerprint"
    )
    return corporations, versions


def _kill_when(process: subprocess.Popen[str], ready: Any, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        if ready():
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.005)
    process.wait(timeout=30)
    out, err = process.communicate()
    assert process.returncode == -signal.SIGKILL, f"the import was not killed half-way: {out}{err}"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kill") / "00_zenkoku_all_20260331.csv"
    generate_file(path, rows=ROWS, seed=3)
    return path


def test_a_killed_import_is_consistent_and_running_it_again_completes_it(
    databases: Any, generated: Path
) -> None:
    killed, clean = databases("killed"), databases("clean")
    command = [MADOGUCHI, "registry", "import", "--no-progress", str(generated)]
    small_batches = {"MADOGUCHI_IMPORT_BATCH_ROWS": str(BATCH_ROWS)}

    def some_batches_committed() -> bool:
        rows = killed.query("SELECT max(lines_done) FROM registry_importrun")
        return bool(rows and rows[0][0] and rows[0][0] >= 3 * BATCH_ROWS)

    process = subprocess.Popen(  # noqa: S603
        command,
        env=killed.env(**small_batches),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _kill_when(process, some_batches_committed)

    status, lines_done, inserted, unchanged, rejected = _run_row(killed)
    assert status == "running"
    assert 3 * BATCH_ROWS <= lines_done < ROWS
    assert inserted + unchanged + rejected == lines_done
    assert killed.query("SELECT count(*) FROM registry_corporationversion") == [(inserted,)]
    _assert_consistent(killed)

    again = killed.madoguchi("registry", "import", "--no-progress", str(generated), **small_batches)
    assert again.returncode == 0, again.stderr
    assert f"中断された取り込みを {lines_done + 1:,} 行目から再開します。" in again.stdout
    assert _run_row(killed)[:3] == ("completed", ROWS, ROWS)

    done = clean.madoguchi("registry", "import", "--no-progress", str(generated))
    assert done.returncode == 0, done.stderr
    _assert_consistent(killed)
    assert _dump(killed) == _dump(clean)


@pytest.mark.postgres
def test_a_killed_bulk_load_leaves_the_registry_empty_and_indexed(
    databases: Any, generated: Path
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the bulk load is for PostgreSQL")
    killed, clean = databases("bulk_killed"), databases("bulk_clean")
    indexes = (
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename LIKE 'registry_%' ORDER BY 1"
    )
    before = killed.query(indexes)
    bulk = {"MADOGUCHI_IMPORT_BULK_MIN_BYTES": "0"}

    def loading() -> bool:  # the load holds its lock on the tables until it commits
        return bool(
            killed.query(
                "SELECT 1 FROM pg_locks WHERE relation = 'registry_corporation'::regclass "
                "AND mode = 'ExclusiveLock' AND granted AND pid <> pg_backend_pid()"
            )
        )

    process = subprocess.Popen(  # noqa: S603
        [MADOGUCHI, "registry", "import", "--no-progress", str(generated)],
        env=killed.env(**bulk),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _kill_when(process, loading)
    time.sleep(0.2)  # the server notices the lost connection and rolls back

    assert killed.query("SELECT count(*) FROM registry_corporationversion") == [(0,)]
    assert killed.query("SELECT count(*) FROM registry_corporation") == [(0,)]
    assert killed.query(indexes) == before
    assert _run_row(killed)[:2] == ("running", 0)

    again = killed.madoguchi("registry", "import", "--no-progress", str(generated), **bulk)
    assert again.returncode == 0, again.stderr
    done = clean.madoguchi("registry", "import", "--no-progress", str(generated))
    assert done.returncode == 0, done.stderr
    assert killed.query(indexes) == before
    _assert_consistent(killed)
    assert _dump(killed) == _dump(clean)
