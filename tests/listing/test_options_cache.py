"""The listing's cached filter options follow publishing, unpublishing, privacy and closing."""

import datetime
from unittest import mock

import pytest
import time_machine
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from careers.listing.request import RowsPaginator
from careers.models import Organisation
from tests.listing.test_filters import options
from tests.listing.test_listing_page import count_text

pytestmark = pytest.mark.django_db

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture(autouse=True)
def long_lived_cache(shared_cache, settings):
    settings.CAREERS_CACHE_TIMEOUT = 600


def workplaces(client, careers_page):
    return options(client.get(careers_page.url), "workplace")


def facts_queries(client, url):
    """The queries that read every posting's facts to work out the options: the facet values of
    the listing index's rows, grouped."""
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    return [
        q for q in context.captured_queries if '"facets_key"' in q["sql"] and "GROUP BY" in q["sql"]
    ]


def test_options_are_served_from_the_cache(client, careers_page, make_posting, settings):
    make_posting(workplace_type="hybrid")
    assert len(facts_queries(client, careers_page.url)) == 1
    assert facts_queries(client, careers_page.url) == []
    assert len(facts_queries(client, careers_page.url + "?status=closed")) == 1
    assert facts_queries(client, careers_page.url + "?status=closed") == []
    settings.CAREERS_CACHE_TIMEOUT = 0
    assert len(facts_queries(client, careers_page.url)) == 1


def test_a_per_process_cache_keeps_nothing_between_requests(
    client, careers_page, make_posting, settings
):
    """Django's default local-memory cache is one per process: what it kept would miss a change
    made in another process (tests/processes), so the app works everything out afresh."""
    settings.CACHES = LOCMEM
    make_posting(workplace_type="hybrid")
    assert len(facts_queries(client, careers_page.url)) == 1
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


def count_queries(client, url, searched_ids=False):
    """The count a listing shows, and how many queries counted its rows (with
    ``searched_ids``, also those that read the ids of a keyword search's rows to count them: on
    PostgreSQL's database backend, the search's own statement, whose matches are the rows)."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    reads_ids = (
        'SELECT "careers_listingentry"."id" AS "pk" FROM',
        'SELECT "careers_listingentry"."page_id" AS "page_id" FROM "careers_listingentry"',
    )
    counts = [
        q
        for q in context.captured_queries
        if "COUNT(*)" in q["sql"] or (searched_ids and q["sql"].startswith(reads_ids))
    ]
    return count_text(response), len(counts)


def test_counts_are_cached_and_follow_publishing_and_closing(
    client, careers_page, make_posting, settings
):
    settings.CAREERS_CACHE_TIMEOUT = 60 * 60 * 24 * 30
    make_posting(workplace_type="hybrid", closes_in_days=2)
    make_posting(workplace_type="on_site", closes_in_days=20)
    url = careers_page.url + "?workplace=hybrid"
    # Filters on facet values are counted from the options' groups of postings, and no filter
    # from the options' total: no COUNT of their own, cached or not.
    assert count_queries(client, url) == ("1 open position", 0)
    assert count_queries(client, url) == ("1 open position", 0)
    assert count_queries(client, careers_page.url) == ("2 open positions", 0)
    make_posting(workplace_type="hybrid", closes_in_days=9)
    assert count_queries(client, url) == ("2 open positions", 0)
    assert count_queries(client, careers_page.url) == ("3 open positions", 0)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=4)):
        assert count_queries(client, url) == ("1 open position", 0)
        assert count_queries(client, careers_page.url) == ("2 open positions", 0)


def test_keyword_search_counts_are_cached_for_a_short_while(
    client, careers_page, make_posting, settings
):
    settings.CAREERS_SEARCH_CACHE_TIMEOUT = 60
    make_posting(title="Organiser")
    url = careers_page.url + "?q=organiser"
    # A search's rows are counted by reading their ids (PostingListing.searched_ids).
    assert count_queries(client, url, searched_ids=True) == ("1 open position", 1)
    assert count_queries(client, url, searched_ids=True) == ("1 open position", 0)
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=61)):
        assert count_queries(client, url, searched_ids=True) == ("1 open position", 1)


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
    # The same pages on a second Site: the feed names the address of the Site it is read on.
    Site.objects.create(hostname="careers.example.org", root_page=careers_page.get_parent())
    client.get(url)
    data = json.loads(client.get(url, HTTP_HOST="careers.example.org").content)
    assert data["feed_url"] == "http://careers.example.org/careers/feed/json/"
    data = json.loads(client.get(url, HTTP_HOST="elsewhere.example.org").content)
    assert data["feed_url"] == "http://testserver/careers/feed/json/"
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


def posting_queries(client, url):
    """The page's HTML, and how many queries read posting rows for the cards."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(card_queries(context))


