"""Benchmark of password login: logins per second through the real allauth login endpoint.

    .venv/bin/python bench/identity_login.py                  # 15 s per measurement
    .venv/bin/python bench/identity_login.py --seconds 3      # a quick smoke run

In one run, on a PostgreSQL database it creates and drops (``--server``, trust auth):

1. migrates it and creates ``--users`` verified Entry accounts (no MFA step: this measures the
   password step, the costly one) whose passwords are hashed with the shipped hasher
   (identity.hashers.OwaspArgon2idHasher: Argon2id, m=19 MiB, t=2, p=1);
2. serves the project with gunicorn (``--workers`` sync workers, DEBUG off, persistent database
   connections) and bench_app.py's URLconf, which adds ``/bench/baseline`` (a minimal Django view
   through the same middleware);
3. measures the baseline in the same run: GET /bench/baseline, then GET /accounts/login/ (the form);
4. measures logins: each iteration is a fresh browser session — GET /accounts/login/ for the CSRF
   cookie, then POST the e-mail and password; only a 302 to the after-login page counts;
5. times one hash verification in-process, for the shipped hasher and for Django's PBKDF2;

and prints a Markdown table for docs/performance.md ("Identity: password login"), against
Keycloak's published sizing of 15 password logins per second per vCPU. Not a test. The load
generator runs on the same machine and takes part of its CPU. The login rate limit (allauth's
"login": 30/min per IP) is raised for the run, since every request comes from 127.0.0.1.
"""

import argparse
import os
import platform
import re
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
SECRET_KEY = "bench-identity-login-secret-key-not-for-production-0123456789abcdef"  # noqa: S105
PASSWORD = "bench-login-kumo-2026"  # noqa: S105 - a throwaway password for the scratch database
KEYCLOAK_PER_VCPU = 15


def setup_users(count: int) -> dict[str, Any]:
    """In-process: ``count`` verified Entry users; the hash timings of one verification."""
    import django

    django.setup()
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import PBKDF2PasswordHasher, check_password, make_password
    from django.db import connection

    from madoguchi.identity.enums import AccountType, CorpType
    from madoguchi.identity.models import Organisation, User

    encoded = make_password(PASSWORD)  # the shipped (first) hasher; one salt is enough here
    organisation = Organisation.objects.create(
        corp_type=CorpType.SOLE_PROPRIETOR, name="ベンチ商店"
    )
    users = User.objects.bulk_create(
        User(
            username=f"bench{i}@example.jp",
            email=f"bench{i}@example.jp",
            password=encoded,
            organisation=organisation,
            account_type=AccountType.ENTRY,
        )
        for i in range(count)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users
    )

    def per_check_ms(stored: str) -> float:
        started = time.perf_counter()
        for _ in range(20):
            assert check_password(PASSWORD, stored)
        return (time.perf_counter() - started) / 20 * 1000

    pbkdf2 = PBKDF2PasswordHasher()
    pbkdf2_encoded = pbkdf2.encode(PASSWORD, pbkdf2.salt())
    connection.close()
    return {
        "hasher": " ".join(encoded.split("$")[1:4]),
        "argon2_ms": per_check_ms(encoded),
        "pbkdf2_ms": per_check_ms(pbkdf2_encoded),
        "pbkdf2_iterations": pbkdf2.iterations,
    }


