"""Settings for bench/grants_api.py: the project's own settings with one extra URL, the ceiling view."""

import os

from madoguchi.config.settings import *  # noqa: F403

ROOT_URLCONF = "grants_bench_urls"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
LOGGING_CONFIG = None

# bench/grants_api.py measures with and without the jGrants list response cache.
GRANTS_API_CACHE = os.environ.get("GRANTS_API_CACHE", "1") == "1"