def card_queries(context):
    """The queries that read the cards (one per rendering of the cards): the listing index's
    rows of the postings shown, with their ``card``."""
    return [q for q in context.captured_queries if '"careers_listingentry"."card"' in q["sql"]]


def test_rendered_filters_and_cards_are_served_from_the_cache(
    client, careers_page, make_posting, settings
):
    make_posting(title="Organiser", workplace_type="hybrid")
    first, card_queries = posting_queries(client, careers_page.url)
    assert card_queries == 1
    again, card_queries = posting_queries(client, careers_page.url)
    assert card_queries == 0
    assert again == first
    # A keyword search's cards are kept as long as its matches.
    settings.CAREERS_SEARCH_CACHE_TIMEOUT = 60
    assert posting_queries(client, careers_page.url + "?q=organiser")[1] == 1
    assert posting_queries(client, careers_page.url + "?q=organiser")[1] == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=61)):
        assert posting_queries(client, careers_page.url + "?q=organiser")[1] == 1


def test_cached_fragments_follow_filters_pages_and_ignored_filters(
    client, careers_page, make_posting
):
    careers_page.page_size = 1
    careers_page.save_revision().publish()
    make_posting(title="Alpha role", workplace_type="hybrid", closes_in_days=5)
    make_posting(title="Bravo role", workplace_type="hybrid", closes_in_days=15)
    make_posting(title="Charlie role", workplace_type="on_site", closes_in_days=25)
    notice = "not understood"
    for _round in range(2):  # the second round is served from the cache
        html = client.get(careers_page.url).content.decode()
        assert "Alpha role" in html and "Bravo role" not in html and notice not in html
        html = client.get(careers_page.url + "?page=2").content.decode()
        assert "Bravo role" in html and "Alpha role" not in html
        html = client.get(careers_page.url + "?workplace=on_site").content.decode()
        assert "Charlie role" in html and "Alpha role" not in html
        html = client.get(careers_page.url + "?workplace=moon").content.decode()
        assert "Alpha role" in html and notice in html


def test_cards_follow_closing_soon_and_closing(client, careers_page, make_posting, settings):
    settings.CAREERS_CACHE_TIMEOUT = 60 * 60 * 24 * 30  # longer than the waits
    settings.CAREERS_CLOSING_SOON_DAYS = 7
    make_posting(title="Ten days", closes_in_days=10)
    make_posting(title="Twenty days", closes_in_days=20)
    html = client.get(careers_page.url).content.decode()
    assert "Ten days" in html and "careers-tag--soon" not in html
    now = timezone.now()
    with time_machine.travel(now + datetime.timedelta(days=4)):
        html = client.get(careers_page.url).content.decode()
        assert html.count("careers-tag--soon") == 1
    with time_machine.travel(now + datetime.timedelta(days=11)):
        html = client.get(careers_page.url).content.decode()
        assert "Ten days" not in html and "Twenty days" in html


def test_previews_of_a_listing_are_not_cached(rf, careers_page, make_posting):
    make_posting(title="Organiser")
    careers_page.title = "Draft title"
    for _round in range(2):
        with CaptureQueriesContext(connection) as context:
            response = careers_page.make_preview_request(rf.get(careers_page.url))
        assert "Draft title" in response.rendered_content
        assert len(card_queries(context)) == 1


