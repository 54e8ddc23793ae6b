"""Benchmark of the OpenID Connect token endpoint: refresh_token grants per second.

    .venv/bin/python bench/oidc_tokens.py                     # 15 s per measurement
    .venv/bin/python bench/oidc_tokens.py --seconds 3         # a quick smoke run

In one run, on a PostgreSQL database it creates and drops (``--server``, trust auth):

1. migrates it and sets up, in-process, a Prime user, a confidential relying party and one
   ``offline_access`` grant per client thread through the real authorize → consent → token flow;
2. serves the project with gunicorn (``--workers`` sync workers, production settings: DEBUG off,
   persistent database connections) and bench_app.py's URLconf, which adds ``/bench/baseline``
   (a minimal Django view through the same middleware) to the project's URLs;
3. measures the baseline: GET /bench/baseline from ``--concurrency`` threads for ``--seconds``;
4. measures refreshes: each thread rotates its own refresh token chain (POST /oauth/token,
   grant_type=refresh_token, client_secret_basic), every response checked (new access, refresh and
   ID token), for ``--seconds``;
5. times the parts in-process: the client secret check (the stored secret is a password hash) and
   the SQL queries of one refresh;

and prints a Markdown table for docs/performance.md ("Identity: token endpoint"). Not a test.
The load generator runs on the same machine and takes part of its CPU, for both measurements.
"""

import argparse
import base64
import os
import platform
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
SECRET_KEY = "bench-oidc-tokens-secret-key-not-for-production-0123456789abcdef"  # noqa: S105
CLIENT_ID = "bench-rp"
CLIENT_SECRET = "bench-rp-" + "s" * 40
REDIRECT_URI = "https://rp.example.test/callback"


# --- the run ---------------------------------------------------------------------------------------


def basic_auth() -> str:
    return "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()


