"""``make bench``: build the data set at each size, measure, load-test, write docs/performance.md.

    python bench/run.py [--sizes 1000 10000] [--repeat 50] [--load-seconds 10] [--fresh]

Needs PostgreSQL (``BENCH_DATABASE_URL``, default ``postgres://postgres@127.0.0.1:5432/
careers_bench``; the database is created when missing and emptied with ``--fresh``), wrk for the
load test, and Redis (``BENCH_REDIS_URL``) for the cached runs, which are left out without it.
"""

import argparse
import contextlib
import datetime
import json
import os
import platform
import re
import socket
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
MANAGE = [sys.executable, str(ROOT / "bench" / "manage.py")]
RESULTS = ROOT / "bench" / "results" / "latest.json"
REPORT = ROOT / "docs" / "performance.md"
START, END = "<!-- bench:results:start -->", "<!-- bench:results:end -->"
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/careers_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/1")
LOADED = ["bare page (baseline)", "listing", "posting, open"]

sys.path[:0] = [str(ROOT)]
from bench import load  # noqa: E402


def manage(*args, env=None):
    subprocess.run([*MANAGE, *args], check=True, env={**os.environ, **(env or {})})  # noqa: S603


def database(fresh):
    import psycopg

    url = urlparse(DATABASE_URL)
    name = url.path.lstrip("/")
    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        query = "SELECT 1 FROM pg_database WHERE datname = %s"
        exists = connection.execute(query, [name]).fetchone()
        if exists and fresh:
            connection.execute(f'DROP DATABASE "{name}"')
            exists = False
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
        return connection.execute("SHOW server_version").fetchone()[0]


def redis_available():
    url = urlparse(REDIS_URL)
    try:
        with socket.create_connection((url.hostname, url.port or 6379), timeout=2):
            return True
    except OSError:
        return False


def measure(size, cache, repeat):
    with tempfile.NamedTemporaryFile(suffix=".json") as output:
        manage("bench_measure", "--repeat", str(repeat), "--json", output.name,
               env={"BENCH_CACHE": cache})  # fmt: skip
        return json.load(open(output.name))


def machine(postgres):
    cpu = "unknown CPU"
    with contextlib.suppress(OSError, AttributeError):
        cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text()).group(1)
    memory = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, AttributeError):
        pass
    versions = ", ".join(
        f"{name} {metadata.version(name)}" for name in ("Django", "wagtail", "wagtail-localize")
    )
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; PostgreSQL {postgres}; {versions}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--load-seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--fresh", action="store_true", help="empty the database first")
    options = parser.parse_args()

    postgres = database(options.fresh)
    caches = ["none", "redis"] if redis_available() else ["none"]
    manage("migrate", "--noinput", "-v0")
    runs = []
    for size in sorted(options.sizes):
        manage("bench_data", str(size))
        for cache in caches:
            rows = measure(size, cache, options.repeat)
            paths = [(row["name"], row["url"]) for row in rows if row["name"] in LOADED]
            under_load = load.run(paths, options.load_seconds, options.workers,
                                  {"BENCH_CACHE": cache})  # fmt: skip
            runs.append({"size": size, "cache": cache, "pages": rows, "load": under_load})
    results = {
        "date": datetime.date.today().isoformat(),
        "machine": machine(postgres),
        "repeat": options.repeat,
        "load_seconds": options.load_seconds,
        "workers": options.workers,
        "runs": runs,
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2))
    from bench import report

    text = REPORT.read_text()
    before, rest = text.split(START)
    after = rest.split(END)[1]
    REPORT.write_text(before + START + "\n" + report.render(results) + "\n" + END + after)
    print(report.render(results))


if __name__ == "__main__":
    main()
