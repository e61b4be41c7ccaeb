"""The listing's cached filter options follow publishing, unpublishing, privacy and closing."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from careers.models import Organisation
from tests.listing.test_filters import options
from tests.listing.test_listing_page import count_text

pytestmark = pytest.mark.django_db

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture(autouse=True)
def local_memory_cache(settings):
    settings.CACHES = LOCMEM
    settings.CAREERS_CACHE_TIMEOUT = 600


def workplaces(client, careers_page):
    return options(client.get(careers_page.url), "workplace")


def facts_queries(client, url):
    """The queries that read every posting's facts to work out the options."""
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    return [q for q in context.captured_queries if 'AS "workplace_type"' in q["sql"]]


def test_options_are_served_from_the_cache(client, careers_page, make_posting, settings):
    make_posting(workplace_type="hybrid")
    assert len(facts_queries(client, careers_page.url)) == 1
    assert facts_queries(client, careers_page.url) == []
    assert len(facts_queries(client, careers_page.url + "?status=closed")) == 1
    assert facts_queries(client, careers_page.url + "?status=closed") == []
    settings.CAREERS_CACHE_TIMEOUT = 0
    assert len(facts_queries(client, careers_page.url)) == 1


def test_publishing_a_posting_adds_its_options(client, careers_page, make_posting):
    make_posting(workplace_type="on_site")
    assert workplaces(client, careers_page) == ["on_site"]
    make_posting(workplace_type="home_based")
    assert workplaces(client, careers_page) == ["on_site", "home_based"]


def test_unpublishing_a_posting_removes_its_options(client, careers_page, make_posting):
    make_posting(workplace_type="on_site")
    hybrid = make_posting(workplace_type="hybrid")
    assert workplaces(client, careers_page) == ["on_site", "hybrid"]
    hybrid.unpublish()
    assert workplaces(client, careers_page) == ["on_site"]


def test_deleting_a_posting_removes_its_options(client, careers_page, make_posting):
    make_posting(workplace_type="on_site")
    hybrid = make_posting(workplace_type="hybrid")
    assert workplaces(client, careers_page) == ["on_site", "hybrid"]
    hybrid.delete()
    assert workplaces(client, careers_page) == ["on_site"]


def test_making_a_posting_private_removes_its_options(client, careers_page, make_posting):
    make_posting(workplace_type="on_site")
    hybrid = make_posting(workplace_type="hybrid")
    assert workplaces(client, careers_page) == ["on_site", "hybrid"]
    PageViewRestriction.objects.create(page=hybrid, restriction_type="login")
    assert workplaces(client, careers_page) == ["on_site"]


def test_renaming_an_organisation_renames_its_option(client, careers_page, make_posting):
    organisation = Organisation.objects.create(name="Old name")
    make_posting(organisations=[organisation])
    assert "Old name" in client.get(careers_page.url).content.decode()
    organisation.name = "New name"
    organisation.save()
    response = client.get(careers_page.url).content.decode()
    assert "New name" in response and "Old name" not in response


def test_options_of_a_closed_posting_go_when_it_closes(
    client, careers_page, make_posting, settings
):
    settings.CAREERS_CACHE_TIMEOUT = 60 * 60 * 24 * 30  # longer than the wait: closing decides
    make_posting(workplace_type="on_site", closes_in_days=30)
    make_posting(workplace_type="hybrid", closes_in_days=2)
    assert workplaces(client, careers_page) == ["on_site", "hybrid"]
    with time_machine.travel(timezone.now() + datetime.timedelta(days=4)):
        assert workplaces(client, careers_page) == ["on_site"]


def closed_workplaces(client, careers_page):
    return options(client.get(careers_page.url + "?status=closed"), "workplace")


def test_recently_closed_options_follow_closing(client, careers_page, make_posting, settings):
    settings.CAREERS_CACHE_TIMEOUT = 60 * 60 * 24 * 365  # longer than the waits
    settings.CAREERS_RECENTLY_CLOSED_DAYS = 10
    make_posting(workplace_type="on_site", closes_in_days=-2)
    make_posting(workplace_type="hybrid", closes_in_days=3)
    assert closed_workplaces(client, careers_page) == ["on_site"]
    now = timezone.now()
    # The hybrid posting closes: its options join the recently closed ones.
    with time_machine.travel(now + datetime.timedelta(days=4)):
        assert closed_workplaces(client, careers_page) == ["on_site", "hybrid"]
    # The on-site posting leaves the window, ten days after it closed.
    with time_machine.travel(now + datetime.timedelta(days=9)):
        assert closed_workplaces(client, careers_page) == ["hybrid"]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    counts = [q for q in context.captured_queries if "COUNT(*)" in q["sql"]]
    return count_text(response), len(counts)