def test_keyword_search_matches_are_cached_for_a_short_while(
    client, careers_page, make_posting, settings, monkeypatch
):
    from careers.visibility import PostingQuery

    settings.CAREERS_SEARCH_CACHE_TIMEOUT = 60
    searches = []
    search = PostingQuery._search
    monkeypatch.setattr(
        PostingQuery, "_search", lambda self, *a, **kw: searches.append(a) or search(self, *a, **kw)
    )
    make_posting(title="Organiser")
    url = careers_page.url + "?q=organiser"
    assert count_text(client.get(url)) == "1 open position"
    assert count_text(client.get(url)) == "1 open position"
    assert len(searches) == 1
    # Publishing renews the cache's generation: the new posting is found at once.
    make_posting(title="Organiser too")
    assert count_text(client.get(url)) == "2 open positions"
    assert len(searches) == 2
    # Without a publish (a search index updated later), the matches are searched again after
    # CAREERS_SEARCH_CACHE_TIMEOUT.
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=30)):
        client.get(url)
        assert len(searches) == 2
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=61)):
        client.get(url)
        assert len(searches) == 3


def test_a_change_renews_the_cache_again_when_it_is_committed(
    careers_page, make_posting, django_capture_on_commit_callbacks
):
    from careers import cache

    posting = make_posting(title="Organiser")
    before = cache.generation()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        posting.save_revision().publish()
    published = cache.generation()
    assert published != before
    for callback in callbacks:
        callback()
    assert cache.generation() != published


def block_html(careers_page, rf, limit=2):
    from careers.blocks import OpenPositionsBlock

    block = OpenPositionsBlock()
    value = block.to_python({"listing_page": careers_page.pk, "limit": limit})
    with CaptureQueriesContext(connection) as context:
        html = str(block.render(value, context={"request": rf.get("/")}))
    return html, len(card_queries(context))


def test_open_positions_cards_are_cached_and_follow_publishing_and_time(
    careers_page, make_posting, rf, settings
):
    settings.CAREERS_CACHE_TIMEOUT = 60 * 60 * 24 * 30  # longer than the waits
    settings.CAREERS_CLOSING_SOON_DAYS = 7
    make_posting(title="Alpha role", closes_in_days=10)
    make_posting(title="Bravo role", closes_in_days=20)
    make_posting(title="Charlie role", closes_in_days=30)
    html, queries = block_html(careers_page, rf)
    assert queries == 1 and "Alpha role" in html and "Charlie role" not in html
    assert "careers-tag--soon" not in html
    again, queries = block_html(careers_page, rf)
    assert queries == 0
    assert again.replace(_block_id(again), "id") == html.replace(_block_id(html), "id")
    # A different number of cards is another entry.
    assert "Charlie role" in block_html(careers_page, rf, limit=3)[0]
    now = timezone.now()
    with time_machine.travel(now + datetime.timedelta(days=4)):  # Alpha starts closing soon
        assert block_html(careers_page, rf)[0].count("careers-tag--soon") == 1
    with time_machine.travel(now + datetime.timedelta(days=11)):  # Alpha closes
        html = block_html(careers_page, rf)[0]
        assert "Alpha role" not in html and "Charlie role" in html
    make_posting(title="Delta role", closes_in_days=1)
    assert "Delta role" in block_html(careers_page, rf)[0]


def _block_id(html):
    import re

    return re.search(r'id="(careers-open-positions-[0-9a-f]+)-heading"', html).group(1)


def test_a_keyword_search_feed_is_cached_for_a_short_while(
    client, careers_page, make_posting, settings
):
    settings.CAREERS_SEARCH_CACHE_TIMEOUT = 60
    make_posting(title="Organiser")
    url = careers_page.url + "feed/rss/?q=organiser"
    titles, first_queries, _feed = feed_titles(client, url)
    assert titles == ["Organiser"]
    cached_queries = feed_titles(client, url)[1]
    assert cached_queries < first_queries
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=61)):
        assert feed_titles(client, url)[1] > cached_queries


