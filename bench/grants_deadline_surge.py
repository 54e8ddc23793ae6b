"""Benchmark: the deadline surge of subsidy applications (補助金の締切間際の申請集中).

    .venv/bin/python bench/grants_deadline_surge.py                    # 240 applicants
    .venv/bin/python bench/grants_deadline_surge.py --applicants 400   # more

In one run, on a PostgreSQL database it creates and drops (``--server``, trust auth):

1. migrates it and sets up, in-process and through the services, a published subsidy with its
   ready-made stage forms, ``--applicants`` businesses each with a Prime, a logged-in session and a
   complete draft (application form filled in, as the applicant would have it before the deadline);
2. serves the project with gunicorn (``--workers`` sync workers, DEBUG off, persistent database
   connections, e-mails written by the file backend in-process as with no Celery broker);
3. warms up with 20 submissions to another subsidy;
4. the surge: ``--applicants`` businesses submit (``POST /applications/<id>/stages/application/check/``,
   the check page's 申請する button) at moments spread evenly over ``--spread`` seconds (within one
   minute), and the subsidy's deadline falls at ``--late`` of the way through, so the last ones arrive
   after it; each answer must be 302 → 受付完了 (accepted) or 400 with the 締め切りました message
   (refused); anything else is an error;
5. checks the database: exactly the accepted applications are submitted, each once, with a receipt
   number and submitted_at ≤ deadline; the refused are drafts; nothing else changed;
6. capacity: ``--flood`` more businesses submit to a second subsidy as fast as the server answers,
   from ``--concurrency`` client threads (submissions per second, latencies), checked the same way;
7. measures the ceiling: the same rows (receipt serial, submitted application, timeline event, audit
   record), one transaction per submission, inserted directly in SQL from the same number of
   threads, each with its own connection;

and prints a Markdown table for docs/performance.md ("Subsidy applications: deadline surge").
Not a test. The load generator runs on the same machine and takes part of its CPU.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from benchlib import (
    create_database,
    database_url,
    drop_database,
    free_port,
    worker_cpu_seconds,
)

ROOT = Path(__file__).resolve().parent.parent
MADOGUCHI = str(Path(sys.executable).with_name("madoguchi"))
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
SECRET_KEY = "bench-deadline-surge-secret-key-not-for-production-0123456789abcdef"  # noqa: S105
WARM_UP = 20


def setup(applicants: int, flood: int) -> dict[str, Any]:
    """In-process, through the services: subsidies, stage forms, businesses, sessions, drafts."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from madoguchi.grants import services as grants_services
    from madoguchi.grants.applications import services
    from madoguchi.grants.applications.documents import install_stage_forms
    from madoguchi.grants.applications.enums import Stage
    from madoguchi.grants.applications.services.save_draft import stage_data_open
    from madoguchi.grants.services import SubsidyInput
    from madoguchi.identity.enums import AccountType, CorpType
    from madoguchi.identity.models import Division, Organisation, User

    # An administrator (identity.roles): every right in every division.
    staff = User.objects.create_user(
        username="bench-staff", email="staff@bench.example", is_staff=True, is_superuser=True
    )
    division = Division.objects.create(code="bench", name="ベンチ庁")
    now = dt.datetime.now(dt.UTC)

    def subsidy(title: str) -> Any:
        data = SubsidyInput(
            title=title,
            subsidy_catch_phrase="",
            detail="<p>締切間際の申請集中の計測用。</p>",
            use_purpose=["販路拡大・海外展開をしたい"],
            industry=["製造業"],
            target_area_search=["全国"],
            target_area_detail="全国",
            target_number_of_employees="20名以下",
            subsidy_rate="2/3以内",
            subsidy_max_limit=5_000_000,
            acceptance_start_datetime=now - dt.timedelta(days=30),
            acceptance_end_datetime=now + dt.timedelta(days=1),
            project_end_deadline=now + dt.timedelta(days=200),
            institution_name="ベンチ庁",
        )
        made = grants_services.subsidy_create(actor=staff, data=data, division=division)
        made = grants_services.subsidy_publish(actor=staff, subsidy=made)
        install_stage_forms(builder=staff, officer=staff, subsidy=made)
        return made

    surge_subsidy = subsidy("締切集中ベンチ補助金")
    warm_subsidy = subsidy("ウォームアップ用補助金")
    flood_subsidy = subsidy("処理能力計測用補助金")
    ceiling_subsidy = subsidy("SQL上限計測用補助金")
    people = []
    for index in range(applicants + WARM_UP + flood):
        org = Organisation.objects.create(
            corp_type=CorpType.CORPORATION,
            corporate_number=f"{9_000_000_000_000 + index}",
            name=f"ベンチ株式会社{index}",
            prefecture_name="東京都",
            address1="千代田区",
            address2="1-1",
            rep_last_name="代表",
            rep_first_name="太郎",
            verified_at=now,
        )
        user = User.objects.create_user(
            username=f"p{index}@bench.example",
            email=f"p{index}@bench.example",
            organisation=org,
            account_type=AccountType.PRIME,
            last_name="申請",
            first_name="花子",
        )
        target = surge_subsidy if index < applicants else warm_subsidy
        if index >= applicants + WARM_UP:
            target = flood_subsidy
        application = services.application_draft_create(
            actor=user,
            subsidy=target,
            project_title=f"販路開拓事業 {index}",
            requested_amount=1_000_000 + index,
            idempotency_key=uuid.uuid4().hex,
        )
        current = stage_data_open(application, Stage.APPLICATION, actor=user)
        services.application_save_draft(
            actor=user,
            application=application,
            data={
                **current.data,
                "plan_summary": "展示会に出展します。",
                "total_cost": 1_500_000,
                "consent": True,
            },
        )
        client = Client()
        client.force_login(user)
        people.append(
            {
                "application": str(application.pk),
                "organisation": str(org.pk),
                "user": user.pk,
                "session": client.cookies["sessionid"].value,
                "csrf": secrets.token_hex(16),
            }
        )
    connection.close()
    return {
        "surge": people[:applicants],
        "warm": people[applicants : applicants + WARM_UP],
        "flood": people[applicants + WARM_UP :],
        "subsidy": surge_subsidy.pk,
        "flood_subsidy": flood_subsidy.pk,
        "ceiling_subsidy": ceiling_subsidy.pk,
        "staff": staff.pk,
    }


