"""Server time and SQL queries of each page, against a bare Wagtail page measured in the same run.

Each request goes through Django's test client (the whole middleware stack, URL routing, Wagtail's
page serving and template rendering, no network). Time is wall-clock per request.

Pages named "…, after a publish" are measured cold: before each of their requests (untimed) the
app's cache generation is renewed, as a publish does, so nothing the app cached is reused.

The pages are timed in rounds, each requesting every page once, rather than one page after
another: on a shared machine whose load changes during the run, the bare page is slowed as much
as the pages compared with it.
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


def _prepare(cold):
    if cold:
        cache.new_generation()


def _count(url, client, cold):
    for _ in range(3):  # warm up: caches, template loading, connections
        _prepare(cold)
        response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200, (url, response.status_code)
    queries = []
    _prepare(cold)
    with connection.execute_wrapper(
        lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)
    ):
        client.get(url, HTTP_HOST=HOST)
    return {"url": url, "queries": len(queries), "bytes": len(response.content)}


def _timed(url, client, cold):
    _prepare(cold)
    started = time.perf_counter()
    client.get(url, HTTP_HOST=HOST)
    return (time.perf_counter() - started) * 1000


def _summary(times):
    times = sorted(times)
    return {
        "median_ms": statistics.median(times),
        "p95_ms": times[max(0, int(len(times) * 0.95) - 1)],
    }


def _rounds(pages, repeat, client):
    """Time ``pages`` (name, url, cold) in ``repeat`` rounds, each requesting every page once:
    a machine whose load changes during the run slows every page alike, so the ratios to the
    bare page, measured in the same rounds, hold."""
    times = {name: [] for name, _url, _cold in pages}
    for _ in range(repeat):
        for name, url, cold in pages:
            times[name].append(_timed(url, client, cold))
    return {name: _summary(values) for name, values in times.items()}


def run(repeat=50):
    """Every page's queries, then their times in interleaved rounds: the pages served from the
    cache with the bare page, then the "after a publish" pages with the bare page (each of their
    requests renews the cache generation, which would make the others cold too)."""
    client = Client()
    pages = [(name, url, name.endswith("after a publish")) for name, url in targets()]
    counted = {name: _count(url, client, cold) for name, url, cold in pages}
    bare = pages[0]
    warm = _rounds([page for page in pages if not page[2]], repeat, client)
    cold = _rounds([bare] + [page for page in pages if page[2]], repeat, client)
    results = []
    for name, _url, is_cold in pages:
        timing = cold[name] if is_cold else warm[name]
        baseline = cold[bare[0]] if is_cold else warm[bare[0]]
        results.append(
            {
                "name": name,
                **counted[name],
                **timing,
                "ratio": timing["median_ms"] / baseline["median_ms"],
            }
        )
    for result in results:
        result["extra_queries"] = result["queries"] - results[0]["queries"]
    return results