def setup_grants(chains: int) -> tuple[list[str], dict[str, Any]]:
    """In-process: a user, the relying party and ``chains`` refresh tokens from the real flow."""
    import django

    django.setup()
    import re
    from urllib.parse import parse_qs, urlencode, urlparse

    from django.contrib.auth.hashers import check_password
    from django.db import connection
    from django.test import Client

    from madoguchi.identity.enums import AccountType, CorpType
    from madoguchi.identity.models import Organisation, User
    from madoguchi.identity.oidc.models import RelyingParty
    from madoguchi.identity.oidc.services import relying_party_register

    organisation = Organisation.objects.create(
        corp_type=CorpType.CORPORATION, corporate_number="1234567890123", name="ベンチ株式会社"
    )
    user = User.objects.create_user(
        username="bench@example.jp",
        email="bench@example.jp",
        password=None,
        account_type=AccountType.PRIME,
        organisation=organisation,
    )
    relying_party_register(
        actor=None,
        name="ベンチ用連携サービス",
        redirect_uris=[REDIRECT_URI],
        allowed_scopes=["openid", "profile", "email", "offline_access"],
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
    )
    client = Client()
    client.force_login(user)
    tokens = []
    for _ in range(chains):
        params = {
            "response_type": "code",
            "client_id": CLIENT_ID,
            "redirect_uri": REDIRECT_URI,
            "scope": "openid profile email offline_access",
            "state": uuid.uuid4().hex,
            "nonce": uuid.uuid4().hex,
        }
        url = "/oauth/authorize?" + urlencode(params)
        response = client.get(url)
        if response.status_code == 200:  # the consent screen, the first time
            page = response.content.decode()
            data = dict(re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', page))
            data["allow"] = "on"
            response = client.post(url, data)
        code = parse_qs(urlparse(response["Location"]).query)["code"][0]
        token = client.post(
            "/oauth/token",
            {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI},
            HTTP_AUTHORIZATION=basic_auth(),
        ).json()
        tokens.append(token["refresh_token"])

    # The parts of one refresh, in-process.
    stored = RelyingParty.objects.get(client_id=CLIENT_ID).client_secret
    started = time.perf_counter()
    for _ in range(20):
        check_password(CLIENT_SECRET, stored)
    secret_ms = (time.perf_counter() - started) / 20 * 1000
    executed = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        fresh = client.post(
            "/oauth/token",
            {"grant_type": "refresh_token", "refresh_token": tokens[-1]},
            HTTP_AUTHORIZATION=basic_auth(),
        ).json()
    tokens[-1] = fresh["refresh_token"]
    started = time.perf_counter()
    for _ in range(20):
        fresh = client.post(
            "/oauth/token",
            {"grant_type": "refresh_token", "refresh_token": tokens[-1]},
            HTTP_AUTHORIZATION=basic_auth(),
        ).json()
        tokens[-1] = fresh["refresh_token"]
    in_process_ms = (time.perf_counter() - started) / 20 * 1000
    connection.close()
    return tokens, {
        "secret_check_ms": secret_ms,
        "hasher": stored.split("$", 1)[0],
        "queries": len(executed),
        "in_process_ms": in_process_ms,
    }


def run_load(
    base: str, seconds: float, threads: int, work: Any, master: int | None = None
) -> dict[str, Any]:
    """``threads`` threads call ``work(session, index)`` until ``seconds`` pass; latencies kept."""
    import requests

    stop = time.perf_counter() + seconds
    latencies: list[list[float]] = [[] for _ in range(threads)]
    errors: list[str] = []

    def loop(index: int) -> None:
        session = requests.Session()
        while time.perf_counter() < stop:
            started = time.perf_counter()
            try:
                work(session, index)
            except Exception as exc:
                errors.append(f"{type(exc).__name__}: {exc}")
                return
            latencies[index].append(time.perf_counter() - started)

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
        "p95": flat[int(len(flat) * 0.95) - 1] * 1000,
        "cpu_ms": cpu / len(flat) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="do not drop the scratch database")
    args = parser.parse_args()

    load_before = f"{os.getloadavg()[0]:.2f}"
    name = f"madoguchi_bench_oidc_{uuid.uuid4().hex[:8]}"
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
        tokens, parts = setup_grants(args.concurrency)

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

        def baseline(session: Any, index: int) -> None:
            response = session.get(f"{base}/bench/baseline", timeout=10)
            if response.status_code != 200:
                raise RuntimeError(response.status_code)

        def refresh(session: Any, index: int) -> None:
            response = session.post(
                f"{base}/oauth/token",
                data={"grant_type": "refresh_token", "refresh_token": tokens[index]},
                headers={"Authorization": basic_auth()},
                timeout=10,
            )
            body = response.json()
            if response.status_code != 200 or not body.get("id_token"):
                raise RuntimeError(f"{response.status_code} {body}")
            tokens[index] = body["refresh_token"]

        run_load(base, 2, args.concurrency, baseline)  # warm-up
        run_load(base, 2, args.concurrency, refresh)
        base_result = run_load(base, args.seconds, args.concurrency, baseline, server.pid)
        refresh_result = run_load(base, args.seconds, args.concurrency, refresh, server.pid)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        if not args.keep:
            from django.db import connections

            connections.close_all()
            drop_database(args.server, name)

    cpu = platform.processor() or platform.machine()
    print(
        f"machine: {cpu}, nproc {os.cpu_count()}; gunicorn {args.workers} sync workers, "
        f"{args.concurrency} client threads, {args.seconds:.0f} s each"
    )
    print()
    print("| measured | requests | per second | p50 | p95 | worker CPU per request |")
    print("|---|---|---|---|---|---|")
    for label, result in (
        ("baseline: minimal Django view (`/bench/baseline`)", base_result),
        ("refresh_token grant (`POST /oauth/token`)", refresh_result),
    ):
        print(
            f"| {label} | {result['count']:,} | **{result['rate']:.0f}** | "
            f"{result['p50']:.1f} ms | {result['p95']:.1f} ms | {result['cpu_ms']:.1f} ms |"
        )
    print()
    print(f"load average before/after: {load_before} / {os.getloadavg()[0]:.2f}")
    print(f"refresh / baseline: {refresh_result['rate'] / base_result['rate']:.2f}")
    print(
        f"one refresh in-process: {parts['in_process_ms']:.1f} ms, {parts['queries']} SQL queries; "
        f"client secret check ({parts['hasher']}): {parts['secret_check_ms']:.1f} ms"
    )


if __name__ == "__main__":
    main()