def submit_all(
    base: str, people: list[dict[str, Any]], threads: int, schedule: list[float] | None = None
) -> tuple[list[dict[str, Any]], float]:
    """Every person submits once; ``threads`` client threads take the next person when free, and
    with a ``schedule`` (perf_counter moments, one per person) wait for the person's moment."""
    import requests

    results: list[dict[str, Any]] = []
    lock = threading.Lock()
    queue = list(reversed(list(zip(people, schedule or [0.0] * len(people), strict=True))))

    def loop() -> None:
        session = requests.Session()
        while True:
            with lock:
                if not queue:
                    return
                person, moment = queue.pop()
            wait = moment - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            session.cookies.clear()
            session.cookies.set("sessionid", person["session"])
            session.cookies.set("csrftoken", person["csrf"])
            sent = time.time()
            started = time.perf_counter()
            outcome = "error"
            detail = ""
            try:
                response = session.post(
                    f"{base}/applications/{person['application']}/stages/application/check/",
                    headers={"X-CSRFToken": person["csrf"]},
                    allow_redirects=False,
                    timeout=30,
                )
                if response.status_code == 302 and response.headers.get("Location", "").endswith(
                    "?received=1"
                ):
                    outcome = "accepted"
                elif response.status_code == 400 and "締め切りました" in response.text:
                    outcome = "refused"
                else:
                    detail = f"HTTP {response.status_code}"
            except requests.RequestException as exc:
                detail = type(exc).__name__
            latency = time.perf_counter() - started
            with lock:
                results.append(
                    {
                        **person,
                        "outcome": outcome,
                        "detail": detail,
                        "latency": latency,
                        "sent": sent,
                    }
                )

    started = time.perf_counter()
    workers = [threading.Thread(target=loop) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return results, time.perf_counter() - started


def check_database(
    url: str, subsidy_id: str, results: list[dict[str, Any]], deadline: dt.datetime
) -> dict[str, int]:
    """Exactly the accepted submissions exist (once each, on time); the refused are drafts."""
    import psycopg

    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT id::text, status, receipt_number, submitted_at FROM applications_application WHERE subsidy_id = %s",
            [subsidy_id],
        ).fetchall()
        events = {
            k.replace("-", ""): v
            for k, v in conn.execute(
                "SELECT e.application_id::text, count(*) FROM applications_applicationevent e "
                "JOIN applications_application a ON a.id = e.application_id "
                "WHERE a.subsidy_id = %s AND e.action = 'submit' GROUP BY 1",
                [subsidy_id],
            ).fetchall()
        }
    stored = {row[0].replace("-", ""): row for row in rows}
    accepted = {r["application"].replace("-", "") for r in results if r["outcome"] == "accepted"}
    refused = {r["application"].replace("-", "") for r in results if r["outcome"] == "refused"}
    submitted = {pk for pk, row in stored.items() if row[1] == "submitted"}
    lost = accepted - submitted
    extra = submitted - accepted
    late_accepted = [pk for pk in submitted if stored[pk][3] > deadline]
    refused_not_draft = [pk for pk in refused if stored[pk][1] != "draft" or stored[pk][2]]
    duplicate_events = [pk for pk in submitted if events.get(pk, 0) != 1]
    receipts = [stored[pk][2] for pk in submitted]
    return {
        "lost": len(lost),
        "extra": len(extra),
        "late_accepted": len(late_accepted),
        "refused_not_draft": len(refused_not_draft),
        "duplicate_events": len(duplicate_events),
        "duplicate_receipts": len(receipts) - len(set(receipts)),
        "stored_submitted": len(submitted),
    }


