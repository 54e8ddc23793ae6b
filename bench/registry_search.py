"""Benchmark of registry search (``selectors.corporation_search``) on a large PostgreSQL registry.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/madoguchi_search_scratch \\
        .venv/bin/python bench/registry_search.py load --corporations 1000000
    DATABASE_URL=… .venv/bin/python bench/registry_search.py run [--explain]

``load`` fills ``registry_corporation`` (latest versions only) from the synthetic generator with COPY,
dropping the search indexes during the load and re-creating them after (the migration's statements).
``run`` times about 100 realistic searches (``--via api`` or ``--via page``: whole requests) (names, prefixes, readings, English, legal forms, one- and
two-character words, with and without filters, later pages, numbers) and prints p50/p95/max; with
``--explain`` it prints EXPLAIN ANALYZE of each tier query of the slowest searches.
"""

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Iterator
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "madoguchi.config.settings")
os.environ.setdefault("MADOGUCHI_MODE", "test")  # local, DEBUG off (config/settings.py)

import django

django.setup()

from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from madoguchi.registry import selectors  # noqa: E402
from madoguchi.registry.generator import generate_rows  # noqa: E402
from madoguchi.registry.nta_format import RECORD_FIELDS, parse_row  # noqa: E402
from madoguchi.registry.search_indexes import (  # noqa: E402
    search_indexes_create,
    search_indexes_drop,
)
from madoguchi.registry.searchtext import search_fields  # noqa: E402

COLUMNS = (*RECORD_FIELDS, "search_name", "search_text", "is_deleted")


def latest_rows(corporations: int, seed: int) -> Iterator[dict[str, Any]]:
    """The latest version of each of about ``corporations`` generated corporations."""
    # The generator writes about 1.8 rows per corporation, the latest last.
    for fields in generate_rows(int(corporations * 1.85), seed=seed):
        if fields[23] != "1":
            continue
        values = parse_row(fields).values
        values.update(
            search_fields(
                name=values["name"], furigana=values["furigana"], en_name=values["en_name"]
            )
        )
        values["is_deleted"] = values["process"] == "99"
        yield values


