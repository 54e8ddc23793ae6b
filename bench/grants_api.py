"""Benchmark of the jGrants-compatible list endpoint (GET /exp/v1/public/subsidies) on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/madoguchi_h_grants \\
        .venv/bin/python bench/grants_api.py load --subsidies 10000
    DATABASE_URL=… .venv/bin/python bench/grants_api.py run [--workers 5] [--clients 50] [--seconds 20]

``load`` replaces every subsidy with ``--subsidies`` generated ones (grants.generator, fixed seed).
``run`` starts gunicorn (sync workers) on the project plus one minimal Django JSON view
(/bench/ceiling, bench/grants_bench_urls.py), then in the same run:

1. latency: after ``--warmup`` seconds of load, 100 realistic list queries (keywords from the catalogue's
   themes, with and without acceptance=1, filters by purpose, industry, area and employees, the three
   sorts) timed over HTTP, one at a time: p50, p95, max, and the response sizes;
2. throughput: ``--clients`` concurrent clients for ``--seconds`` each against the list endpoint (cycling
   through the same 100 queries) and against the ceiling view, served by the same gunicorn.

Both are measured twice: with the list response cache off (every request searches the database) and on
(grants/response_cache.py, the default). Gunicorn keeps database connections (DATABASE_CONN_MAX_AGE=600).

The load generator is Python threads in this process, on the same machine as the server; it costs the
same for both targets, so the ratio is fair, but absolute figures are lower than a native load tool's.
"""

import argparse
import http.client
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from benchlib import free_port  # noqa: E402 - bench/ is on sys.path from here

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grants_bench_settings")
os.environ.setdefault("MADOGUCHI_MODE", "test")  # local, DEBUG off (config/settings.py)

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from madoguchi.grants import generator  # noqa: E402
from madoguchi.grants.enums import EmployeeBracket, Industry, UsePurpose  # noqa: E402
from madoguchi.grants.services import subsidies_bulk_load  # noqa: E402
from madoguchi.identity.models import Division  # noqa: E402

SEED = 2026
KEYWORDS = (
    "IT導入",
    "ＩＴ導入",
    "省エネ",
    "省エネルギー",
    "事業承継",
    "販路開拓",
    "ものづくり",
    "観光",
    "雇用",
    "創業",
    "IoT",
    "ｉｏｔ",
    "DX",
    "脱炭素",
    "人材育成",
    "スマート農業",
    "輸出",
    "物流",
    "BCP",
    "商店街",
    "子育て",
    "文化芸術",
    "東京",
    "大阪",
    "北海道",
    "福岡県",
    "デジタル化",
    "リスキリング",
    "生産性向上",
    "インバウンド",
    "補助金",
    "助成金",
    "奨励金",
    "小規模事業者",
    "中小企業",
    "設備投資",
    "経済産業省",
    "農林水産省",
    "環境省",
    "まちづくり",
)


def queries(count: int = 100, seed: int = 7) -> list[dict[str, str]]:
    """Realistic list queries: mostly a theme keyword and acceptance=1, some filters, every sort."""
    rng = random.Random(seed)
    out = []
    for index in range(count):
        params = {
            "keyword": KEYWORDS[index % len(KEYWORDS)],
            "sort": rng.choice(
                ("created_date", "acceptance_start_datetime", "acceptance_end_datetime")
            ),
            "order": rng.choice(("ASC", "DESC")),
            "acceptance": "1" if rng.random() < 0.7 else "0",
        }
        if rng.random() < 0.3:
            params["use_purpose"] = " / ".join(rng.sample(UsePurpose.values, k=rng.randint(1, 2)))
        if rng.random() < 0.2:
            params["industry"] = rng.choice(Industry.values)
        if rng.random() < 0.3:
            params["target_area_search"] = rng.choice(
                ("東京都", "大阪府", "北海道", "関東・甲信越地方", "全国", "愛知県", "福岡県")
            )
        if rng.random() < 0.2:
            params["target_number_of_employees"] = rng.choice(EmployeeBracket.values)
        out.append(params)
    return out


