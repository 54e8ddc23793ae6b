"""Background work on a real broker, end to end: an officer adopts an application in a production-mode
process whose tasks go to RabbitMQ; Celery workers (real subprocesses) render the 採択通知 PDF and send
the e-mail. Workers are killed mid-task (a pool process, then the whole worker): the tasks come back
(acks_late, reject_on_worker_lost) and run again; the notice is rendered once and the e-mail delivered
once, also when the tasks are delivered a second time.

The tasks are held mid-task by the test itself: it locks the notice and e-mail rows from a side
connection, which the tasks lock before they finish (after rendering the PDF, before sending).

Runs on the PostgreSQL pass (a worker cannot see the SQLite test database, which lives in this
process's memory) whenever a broker answers (MADOGUCHI_TEST_BROKER_URL, default the machine's
RabbitMQ) and skips with the reason otherwise; .ci/run makes sure one answers (MADOGUCHI_REQUIRE_BROKER).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psycopg
import pytest
from django.db import connection

from madoguchi.core.models import Email
from madoguchi.grants.review import services
from madoguchi.grants.review.enums import NoticeStatus
from madoguchi.grants.review.models import Notice
from tests.modes import HOST, production, run

BROKER_URL = os.environ.get("MADOGUCHI_TEST_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
CELERY = str(Path(sys.executable).with_name("celery"))
WAIT = 180  # seconds: PDF rendering on a busy two-core machine

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def database_url() -> str:
    db = connection.settings_dict
    auth = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def broker() -> Iterator[str]:
    """A queue of its own on the broker (other runs may share it), deleted afterwards."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "PostgreSQL の実行でだけ検査します（SQLite のテスト用データベースはこのプロセスのメモリにあり、"
            "ワーカーから見えません）"
        )
    from kombu import Connection

    try:
        with Connection(BROKER_URL, connect_timeout=3) as conn:
            conn.ensure_connection(max_retries=1)
    except Exception as error:
        if os.environ.get("MADOGUCHI_REQUIRE_BROKER"):  # CI (.ci/run): a broker must answer
            pytest.fail(f"no message broker at {BROKER_URL}: {error}")
        pytest.skip(f"メッセージブローカー（{BROKER_URL}）に接続できません: {error}")
    queue = f"madoguchi-test-{uuid.uuid4().hex[:12]}"
    yield queue
    with Connection(BROKER_URL) as conn:
        conn.default_channel.queue_delete(queue)