def test_the_cache_tag_says_how_it_is_used_and_renders_what_it_cannot_key():
    from django.template import Context, Template, TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError, match="takes a listing or posting and a name"):
        Template("{% load careers_tags %}{% careers_cache listing %}{% endcareers_cache %}")
    template = Template(
        '{% load careers_tags %}{% careers_cache thing "x" %}{{ n }}{% endcareers_cache %}'
    )
    assert template.render(Context({"thing": None, "n": 1})) == "1"
    assert template.render(Context({"thing": None, "n": 2})) == "2"


def organisation_queries(client, url):
    """The queries that read a listing page's organisations."""
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    return [q for q in context.captured_queries if "careers_listingorganisation" in q["sql"]]


def test_a_listing_from_the_cache_does_not_read_its_organisations(
    client, careers_page, make_posting, organisation
):
    """What is cached for a served listing is kept under its page's id, so a request answered
    from the cache does not read the organisations it lists; a change of them (publish, or a
    link saved or deleted) drops the cache."""
    from careers.models import ListingOrganisation
    from tests.listing.test_listing_page import titles

    other = Organisation.objects.create(name="Waste Pickers Alliance")
    make_posting(title="Federation post", organisations=[organisation])
    make_posting(title="Alliance post", organisations=[other])
    assert len(organisation_queries(client, careers_page.url)) == 1
    assert organisation_queries(client, careers_page.url) == []
    ListingOrganisation.objects.create(page=careers_page, organisation=other)
    assert titles(client.get(careers_page.url)) == ["Alliance post"]
    ListingOrganisation.objects.filter(page=careers_page).delete()
    assert sorted(titles(client.get(careers_page.url))) == ["Alliance post", "Federation post"]


def round_trips(client, url):
    """The reads a request makes of the default cache, each a round trip to a cache server
    (``get`` or ``get_many``; the file cache's ``get_many`` reads with ``get``)."""
    from django.core.cache import caches

    backend = type(caches["default"])
    get, get_many = backend.get, backend.get_many
    reads, depth = [], []

    def counted(method):
        def read(self, keys, *args, **kwargs):
            if not depth:
                reads.append(keys)
            depth.append(1)
            try:
                return method(self, keys, *args, **kwargs)
            finally:
                depth.pop()

        return read

    with (
        mock.patch.object(backend, "get", counted(get)),
        mock.patch.object(backend, "get_many", counted(get_many)),
    ):
        response = client.get(url)
    assert response.status_code == 200
    return reads


@pytest.mark.parametrize("query", ["", "?region=africa", "?page=2&sort=newest", "?q=organiser"])
def test_a_listing_from_the_cache_reads_it_in_three_round_trips(
    client, careers_page, make_posting, settings, query
):
    """Served from the cache, a listing reads its options and language versions in one round
    trip (``cache.prefetch``), its two rendered parts in another, and Wagtail's root paths in
    a third; and neither counts its postings nor makes its form for the first page."""
    settings.CAREERS_PAGE_SIZE = 1
    for title, region in [("Organiser, Africa", "africa"), ("Organiser, Asia", "asia_pacific")]:
        make_posting(title=title, workplace_type="home_based", applicant_regions=[region])
    url = careers_page.url + query
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        reads = round_trips(client, url)
    assert len(reads) == 3, reads
    tables = ("careers_listing", "careers_organisation", "careers_jobposting")
    assert not [q for q in context.captured_queries if any(t in q["sql"] for t in tables)]


@pytest.mark.parametrize("number", ["1", 1, None, "", "two", "1.5"])
def test_the_paginator_reads_a_first_page_number_without_counting(number):
    """The first page (asked for, or given for a number that is not one) needs no count: Django
    6's paginator counts its rows before it reads the number, and ``page=1`` always did."""

    def count():
        raise AssertionError("counted")

    paginator = RowsPaginator(list, 10, count=count)
    if number in ("1", 1):
        assert paginator.validate_number(number) == 1
    else:
        with pytest.raises(PageNotAnInteger):
            paginator.validate_number(number)


def test_the_paginator_counts_for_a_later_page():
    paginator = RowsPaginator(list, 10, count=lambda: 15)
    assert paginator.validate_number("2") == 2
    with pytest.raises(EmptyPage):
        paginator.validate_number("3")
    with pytest.raises(EmptyPage):
        paginator.validate_number("0")
