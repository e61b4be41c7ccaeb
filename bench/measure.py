"""Server time and SQL queries of each page, against a bare Wagtail page measured in the same run.

Each request goes through Django's test client (the whole middleware stack, URL routing, Wagtail's
page serving and template rendering, no network). Time is wall-clock per request.

Pages named "…, after a publish" are measured cold: before each of their requests (untimed) the
app's cache generation is renewed, as a publish does, so nothing the app cached is reused.
"""

import statistics
import time

from django.db import connection
from django.test import Client
from django.utils import timezone

from bench.models import BarePage
from careers import cache
from careers.models import CareersIndexPage, JobPostingPage

HOST = "localhost"


def targets():
    """(name, URL) of every measured page; the first is the baseline."""
    bare = BarePage.objects.get(locale__language_code="en")
    careers = CareersIndexPage.objects.get(locale__language_code="en")
    postings = JobPostingPage.objects.live().filter(locale__language_code="en")
    now = timezone.now()
    open_posting = postings.filter(closes_at__gt=now).order_by("closes_at").first()
    closed_posting = postings.filter(closes_at__lte=now).order_by("-closes_at").first()
    listing = careers.url
    open_count = postings.filter(closes_at__gt=now).count()
    last_page = max(1, -(-open_count // (careers.page_size or 10)))
    return [
        ("bare page (baseline)", bare.url),
        ("listing", listing),
        ("listing, page 2", f"{listing}?page=2"),
        ("listing, last page", f"{listing}?page={last_page}"),
        ("listing, organisation", f"{listing}?organisation={_organisation(careers)}"),
        ("listing, country", f"{listing}?country=MX"),
        ("listing, region", f"{listing}?region=africa"),
        ("listing, workplace", f"{listing}?workplace=home_based"),
        ("listing, employment type", f"{listing}?type=consultancy"),
        ("listing, language", f"{listing}?language=es"),
        ("listing, recently closed", f"{listing}?status=closed"),
        ("listing, newest first", f"{listing}?sort=newest"),
        ("listing, all filters", f"{listing}?workplace=home_based&region=africa&type=consultancy"),
        ("listing, keyword search", f"{listing}?q=organiser"),
        ("listing, after a publish", listing),
        ("listing, keyword search, after a publish", f"{listing}?q=organiser"),
        ("listing, Spanish", CareersIndexPage.objects.get(locale__language_code="es").url),
        ("posting, open", open_posting.url),
        ("posting, closed", closed_posting.url),
        ("posting, open, after a publish", open_posting.url),
        ("posting, .ics", open_posting.url + open_posting.reverse_subpage("deadline_ics")),
        ("feed, RSS", listing + careers.reverse_subpage("feed_rss")),
        ("feed, Atom", listing + careers.reverse_subpage("feed_atom")),
        ("feed, JSON", listing + careers.reverse_subpage("feed_json")),
        ("home page with open positions block", "/"),
    ]


def _organisation(careers):
    from careers.models import Organisation

    return Organisation.objects.filter(locale=careers.locale).order_by("pk").first().pk


def measure(url, repeat, client, cold=False):
    def prepare():
        if cold:
            cache.new_generation()

    for _ in range(3):  # warm up: caches, template loading, connections
        prepare()
        response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200, (url, response.status_code)
    queries = []
    prepare()
    with connection.execute_wrapper(
        lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)
    ):
        client.get(url, HTTP_HOST=HOST)
    times = []
    for _ in range(repeat):
        prepare()
        started = time.perf_counter()
        client.get(url, HTTP_HOST=HOST)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "url": url,
        "queries": len(queries),
        "median_ms": statistics.median(times),
        "p95_ms": times[max(0, int(len(times) * 0.95) - 1)],
        "bytes": len(response.content),
    }


def run(repeat=50):
    client = Client()
    results = []
    for name, url in targets():
        cold = name.endswith("after a publish")
        results.append({"name": name, **measure(url, repeat, client, cold=cold)})
    baseline = results[0]
    for result in results:
        result["ratio"] = result["median_ms"] / baseline["median_ms"]
        result["extra_queries"] = result["queries"] - baseline["queries"]
    return results
