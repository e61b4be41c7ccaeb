"""A change committed in one process reaches the next request of every other process: another
app server or worker, ``publish_scheduled`` from cron, a management command.

Two real processes of the test site share one database (a file copy of the test's SQLite
database, or the test's PostgreSQL database): one serves requests and keeps its cache between
them, the other publishes. Django's default per-process cache and a shared (file) cache both
must show the change at once.
"""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
MODULE = "tests.processes.other_process"

CACHES = {
    "local memory": lambda tmp: {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    },
    "file": lambda tmp: {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp / "cache"),
        }
    },
}


def shared_database_url(tmp):
    """An address the other processes can open for the data this test committed."""
    if connection.vendor == "sqlite":
        path = tmp / "db.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(path)
        connection.connection.backup(copy)
        copy.close()
        return f"sqlite:///{path}"
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
        return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    pytest.skip(f"no second process for {connection.vendor}")


@pytest.fixture
def environment(tmp_path, request):
    """The other processes' environment, made once the test's data is committed."""
    return lambda: {
        "PATH": "",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "example_site")]),
        "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE,
        "DATABASE_URL": shared_database_url(tmp_path),
        "CAREERS_TEST_CACHES": json.dumps(CACHES[request.param](tmp_path)),
    }


class Site:
    """A serving process, asked for one path at a time."""

    def __init__(self, environment, log):
        self.log = log
        self.process = subprocess.Popen(  # noqa: S603 - our own module
            [sys.executable, "-m", MODULE, "serve"],
            cwd=ROOT,
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log.open("w"),
            text=True,
        )

    def get(self, path):
        self.process.stdin.write(path + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, self.log.read_text()
        return json.loads(line)

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


def publish_in_another_process(environment, changes):
    subprocess.run(  # noqa: S603 - our own module
        [sys.executable, "-m", MODULE, "publish", json.dumps(changes)],
        cwd=ROOT,
        env=environment,
        check=True,
        timeout=120,
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("environment", CACHES, indirect=True)
def test_a_publish_in_another_process_reaches_the_next_request(
    careers_page, make_posting, environment, tmp_path
):
    organiser = make_posting(title="Regional organiser", closes_in_days=5)
    draft = make_posting(title="Treasurer", closes_in_days=9, publish=False)
    environment = environment()
    site = Site(environment, tmp_path / "site.log")
    try:
        listing, feed = careers_page.url, careers_page.url + "feed/json/"
        first = site.get(listing)
        assert first["titles"] == ["Regional organiser"]
        again = site.get(listing)
        assert again["titles"] == ["Regional organiser"]
        assert site.get(feed)["titles"] == ["Regional organiser"]
        if environment["CAREERS_TEST_CACHES"].count("FileBasedCache"):
            assert again["queries"] < first["queries"], "a shared cache serves the listing"

        publish_in_another_process(
            environment, [[organiser.pk, "Regional organiser, renamed"], [draft.pk, None]]
        )

        expected = ["Regional organiser, renamed", "Treasurer"]
        assert site.get(listing)["titles"] == expected
        assert site.get(feed)["titles"] == expected
    finally:
        site.stop()
