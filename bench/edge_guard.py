"""What the edge (portal.edge) costs per request, against the whole request it guards.

    .venv/bin/python bench/edge_guard.py               # 2,000 requests per shape
    .venv/bin/python bench/edge_guard.py --requests 200

In one process, for three request shapes a browser or client sends (a page with a query, cookies and
usual headers; a form POST of 20 fields; a 170 kB JSON body), it measures the CPU time of the edge's
checks alone (``portal.edge.checks.refusal``) and, as the baseline in the same run, of the whole Django
handler answering bench_app's ``/bench/baseline`` view (every middleware, the edge included) with the same
request. Parsing the query, the form and the JSON body is counted to the edge: Django parses a form once
per request and the edge is what reads it first. Prints a Markdown table for docs/performance.md. Not a
test; no database is touched.
"""

import argparse
import io
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

HEADERS = {
    "HTTP_USER_AGENT": (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
    ),
    "HTTP_ACCEPT": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "HTTP_ACCEPT_LANGUAGE": "ja,en;q=0.8",
    "HTTP_COOKIE": "sessionid=abcdefghijklmnopqrstuvwxyz012345; csrftoken=ABCDEFGHIJKLMNOPQRSTUVWXYZ012345",
    "HTTP_REFERER": "http://testserver/registry/",
    "HTTP_X_CSRFTOKEN": "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345",  # the POSTs pass the CSRF check
}


def shapes() -> dict[str, Callable[[Any, str], Any]]:
    form = {f"field{i}": "補助金の事業計画の説明文です。" * 8 for i in range(20)}
    body = json.dumps(
        {"items": [{"name": "株式会社テスト", "n": i, "tags": ["a", "b"]} for i in range(2000)]}
    )
    return {
        "GET with query and cookies": lambda rf, path: rf.get(
            path + "?q=%E6%97%A5%E6%9C%AC%E5%95%86%E4%BA%8B&prefecture=13&page=2", **HEADERS
        ),
        "POST form, 20 fields (urlencoded)": lambda rf, path: rf.post(
            path,
            "&".join(f"{k}={v}" for k, v in form.items()).encode(),
            content_type="application/x-www-form-urlencoded",
            **HEADERS,
        ),
        f"POST JSON, {len(body.encode()) // 1000} kB": lambda rf, path: rf.post(
            path, body, content_type="application/json", **HEADERS
        ),
    }


def cpu_per_call(calls: list[Callable[[], Any]]) -> float:
    start = time.process_time()
    for call in calls:
        call()
    return (time.process_time() - start) / len(calls)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "madoguchi.config.settings")
    os.environ.setdefault(
        "DJANGO_SECRET_KEY", "bench-edge-guard-not-for-production-0123456789abcdef"
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import RequestFactory

    from madoguchi.portal.edge.checks import refusal

    settings.ROOT_URLCONF = "bench_app"
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"  # no database
    handler = WSGIHandler()
    rf = RequestFactory()

    def whole(request: Any) -> Callable[[], Any]:
        environ = dict(request.environ)
        body = request.body if request.method == "POST" else b""

        def call() -> Any:
            environ["wsgi.input"] = io.BytesIO(body)
            return b"".join(handler(dict(environ), lambda status, headers: None))

        return call

    print(
        f"Python {sys.version.split()[0]}, {args.requests} requests per shape, CPU time per request"
    )
    print()
    print("| request | edge checks | whole request (baseline view) | edge / whole |")
    print("|---|---|---|---|")
    for name, make in shapes().items():
        count = args.requests if "JSON" not in name else max(1, args.requests // 20)
        requests = [make(rf, "/bench/baseline") for _ in range(count)]
        edge = cpu_per_call([lambda r=r: refusal(r) for r in requests])
        full = cpu_per_call([whole(make(rf, "/bench/baseline")) for _ in range(count)])
        print(f"| {name} | {edge * 1e6:,.0f} µs | {full * 1e6:,.0f} µs | {edge / full:.0%} |")


if __name__ == "__main__":
    main()
