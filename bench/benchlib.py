"""What the benchmarks share: scratch PostgreSQL databases, a free port, gunicorn workers' CPU time.

Imported by the scripts in bench/ (run as ``python bench/<script>.py``, so this folder is on sys.path).
"""

import os
import socket
from pathlib import Path
from urllib.parse import urlsplit

import psycopg


def database_url(server: str, name: str) -> str:
    """``server`` (a postgres:// URL) with its database replaced by ``name``."""
    return urlsplit(server)._replace(path="/" + name).geturl()


def admin_sql(server: str, sql: str) -> None:
    """Run one statement on the server's ``postgres`` database, outside a transaction."""
    with psycopg.connect(database_url(server, "postgres"), autocommit=True) as conn:
        conn.execute(sql)


def create_database(server: str, name: str) -> str:
    """A fresh UTF-8 database with a UTF-8 ctype (so pg_trgm indexes Japanese); its URL."""
    admin_sql(
        server,
        f"CREATE DATABASE {name} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' "
        "TEMPLATE template0",
    )
    return database_url(server, name)


def drop_database(server: str, name: str) -> None:
    admin_sql(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def worker_cpu_seconds(master: int) -> float:
    """CPU time (user + system) used so far by the gunicorn workers of ``master``."""
    total = 0.0
    for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total