def load(corporations: int, seed: int) -> None:
    search_indexes_drop()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE registry_corporation")
    raw = connection.connection
    started, count = time.perf_counter(), 0
    with (
        raw.cursor() as cursor,
        cursor.copy(f"COPY registry_corporation ({', '.join(COLUMNS)}) FROM STDIN") as copy,
    ):
        seen: set[str] = set()
        for values in latest_rows(corporations, seed):
            if values["corporate_number"] in seen:
                continue
            seen.add(values["corporate_number"])
            copy.write_row([values[c] for c in COLUMNS])
            count += 1
            if count % 100_000 == 0:
                print(f"{count:,} rows, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    raw.commit()
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        search_indexes_create()
        cursor.execute("ANALYZE registry_corporation")
    print(f"loaded {count:,} corporations in {time.perf_counter() - started:.0f} s")


def sample(query: str, params: list[Any] | None = None) -> list[Any]:
    with connection.cursor() as cursor:
        cursor.execute(query, params or [])
        return [row[0] for row in cursor.fetchall()]


def searches(seed: int) -> list[dict[str, Any]]:
    """About 100 searches people make: (text, filters, page)."""
    rng = random.Random(seed)
    names = sample(
        "SELECT name FROM registry_corporation TABLESAMPLE SYSTEM (1) WHERE NOT hihyoji LIMIT 400"
    )
    furigana = sample(
        "SELECT furigana FROM registry_corporation TABLESAMPLE SYSTEM (1) "
        "WHERE furigana <> '' LIMIT 100"
    )
    english = sample(
        "SELECT en_name FROM registry_corporation TABLESAMPLE SYSTEM (1) "
        "WHERE en_name <> '' LIMIT 100"
    )
    numbers = sample("SELECT corporate_number FROM registry_corporation LIMIT 5")
    legal_forms = [
        "株式会社",
        "有限会社",
        "合同会社",
        "一般社団法人",
        "医療法人",
        "特定非営利活動法人",
    ]
    words = [
        "山田",
        "商事",
        "建設",
        "サンライズ",
        "グローバル",
        "東京",
        "工業",
        "花王",
        "桜",
        "日本",
    ]
    plain: list[str] = []
    plain += rng.sample(names, 25)  # a whole name (exact)
    plain += [n[: rng.randint(3, 6)] for n in rng.sample(names, 15)]  # the start of a name
    plain += [n[-rng.randint(3, 5) :] for n in rng.sample(names, 10)]  # the end of a name
    plain += [
        "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in f[:5])
        for f in rng.sample(furigana, 8)
    ]  # the reading in hiragana
    plain += [e.split(" ")[0].upper() for e in rng.sample(english, 6)]  # English, other case
    plain += legal_forms + words
    plain += ["ｶﾌﾞｼｷｶﾞｲｼｬ", "ＩｏＴ", "かぶしき"]
    out: list[dict[str, Any]] = [{"text": text} for text in plain]
    filtered = [
        {"text": "株式会社", "prefecture": "13"},
        {"text": "株式会社", "prefecture": "13", "city": "101"},
        {"text": "山田", "kind": "301", "status": "open"},
        {"text": "商事", "status": "closed"},
        {"text": "建設", "prefecture": "01", "city": "100"},
        {"text": "有限会社", "prefecture": "47", "kind": "302"},
        {"text": "サンライズ", "prefecture": "27"},
        {"text": "工業", "kind": "305", "status": "open"},
    ]
    out += filtered
    out += [{"text": "株式会社", "page": 2}, {"text": "株式会社", "page": 50}]
    out += [{"text": "商事", "page": 7}, {"text": "山田", "page": 3}]
    out += [{"text": number} for number in numbers]
    return out


def run_one(search: dict[str, Any]) -> tuple[float, int, bool]:
    """Time one search through the selector: (ms, matches counted, more than the cap)."""
    filters, errors = selectors.search_filters_parse(
        prefecture=search.get("prefecture", ""),
        city=search.get("city", ""),
        kind=search.get("kind", ""),
        status=search.get("status", ""),
    )
    assert not errors, errors
    started = time.perf_counter()
    result = selectors.corporation_search(
        text=search["text"], filters=filters, page=search.get("page", 1)
    )
    return (time.perf_counter() - started) * 1000, result.total, result.total_is_capped


_client = Client()


def run_one_http(search: dict[str, Any], path: str) -> tuple[float, int, bool]:
    """Time one search through a whole request: the JSON API or the search page."""
    params = {key: str(value) for key, value in search.items()}
    params["name" if path.startswith("/api/") else "q"] = params.pop("text")
    started = time.perf_counter()
    response = _client.get(path, params)
    ms = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, response.content[:300]
    if path.startswith("/api/"):
        body = response.json()
        return ms, body["count"], body["count_is_capped"]
    return ms, 0, False


def explain(search: dict[str, Any]) -> None:
    """EXPLAIN ANALYZE each query the search made, with the session settings it made."""
    with CaptureQueriesContext(connection) as captured:
        run_one(search)
    with transaction.atomic(), connection.cursor() as cursor:
        for query in captured.captured_queries:
            sql = query["sql"]
            if sql.startswith("SELECT set_config"):
                cursor.execute(sql)
            elif sql.startswith("SELECT"):
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                print("\n".join(row[0] for row in cursor.fetchall()))
                print()
        transaction.set_rollback(True)


def run(seed: int, repeat: int, show_explain: bool, via: str) -> None:
    total = sample("SELECT count(*) FROM registry_corporation")[0]
    todo = searches(seed)
    paths = {"api": "/api/v1/corporations", "page": "/registry/"}

    def one(search: dict[str, Any]) -> tuple[float, int, bool]:
        return run_one(search) if via == "selector" else run_one_http(search, paths[via])

    for search in todo:  # warm the cache once
        one(search)
    timings: list[tuple[float, dict[str, Any], int, bool]] = []
    for _ in range(repeat):
        for search in todo:
            ms, found, capped = one(search)
            timings.append((ms, search, found, capped))
        reset_queries()
    values = sorted(t[0] for t in timings)
    p50 = statistics.median(values)
    p95 = values[int(len(values) * 0.95) - 1]
    print(f"{total:,} corporations, {len(todo)} searches × {repeat}, through the {via}")
    print(f"p50 {p50:.1f} ms  p95 {p95:.1f} ms  max {values[-1]:.1f} ms")
    print("slowest:")
    for ms, search, found, capped in sorted(timings, key=lambda t: -t[0])[:8]:
        print(f"  {ms:7.1f} ms  {found}{'+' if capped else ''} found  {search}")
    if show_explain:
        seen: set[str] = set()
        for _, search, _, _ in sorted(timings, key=lambda t: -t[0]):
            key = repr(search)
            if key in seen:
                continue
            seen.add(key)
            print(f"=== {search}")
            explain(search)
            if len(seen) == 3:
                break


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="action", required=True)
    load_parser = sub.add_parser("load")
    load_parser.add_argument("--corporations", type=int, default=1_000_000)
    load_parser.add_argument("--seed", type=int, default=1)
    run_parser = sub.add_parser("run")
    run_parser.add_argument("--seed", type=int, default=7)
    run_parser.add_argument("--repeat", type=int, default=3)
    run_parser.add_argument("--explain", action="store_true")
    run_parser.add_argument("--via", choices=["selector", "api", "page"], default="selector")
    options = parser.parse_args()
    if connection.vendor != "postgresql":
        parser.error("DATABASE_URL must point at a PostgreSQL scratch database")
    if options.action == "load":
        load(options.corporations, options.seed)
    else:
        run(options.seed, options.repeat, options.explain, options.via)


if __name__ == "__main__":
    main()