def run_load(seconds: float, threads: int, work: Any, master: int | None = None) -> dict[str, Any]:
    """``threads`` threads call ``work(counter)`` until ``seconds`` pass; latencies kept."""
    stop = time.perf_counter() + seconds
    latencies: list[list[float]] = [[] for _ in range(threads)]
    errors: list[str] = []

    def loop(index: int) -> None:
        counter = index
        while time.perf_counter() < stop:
            started = time.perf_counter()
            try:
                work(counter)
            except Exception as exc:
                errors.append(f"{type(exc).__name__}: {exc}")
                return
            latencies[index].append(time.perf_counter() - started)
            counter += threads

    cpu_before = worker_cpu_seconds(master) if master else 0.0
    started = time.perf_counter()
    workers = [threading.Thread(target=loop, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    cpu = (worker_cpu_seconds(master) - cpu_before) if master else 0.0
    flat = sorted(x for chunk in latencies for x in chunk)
    if errors:
        sys.exit(f"{len(errors)} request(s) failed, first: {errors[0]}")
    return {
        "count": len(flat),
        "rate": len(flat) / elapsed,
        "p50": statistics.median(flat) * 1000,
        "p95": flat[max(int(len(flat) * 0.95) - 1, 0)] * 1000,
        "cpu_ms": cpu / len(flat) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="do not drop the scratch database")
    args = parser.parse_args()

    load_before = f"{os.getloadavg()[0]:.2f}"
    name = f"madoguchi_bench_login_{uuid.uuid4().hex[:8]}"
    create_database(args.server, name)
    var_dir = Path(tempfile.gettempdir()) / name
    env = {
        **os.environ,
        "DATABASE_URL": database_url(args.server, name),
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "MADOGUCHI_MODE": "test",  # local, DEBUG off (config/settings.py)
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DATABASE_CONN_MAX_AGE": "60",
        "MADOGUCHI_VAR_DIR": str(var_dir),
        "MADOGUCHI_RATE_LIMIT_LOGIN": "1000000/m/ip",
        "DJANGO_SETTINGS_MODULE": "madoguchi.config.settings",
    }
    os.environ.update(env)
    server = None
    try:
        subprocess.run(
            [MADOGUCHI, "migrate", "--noinput"], env=env, check=True, capture_output=True
        )
        parts = setup_users(args.users)
        port = free_port()
        server = subprocess.Popen(
            [
                GUNICORN,
                "--chdir",
                str(ROOT / "bench"),
                "--workers",
                str(args.workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
                "bench_app:application",
            ],
            env=env,
        )
        base = f"http://127.0.0.1:{port}"
        import requests

        for _ in range(100):
            try:
                if requests.get(f"{base}/bench/baseline", timeout=1).status_code == 200:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.1)
        else:
            sys.exit("gunicorn did not start")

        sessions = threading.local()

        def session() -> Any:
            if not hasattr(sessions, "s"):
                sessions.s = requests.Session()
            return sessions.s

        def baseline(counter: int) -> None:
            response = session().get(f"{base}/bench/baseline", timeout=10)
            if response.status_code != 200:
                raise RuntimeError(response.status_code)

        def login_page(counter: int) -> None:
            response = requests.get(f"{base}/accounts/login/", timeout=10)
            if response.status_code != 200:
                raise RuntimeError(response.status_code)

        def login(counter: int) -> None:
            fresh = requests.Session()  # a new browser: no session, a real login every time
            page = fresh.get(f"{base}/accounts/login/", timeout=10)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
            if token is None:
                raise RuntimeError("no CSRF token on the login page")
            response = fresh.post(
                f"{base}/accounts/login/",
                data={
                    "csrfmiddlewaretoken": token.group(1),
                    "login": f"bench{counter % args.users}@example.jp",
                    "password": PASSWORD,
                },
                headers={"Referer": f"{base}/accounts/login/"},
                allow_redirects=False,
                timeout=30,
            )
            if response.status_code != 302 or response.headers["Location"] != "/identity/":
                raise RuntimeError(f"login refused: {response.status_code}")

        run_load(2, args.concurrency, baseline)  # warm-up
        run_load(2, args.concurrency, login)
        base_result = run_load(args.seconds, args.concurrency, baseline, server.pid)
        page_result = run_load(args.seconds, args.concurrency, login_page, server.pid)
        login_result = run_load(args.seconds, args.concurrency, login, server.pid)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        if not args.keep:
            from django.db import connections

            connections.close_all()
            drop_database(args.server, name)

    cpus = os.cpu_count() or 1
    cpu = platform.processor() or platform.machine()
    print(
        f"machine: {cpu}, nproc {cpus}; gunicorn {args.workers} sync workers, "
        f"{args.concurrency} client threads, {args.seconds:.0f} s each; hasher {parts['hasher']}"
    )
    print()
    print("| measured | requests | per second | p50 | p95 | worker CPU per request |")
    print("|---|---|---|---|---|---|")
    for label, result in (
        ("baseline: minimal Django view (`/bench/baseline`)", base_result),
        ("baseline: login form (`GET /accounts/login/`)", page_result),
        ("password login (GET form + `POST /accounts/login/`)", login_result),
    ):
        print(
            f"| {label} | {result['count']:,} | **{result['rate']:.1f}** | "
            f"{result['p50']:.1f} ms | {result['p95']:.1f} ms | {result['cpu_ms']:.1f} ms |"
        )
    print()
    per_vcpu = login_result["rate"] / cpus
    print(
        f"logins per second per vCPU: {per_vcpu:.1f} (Keycloak sizing: {KEYCLOAK_PER_VCPU}) → "
        f"{per_vcpu / KEYCLOAK_PER_VCPU:.1f}× Keycloak"
    )
    capacity = cpus * 1000 / login_result["cpu_ms"]
    print(
        f"capacity from worker CPU per login ({login_result['cpu_ms']:.1f} ms) on {cpus} cores: "
        f"{capacity:.0f} logins/s = {capacity / cpus:.1f} per vCPU "
        f"({capacity / cpus / KEYCLOAK_PER_VCPU:.1f}× Keycloak), if nothing else ran"
    )
    print(
        f"one hash verification in-process: shipped Argon2id {parts['argon2_ms']:.1f} ms; "
        f"Django PBKDF2-SHA256 ({parts['pbkdf2_iterations']:,} iterations) {parts['pbkdf2_ms']:.1f} ms"
    )
    print(f"load average before/after: {load_before} / {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