def test_counts_are_cached_and_follow_publishing_and_closing(
    client, careers_page, make_posting, settings
):
    settings.CAREERS_CACHE_TIMEOUT = 60 * 60 * 24 * 30
    make_posting(workplace_type="hybrid", closes_in_days=2)
    make_posting(workplace_type="on_site", closes_in_days=20)
    url = careers_page.url + "?workplace=hybrid"
    assert count_queries(client, url) == ("1 open position", 1)
    assert count_queries(client, url) == ("1 open position", 0)
    assert count_queries(client, careers_page.url) == ("2 open positions", 1)
    make_posting(workplace_type="hybrid", closes_in_days=9)
    assert count_queries(client, url) == ("2 open positions", 1)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=4)):
        assert count_queries(client, url) == ("1 open position", 1)
        assert count_queries(client, careers_page.url) == ("2 open positions", 1)


def test_keyword_search_counts_are_not_cached(client, careers_page, make_posting):
    make_posting(title="Organiser")
    url = careers_page.url + "?q=organiser"
    assert count_queries(client, url) == ("1 open position", 1)
    assert count_queries(client, url) == ("1 open position", 1)


def feed_titles(client, url, **extra):
    import feedparser

    with CaptureQueriesContext(connection) as context:
        response = client.get(url, **extra)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    return [entry.title for entry in feed.entries], len(context.captured_queries), feed


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_are_cached_and_follow_publishing_and_closing(
    client, careers_page, make_posting, settings, kind
):
    settings.CAREERS_CACHE_TIMEOUT = 60 * 60 * 24 * 30
    make_posting(title="Soon", closes_in_days=2)
    url = careers_page.url + f"feed/{kind}/"
    titles, first_queries, _feed = feed_titles(client, url)
    assert titles == ["Soon"]
    titles, cached_queries, _feed = feed_titles(client, url)
    assert titles == ["Soon"]
    assert cached_queries < first_queries
    later = make_posting(title="Later", closes_in_days=9)
    assert feed_titles(client, url)[0] == ["Soon", "Later"]
    later.unpublish()
    assert feed_titles(client, url)[0] == ["Soon"]
    with time_machine.travel(timezone.now() + datetime.timedelta(days=4)):
        assert feed_titles(client, url)[0] == []


def test_json_feed_is_cached_per_host_and_filter(client, careers_page, make_posting):
    import json

    make_posting(title="Hybrid", workplace_type="hybrid")
    make_posting(title="On site", workplace_type="on_site")
    url = careers_page.url + "feed/json/"
    client.get(url)
    # The feed's own address is built from the request's host.
    data = json.loads(client.get(url, HTTP_HOST="careers.example.org").content)
    assert data["feed_url"] == "http://careers.example.org/careers/feed/json/"
    data = json.loads(client.get(url + "?workplace=hybrid").content)
    assert [item["title"] for item in data["items"]] == ["Hybrid"]
    assert data["feed_url"] == "http://testserver/careers/feed/json/?workplace=hybrid"


def test_without_a_cache_feeds_cost_no_more_than_uncached(
    client, careers_page, make_posting, settings
):
    make_posting(title="Soon")
    url = careers_page.url + "feed/rss/"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with_dummy_cache = feed_titles(client, url)[1]
    settings.CAREERS_CACHE_TIMEOUT = 0
    assert feed_titles(client, url)[1] == with_dummy_cache


def test_timeout_zero_turns_the_cache_off(client, careers_page, make_posting, settings):
    settings.CAREERS_CACHE_TIMEOUT = 0
    make_posting(workplace_type="on_site")
    hybrid = make_posting(workplace_type="hybrid", publish=False, live=True)
    assert workplaces(client, careers_page) == ["on_site", "hybrid"]
    hybrid.live = False
    hybrid.save()  # no publish signal: only an uncached listing sees this at once
    assert workplaces(client, careers_page) == ["on_site"]
