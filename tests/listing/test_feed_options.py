"""Feeds without filters do not count the listing's filter options: they show none, and their
next change (the soonest closing, for ``Cache-Control`` and the cache) is read from two ranges
of the index, the same moment the options give."""

import datetime
import json

import django_filters
import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from careers.listing.filters import PostingFilterSet
from careers.models import Organisation

NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def valid_until(careers_page, query="", with_options=False):
    listing = careers_page.get_listing(RequestFactory().get("/" + query))
    if with_options:
        listing.options  # noqa: B018 - counted first, as the listing page does
    moment = listing.feed_valid_until()
    return moment, "options" in listing.__dict__


def make_closing(make_posting, closing):
    """A posting closing after each of ``closing`` (timedeltas from now; None: open until
    filled); returns now."""
    now = timezone.now()
    for delta in closing:
        if delta is None:
            make_posting(open_until_filled=True, closing_date=None)
        else:
            moment = now + delta
            make_posting(closing_date=moment.date(), closing_time=moment.time())
    return now


@pytest.mark.django_db
@pytest.mark.parametrize(
    "closing",
    [
        [],
        [None],
        [datetime.timedelta(hours=5), datetime.timedelta(days=3), None],
        [datetime.timedelta(days=20), datetime.timedelta(days=9)],
        [datetime.timedelta(days=2), datetime.timedelta(days=30)],
        [datetime.timedelta(days=8), datetime.timedelta(days=7, hours=2)],
    ],
    ids=["none", "until-filled", "soon-and-later", "all-later", "soon-then-late", "edge"],
)
def test_the_next_change_without_the_options_is_the_options_one(
    careers_page, make_posting, closing
):
    now = make_closing(make_posting, closing)
    lazy, counted = valid_until(careers_page)
    assert not counted
    expected, counted = valid_until(careers_page, with_options=True)
    assert counted
    assert lazy == expected
    if closing and closing != [None]:
        assert lazy is not None and lazy > now


CLOSINGS = [
    [],
    [None],
    [datetime.timedelta(hours=5), datetime.timedelta(days=3), None],
    [datetime.timedelta(days=20), datetime.timedelta(days=9)],
    [datetime.timedelta(days=2), datetime.timedelta(days=30)],
    [datetime.timedelta(days=8), datetime.timedelta(days=7, hours=2)],
    [datetime.timedelta(days=1), datetime.timedelta(days=2), datetime.timedelta(days=12)],
    [datetime.timedelta(days=1), None, None],
]


@pytest.mark.django_db
@pytest.mark.parametrize("limit", [1, 50])
@pytest.mark.parametrize("closing", CLOSINGS)
def test_a_feed_tells_its_next_change_from_the_rows_it_shows(
    careers_page, make_posting, settings, closing, limit
):
    """A feed without filters shows the open postings closing soonest first: its next change
    takes the first one's closing time from them, and the first posting to close after the
    "closing soon" window is read with them: no query more, the same moment the options
    give."""
    settings.CAREERS_FEED_LIMIT = limit
    make_closing(make_posting, closing)
    expected, _counted = valid_until(careers_page, with_options=True)
    listing = careers_page.get_listing(RequestFactory().get("/"))
    listing.feed_items(cards=True)
    with CaptureQueriesContext(connection) as context:
        moment = listing.feed_valid_until()
    assert moment == expected
    assert "options" not in listing.__dict__
    assert len(context.captured_queries) == 0


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["?sort=newest", "?country=KE"])
def test_a_chosen_order_or_filter_does_not_tell_the_next_change(careers_page, make_posting, query):
    """Sorted or filtered, a feed's first row is not the first open posting to close."""
    posted = datetime.date(2024, 1, 1)
    make_posting(title="Coordinator, sooner", closes_in_days=2, date_posted=posted)
    make_posting(title="Organiser, later", closes_in_days=20, country="KE")
    expected, _counted = valid_until(careers_page, query, with_options=True)
    listing = careers_page.get_listing(RequestFactory().get("/" + query))
    first = listing.feed_items(cards=True)[0]
    assert first.title == "Organiser, later"
    assert listing.feed_valid_until() == expected


@pytest.mark.django_db
def test_recently_closed_and_filtered_listings_read_the_options(careers_page, make_posting):
    make_posting(closes_in_days=3)
    assert valid_until(careers_page, "?status=closed")[1]
    assert valid_until(careers_page, "?country=MX")[1]


