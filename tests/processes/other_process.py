"""Another process of the test site, for tests of what a change in one process does to the
requests of another.

``python -m tests.processes.other_process serve`` answers each path read from stdin with one
JSON line: the status, the titles of the cards or feed items, and the number of SQL queries.
``python -m tests.processes.other_process publish '[[id, "new title"], [id, null]]'`` publishes
these postings, renamed when a title is given, and exits.

The database comes from ``DATABASE_URL``, the cache configuration from ``CAREERS_TEST_CACHES``.
"""

import json
import os
import sys


def setup():
    import django
    from django.conf import settings

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    settings.CACHES = json.loads(os.environ["CAREERS_TEST_CACHES"])
    django.setup()


def serve():
    from bs4 import BeautifulSoup
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    for line in sys.stdin:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(line.strip())
        if response["Content-Type"].startswith("application/feed+json"):
            titles = [item["title"] for item in json.loads(response.content)["items"]]
        else:
            soup = BeautifulSoup(response.content, "html.parser")
            titles = [a.get_text(strip=True) for a in soup.select(".careers-card__title a")]
        answer = {"status": response.status_code, "titles": titles, "queries": len(queries)}
        print(json.dumps(answer), flush=True)


def publish(changes):
    from careers.models import JobPostingPage

    for pk, title in changes:
        posting = JobPostingPage.objects.get(pk=pk)
        if title is not None:
            posting.title = title
        posting.save_revision().publish()


if __name__ == "__main__":
    setup()
    if sys.argv[1] == "serve":
        serve()
    else:
        publish(json.loads(sys.argv[2]))