class Site:
    """One production-mode deployment in tmp_path: the web side (a process that runs a service
    call) and its workers, sharing the test database, the broker queue and var/."""

    def __init__(self, tmp_path: Path, queue: str) -> None:
        self.home = tmp_path
        self.env = production(
            tmp_path,
            DATABASE_URL=database_url(),
            CELERY_BROKER_URL=BROKER_URL,
            CELERY_TASK_DEFAULT_QUEUE=queue,
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        )
        self.workers: list[subprocess.Popen[bytes]] = []

    def run(self, code: str) -> Any:
        """Run ``code`` (which prints one JSON line) in a web-side process."""
        env = {**self.env, "DJANGO_SETTINGS_MODULE": "madoguchi.config.settings"}
        script = f"import django, json\ndjango.setup()\n{code}"
        done = run(env, sys.executable, "-c", script, timeout=WAIT)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])

    def start_worker(self, name: str, concurrency: int) -> subprocess.Popen[bytes]:
        log = (self.home / f"{name}.log").open("wb")
        worker = subprocess.Popen(  # noqa: S603 - our own console script
            [
                CELERY,
                "-A",
                "madoguchi.config",
                "worker",
                f"--hostname={name}@%h",
                f"--concurrency={concurrency}",
                "--pool=prefork",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            env=self.env,
            cwd=self.home,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killed together
        )
        self.workers.append(worker)
        return worker

    def log(self, name: str) -> str:
        return (self.home / f"{name}.log").read_text(errors="replace")

    def stop_all(self) -> None:
        for worker in self.workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait(timeout=30)

    def sent_messages(self, email: Email) -> int:
        """How many times the file backend wrote this e-mail (by its Message-ID)."""
        marker = f"Message-ID: <{email.pk}@{HOST}>"
        outbox = self.home / "var" / "outbox"
        files = outbox.glob("*.log") if outbox.is_dir() else []
        return sum(path.read_text(errors="replace").count(marker) for path in files)


def wait_for(condition: Callable[[], bool], what: str, site: Site, worker: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {WAIT} s. Worker log:\n{site.log(worker)[-6000:]}")
        time.sleep(0.3)


def tasks_waiting_on_locks() -> int:
    with psycopg.connect(database_url(), autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        ).fetchone()
    return int(row[0]) if row else 0


def pool_processes(worker: subprocess.Popen[bytes]) -> list[int]:
    children = Path(f"/proc/{worker.pid}/task/{worker.pid}/children").read_text().split()
    return [int(pid) for pid in children]


def test_a_killed_worker_loses_nothing_and_sends_nothing_twice(
    tmp_path: Path, broker: str, make_application: Any, po: Any, subsidy: Any
) -> None:
    services.review_setting_set(
        actor=po, subsidy=subsidy, budget=10_000_000, issuer="中小企業庁長官", conditions=""
    )
    application = make_application("株式会社ワーカー", 1_500_000)
    emails_before = set(Email.objects.values_list("pk", flat=True))
    site = Site(tmp_path, broker)
    try:
        # The officer's decision, in a production-mode process: its tasks go to the broker.
        site.run(
            "from madoguchi.grants.applications import services\n"
            "from madoguchi.grants.applications.models import Application\n"
            "from madoguchi.identity.models import User\n"
            f"services.application_adopt(actor=User.objects.get(pk={po.pk}),"
            f" application=Application.objects.get(pk='{application.pk}'))\n"
            "print(json.dumps('adopted'))"
        )
        notice = Notice.objects.get(application=application)
        (email,) = Email.objects.exclude(pk__in=emails_before)
        assert notice.status == NoticeStatus.PENDING and email.sent_at is None
        assert f"https://{HOST}/applications/" in email.body  # the link, from the site URL

        # Hold both tasks mid-task: they lock these rows before finishing.
        with psycopg.connect(database_url()) as side:
            side.execute("SELECT 1 FROM grant_review_notice WHERE id = %s FOR UPDATE", [notice.pk])
            side.execute("SELECT 1 FROM core_email WHERE id = %s FOR UPDATE", [email.pk])

            first = site.start_worker("first", concurrency=2)
            wait_for(lambda: tasks_waiting_on_locks() == 2, "both tasks started", site, "first")
            # A pool process dies mid-task: its task is given back (reject_on_worker_lost) and
            # runs again in a new pool process, which waits on the lock again.
            os.kill(pool_processes(first)[0], signal.SIGKILL)
            wait_for(
                lambda: site.log("first").count(" received") == 3, "the task again", site, "first"
            )
            # Then the whole worker dies (a machine lost): the broker gives both tasks back.
            os.killpg(first.pid, signal.SIGKILL)
            first.wait(timeout=30)
            side.rollback()

        notice.refresh_from_db()
        email.refresh_from_db()
        assert notice.status == NoticeStatus.PENDING and not notice.file
        assert email.sent_at is None and site.sent_messages(email) == 0

        site.start_worker("second", concurrency=1)
        wait_for(
            lambda: Notice.objects.get(pk=notice.pk).status == NoticeStatus.READY,
            "notice rendered",
            site,
            "second",
        )
        wait_for(
            lambda: Email.objects.get(pk=email.pk).sent_at is not None,
            "e-mail sent",
            site,
            "second",
        )
        notice.refresh_from_db()
        email.refresh_from_db()
        (pdf,) = (tmp_path / "var").rglob(Path(notice.file.name).name)
        assert pdf.read_bytes().startswith(b"%PDF-")
        rendered_at = pdf.stat().st_mtime_ns
        assert site.sent_messages(email) == 1 and email.attempts == 1

        # The same tasks delivered once more, then a new e-mail behind them in the queue (one pool
        # process: in order): when that one is sent, the repeats have run, and changed nothing.
        later = site.run(
            "from madoguchi.core.mail import email_queue\n"
            "from madoguchi.core.tasks import email_send\n"
            "from madoguchi.grants.review.tasks import notice_render\n"
            f"notice_render.delay({notice.pk})\n"
            f"email_send.delay('{email.pk}')\n"
            "later = email_queue(to=['officer@example.go.jp'], subject='後続', body='後続の確認')\n"
            "print(json.dumps(str(later.pk)))"
        )
        wait_for(
            lambda: Email.objects.get(pk=later).sent_at is not None, "later e-mail", site, "second"
        )
        assert site.sent_messages(email) == 1
        assert list((tmp_path / "var").rglob(Path(notice.file.name).name)) == [pdf]
        assert pdf.stat().st_mtime_ns == rendered_at
        assert Email.objects.get(pk=email.pk).attempts == 1
    finally:
        site.stop_all()
