"""Settings for the benchmarks: the example site on PostgreSQL, not in debug mode.

``BENCH_DATABASE_URL`` (default ``postgres://postgres@127.0.0.1:5432/careers_bench``) names a
database the benchmark may empty and fill; ``BENCH_CACHE=redis`` uses the Redis at
``BENCH_REDIS_URL`` (default ``redis://127.0.0.1:6379/1``) as Django's cache, otherwise no cache.
"""

import os

import dj_database_url

from example_site.settings.base import *  # noqa: F403
from example_site.settings.base import INSTALLED_APPS

DEBUG = False
SECRET_KEY = "benchmark-only-not-a-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = ["bench", *INSTALLED_APPS]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/careers_bench"),
        conn_max_age=600,
    )
}

if os.environ.get("BENCH_CACHE") == "redis":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/1"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

# What a production site logs: warnings only, so logging costs nothing in the measurements.
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