@pytest.mark.django_db
def test_feeds_without_filters_do_not_count_the_options(
    client, careers_page, make_posting, settings
):
    settings.CACHES = NO_CACHE
    make_posting(title="Mexico", closes_in_days=3)
    make_posting(title="Kenya", closes_in_days=20, country="KE")
    for route in ("feed/rss/", "feed/atom/", "feed/json/"):
        with CaptureQueriesContext(connection) as context:
            response = client.get(careers_page.url + route)
        assert response.status_code == 200
        sql = [query["sql"] for query in context.captured_queries]
        assert not any("GROUP BY" in statement for statement in sql), route
        assert not any('FROM "careers_organisation"' in statement for statement in sql), route
        # Filtered, they do (the filter's value is checked against them), and filter.
        response = client.get(careers_page.url + route + "?country=KE")
        assert b"Kenya" in response.content and b"Mexico" not in response.content
        response = client.get(careers_page.url + route + "?organisation=0")
        assert b"Kenya" in response.content and b"Mexico" in response.content
    assert Organisation.objects.count() == 1


@pytest.fixture
def forms_made(monkeypatch):
    """The filter forms made (``PostingFilterSet.form`` read) during a test."""
    made = []
    form = PostingFilterSet.form
    monkeypatch.setattr(
        PostingFilterSet, "form", property(lambda s: made.append(s) or form.fget(s))
    )
    return made


@pytest.mark.django_db
def test_feeds_without_filters_make_no_filter_form(
    client, careers_page, make_posting, settings, forms_made
):
    """The status, the order and the rows of a feed whose address chooses no filter are the
    defaults: its filter form is neither made nor checked."""
    settings.CACHES = NO_CACHE
    make_posting(title="Later", closes_in_days=20)
    make_posting(title="Sooner", closes_in_days=3)
    make_posting(title="Closed", closes_in_days=-3)
    titles = {}
    for route in ("feed/rss/", "feed/atom/", "feed/json/"):
        response = client.get(careers_page.url + route + "?page=1")
        assert response.status_code == 200
        titles[route] = [
            title for title in ("Later", "Sooner", "Closed") if title in response.content.decode()
        ]
    assert forms_made == []
    assert titles["feed/json/"] == titles["feed/rss/"] == titles["feed/atom/"]
    assert set(titles["feed/rss/"]) == {"Later", "Sooner"}
    items = json.loads(client.get(careers_page.url + "feed/json/").content)["items"]
    assert [item["title"] for item in items] == ["Sooner", "Later"]
    # A filter's parameter, even empty or with a value not offered, is checked by the form.
    for query in ("?status=closed", "?country=", "?sort=nonsense"):
        forms_made.clear()
        response = client.get(careers_page.url + "feed/json/" + query)
        assert response.status_code == 200
        assert forms_made, query
    closed = json.loads(client.get(careers_page.url + "feed/json/?status=closed").content)
    assert [item["title"] for item in closed["items"]] == ["Closed"]


class KeptFilter(django_filters.CharFilter):
    """A filter that filters when its parameter is missing too (django-filter's do not)."""

    def filter(self, qs, value):
        return qs.filter(page__title__startswith=value or "Kept")


class WithAFilterOfItsOwn(PostingFilterSet):
    kept = KeptFilter()


class WithItsOwnFilterQueryset(PostingFilterSet):
    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).filter(page__title__startswith="Kept")


@pytest.mark.django_db
@pytest.mark.parametrize("filterset_class", [WithAFilterOfItsOwn, WithItsOwnFilterQueryset])
def test_a_filter_set_of_a_site_s_own_filters_without_parameters(
    client, careers_page, make_posting, monkeypatch, forms_made, filterset_class
):
    """Only the form can tell what a site's own filters do with a missing parameter: they are
    checked and applied as before."""
    monkeypatch.setattr(type(careers_page), "filterset_class", filterset_class)
    make_posting(title="Kept posting")
    make_posting(title="Other posting")
    items = json.loads(client.get(careers_page.url + "feed/json/").content)["items"]
    assert [item["title"] for item in items] == ["Kept posting"]
    assert forms_made


@pytest.mark.django_db
def test_the_page_of_rows_leaves_their_facet_values_unread(
    client, careers_page, make_posting, settings
):
    """The rows' facet values are for filtering and counting the options: the listing and its
    feeds read the rows they show without them."""
    settings.CACHES = NO_CACHE
    make_posting(title="Shown posting")
    for route in ("", "feed/rss/", "feed/atom/", "feed/json/"):
        with CaptureQueriesContext(connection) as context:
            response = client.get(careers_page.url + route)
        assert b"Shown posting" in response.content
        rows = [
            q["sql"]
            for q in context.captured_queries
            if '"careers_listingentry"."card"' in q["sql"]
        ]
        assert rows, route
        assert not any('"careers_listingentry"."facets"' in sql for sql in rows), route