def ceiling(
    url: str,
    organisations: list[str],
    user_ids: list[int],
    subsidy_id: str,
    count: int,
    threads: int,
) -> float:
    """Submissions per second when the same rows are inserted directly in SQL, one transaction
    per submission, from ``threads`` connections."""
    import psycopg

    per_thread = count // threads
    barrier = threading.Barrier(threads + 1)
    done = []

    def loop(index: int) -> None:
        with psycopg.connect(url) as conn:
            barrier.wait()
            for n in range(per_thread):
                k = (index * per_thread + n) % len(organisations)
                app_id = uuid.uuid4()
                with conn.transaction():
                    serial = conn.execute(
                        "INSERT INTO applications_receiptserial (issued_at) VALUES (now()) RETURNING id"
                    ).fetchone()[0]  # type: ignore[index]
                    conn.execute(
                        "INSERT INTO applications_application (id, created_at, updated_at, subsidy_id, "
                        "organisation_id, created_by_id, status, project_title, receipt_number, "
                        "requested_amount, submitted_at, idempotency_key) VALUES (%s, now(), now(), %s, %s, "
                        "%s, 'submitted', %s, %s, %s, now(), %s)",
                        [
                            app_id,
                            subsidy_id,
                            organisations[k],
                            user_ids[k],
                            f"販路開拓事業 {k}",
                            f"SQL-{serial:07d}",
                            1_000_000 + k,
                            uuid.uuid4().hex,
                        ],
                    )
                    conn.execute(
                        "INSERT INTO applications_applicationevent (application_id, action, actor_id, role, "
                        "from_status, to_status, message, amount, created_at) VALUES (%s, 'submit', %s, 'prime', "
                        "'draft', 'submitted', %s, %s, now())",
                        [app_id, user_ids[k], f"受付番号 SQL-{serial:07d}", 1_000_000 + k],
                    )
                    conn.execute(
                        "INSERT INTO core_auditevent (occurred_at, actor_id, action, target_type, target_id, data, "
                        "organisation_id, agent_organisation_id, user_agent) VALUES (now(), %s, "
                        "'applications.submit', 'applications.application', %s, %s, %s, '', '')",
                        [
                            user_ids[k],
                            str(app_id),
                            json.dumps({"from": "draft", "to": "submitted"}),
                            organisations[k],
                        ],
                    )
            done.append(per_thread)

    workers = [threading.Thread(target=loop, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    barrier.wait()
    started = time.perf_counter()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    return sum(done) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--applicants", type=int, default=240)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--spread", type=float, default=20.0, help="the surge's arrivals spread (s)"
    )
    parser.add_argument(
        "--late", type=float, default=0.9, help="deadline at this fraction of the spread"
    )
    parser.add_argument("--flood", type=int, default=400, help="submissions of the capacity run")
    parser.add_argument("--ceiling-rows", type=int, default=3200)
    parser.add_argument("--keep", action="store_true", help="do not drop the scratch database")
    args = parser.parse_args()

    load_before = f"{os.getloadavg()[0]:.2f}"
    name = f"madoguchi_bench_surge_{uuid.uuid4().hex[:8]}"
    create_database(args.server, name)
    url = database_url(args.server, name)
    var_dir = Path(tempfile.gettempdir()) / name
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "MADOGUCHI_MODE": "test",  # local, DEBUG off (config/settings.py)
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DATABASE_CONN_MAX_AGE": "60",
        "MADOGUCHI_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "madoguchi.config.settings",
    }
    os.environ.update(env)
    server = None
    try:
        subprocess.run(
            [MADOGUCHI, "migrate", "--noinput"], env=env, check=True, capture_output=True
        )
        started = time.perf_counter()
        data = setup(args.applicants, args.flood)
        setup_seconds = time.perf_counter() - started
        port = free_port()
        server = subprocess.Popen(
            [
                GUNICORN,
                "--workers",
                str(args.workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--backlog",
                "2048",
                "--log-level",
                "warning",
                "madoguchi.config.wsgi:application",
            ],
            env=env,
        )
        base = f"http://127.0.0.1:{port}"
        import psycopg
        import requests

        for _ in range(150):
            try:
                if requests.get(f"{base}/", timeout=1).status_code < 500:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.1)
        else:
            sys.exit("gunicorn did not start")

        warm, _warm_seconds = submit_all(base, data["warm"], min(args.concurrency, WARM_UP))
        if any(r["outcome"] != "accepted" for r in warm):
            sys.exit(
                f"warm-up failed: {[r['detail'] for r in warm if r['outcome'] != 'accepted'][:3]}"
            )
        burst_start = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)
        deadline = burst_start + dt.timedelta(seconds=args.spread * args.late)
        with psycopg.connect(url) as conn:  # the officer moved the deadline: one UPDATE of the row
            conn.execute(
                "UPDATE grants_subsidy SET acceptance_end_datetime = %s WHERE id = %s",
                [deadline, data["subsidy"]],
            )
        t0 = time.perf_counter() + (burst_start - dt.datetime.now(dt.UTC)).total_seconds()
        step = args.spread / args.applicants
        schedule = [t0 + i * step for i in range(args.applicants)]
        results, _elapsed = submit_all(base, data["surge"], 64, schedule)
        check = check_database(url, data["subsidy"], results, deadline)
        far = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
        cpu_before = worker_cpu_seconds(server.pid)
        flood, flood_elapsed = submit_all(base, data["flood"], args.concurrency)
        cpu_per_submission = (worker_cpu_seconds(server.pid) - cpu_before) / len(flood) * 1000
        flood_check = check_database(url, data["flood_subsidy"], flood, far)
        with psycopg.connect(url) as conn:
            ids = conn.execute(
                "SELECT organisation_id::text, created_by_id FROM applications_application WHERE subsidy_id = %s",
                [data["subsidy"]],
            ).fetchall()
        raw_rate = ceiling(
            url,
            [r[0] for r in ids],
            [r[1] for r in ids],
            data["ceiling_subsidy"],
            args.ceiling_rows,
            args.concurrency,
        )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        if not args.keep:
            from django.db import connections

            connections.close_all()
            drop_database(args.server, name)

    def summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
        latencies = sorted(r["latency"] for r in rows)
        return {
            "accepted": sum(r["outcome"] == "accepted" for r in rows),
            "refused": sum(r["outcome"] == "refused" for r in rows),
            "errors": [r["detail"] for r in rows if r["outcome"] == "error"],
            "p50": statistics.median(latencies) * 1000,
            "p99": latencies[max(0, int(len(latencies) * 0.99) - 1)] * 1000,
        }

    def check_text(c: dict[str, int]) -> str:
        return (
            f"lost {c['lost']}, extra {c['extra']}, accepted after deadline {c['late_accepted']}, refused but "
            f"changed {c['refused_not_draft']}, duplicate timeline rows {c['duplicate_events']}, duplicate "
            f"receipts {c['duplicate_receipts']}"
        )

    surge, cap = summary(results), summary(flood)
    rate = len(flood) / flood_elapsed
    print(
        f"machine: {platform.processor() or platform.machine()}, nproc {os.cpu_count()}; gunicorn "
        f"{args.workers} sync workers; setup {setup_seconds:.0f} s; load average {load_before} → "
        f"{os.getloadavg()[0]:.2f}"
    )
    print()
    print("| measured | value |")
    print("|---|---|")
    print(
        f"| surge: applicants, arrivals spread over | {len(results)} over {args.spread:.0f} s "
        f"({len(results) / args.spread:.0f}/s offered; deadline at {args.late:.0%}) |"
    )
    print(
        f"| surge: accepted / refused after the deadline / errors | {surge['accepted']} / {surge['refused']} / "
        f"**{len(surge['errors'])}** |"
    )
    print(f"| surge: latency p50 / p99 | {surge['p50']:.0f} ms / **{surge['p99']:.0f} ms** |")
    print(f"| surge: database check | {check_text(check)} |")
    print(
        f"| capacity: {len(flood)} submissions, {args.concurrency} client threads | **{rate:.0f} per second**; "
        f"p50 {cap['p50']:.0f} ms, p99 {cap['p99']:.0f} ms; errors {len(cap['errors'])} |"
    )
    print(f"| capacity: gunicorn worker CPU per submission | {cpu_per_submission:.1f} ms |")
    print(f"| capacity: database check | {check_text(flood_check)} |")
    print(
        f"| raw SQL ceiling (same rows, 1 transaction per submission) | {raw_rate:.0f} per second |"
    )
    print(f"| capacity / ceiling | **{rate / raw_rate * 100:.1f}%** |")
    errors = surge["errors"] + cap["errors"]
    if errors:
        print(f"\nerrors: {errors[:5]}")
    clean = all(
        v == 0 for c in (check, flood_check) for k, v in c.items() if k != "stored_submitted"
    )
    ok = (
        not errors
        and surge["p99"] <= 1000
        and clean
        and check["stored_submitted"] == surge["accepted"]
    )
    print(
        f"\nsurge targets (p99 ≤ 1 s, no errors, none lost): {'met' if ok else 'NOT met'}; "
        f"rate ≥ 20% of ceiling: {'met' if rate >= 0.2 * raw_rate else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