def load(count: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            # CASCADE: applications and review rows refer to subsidies (a scratch database only).
            "TRUNCATE grants_subsidychange, grants_subsidydocument, grants_subsidyround, grants_subsidy "
            "CASCADE"
        )
    started = time.perf_counter()
    items = (
        (data, {"id": extra.id, "number": extra.number, "created_at": extra.created_at})
        for data, extra in generator.generate(count, seed=SEED, now=timezone.now())
    )
    division, _ = Division.objects.get_or_create(code="bench", defaults={"name": "ベンチ庁"})
    loaded = subsidies_bulk_load(items=items, division=division)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE grants_subsidy")  # the created_at update left dead rows
    print(f"{loaded:,} subsidies in {time.perf_counter() - started:.1f} s")


def _get(port: int, path: str) -> tuple[int, int]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, len(response.read())
    finally:
        conn.close()


def _start(workers: int, port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "grants_bench_settings",
        "PYTHONPATH": f"{ROOT / 'bench'}:{ROOT / 'src'}",
        # Persistent database connections, as a deployment sets them (settings: DATABASE_CONN_MAX_AGE).
        "DATABASE_CONN_MAX_AGE": os.environ.get("DATABASE_CONN_MAX_AGE", "600"),
    }
    process = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "madoguchi.config.wsgi:application",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
    )
    for _ in range(100):
        try:
            if _get(port, "/bench/ceiling")[0] == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def _throughput(port: int, paths: list[str], clients: int, seconds: float) -> tuple[float, int]:
    stop = time.perf_counter() + seconds
    done = [0] * clients
    errors = [0] * clients

    def client(index: int) -> None:
        i = index
        while time.perf_counter() < stop:
            status, _ = _get(port, paths[i % len(paths)])
            i += clients
            if status == 200:
                done[index] += 1
            else:
                errors[index] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / (time.perf_counter() - started), sum(errors)


def _measure(workers: int, clients: int, seconds: float, warmup: float, *, cache: bool) -> None:
    port = free_port()
    os.environ["GRANTS_API_CACHE"] = "1" if cache else "0"
    process = _start(workers, port)
    try:
        paths = [f"/exp/v1/public/subsidies?{urlencode(q)}" for q in queries()]
        for path in (
            paths
        ):  # warm up every worker's connection (and, with the cache on, one worker's cache)
            _get(port, path)
        timings, sizes = [], []
        for path in paths:
            started = time.perf_counter()
            status, size = _get(port, path)
            timings.append((time.perf_counter() - started) * 1000)
            assert status == 200, path
            sizes.append(size)
        timings.sort()
        p50 = statistics.median(timings)
        p95 = timings[int(len(timings) * 0.95) - 1]
        label = "response cache ON" if cache else "response cache OFF"
        print(
            f"[{label}] latency over HTTP, 100 queries one at a time: p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms"
        )
        print(
            f"[{label}] response sizes: median {statistics.median(sizes) / 1024:.0f} KiB, max {max(sizes) / 1024:.0f} KiB"
        )
        ceiling, ceiling_errors = _throughput(port, ["/bench/ceiling"], clients, seconds)
        api, api_errors = _throughput(port, paths, clients, seconds)
        print(
            f"[{label}] throughput, {clients} clients, {workers} gunicorn sync workers, {seconds:.0f} s each:"
        )
        print(
            f"  ceiling (minimal Django JSON view): {ceiling:.0f} req/s ({ceiling_errors} errors)"
        )
        print(f"  /exp/v1/public/subsidies:           {api:.0f} req/s ({api_errors} errors)")
        print(f"  ratio: {api / ceiling * 100:.0f}% of the ceiling")
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def run(workers: int, clients: int, seconds: float, warmup: float) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM grants_subsidy WHERE status = 'published'")
        print(f"{cursor.fetchone()[0]:,} published subsidies; nproc {os.cpu_count()}")
    connection.close()
    _measure(workers, clients, seconds, warmup, cache=False)
    _measure(workers, clients, seconds, warmup, cache=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    load_parser = sub.add_parser("load")
    load_parser.add_argument("--subsidies", type=int, default=10_000)
    run_parser = sub.add_parser("run")
    run_parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    run_parser.add_argument("--clients", type=int, default=50)
    run_parser.add_argument("--seconds", type=float, default=20)
    run_parser.add_argument(
        "--warmup", type=float, default=10, help="seconds of load before measuring"
    )
    args: Any = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("PostgreSQL only: set DATABASE_URL to a PostgreSQL database")
    if args.command == "load":
        load(args.subsidies)
    else:
        run(args.workers, args.clients, args.seconds, args.warmup)


if __name__ == "__main__":
    main()
