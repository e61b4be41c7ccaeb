"""How the feeds are written: the work per entry is the entry's own, whatever the feed's length.

Django's syndication framework looks each attribute of the feed up and inspects it anew for
every entry, and writes the document into the response a piece at a time; the careers feeds
look each attribute up once per feed, translate the deadline's wording and the categories once,
and give the response the whole document. What a site's subclass of the feed classes says is
read as Django reads it.
"""

import functools
import xml.etree.ElementTree as ET
from unittest import mock

import django.contrib.syndication.views
import feedparser
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models.base import Model
from django.http import HttpResponse
from django.test import RequestFactory

from careers.listing import feeds
from careers.listing.feeds import PostingsAtomFeed, PostingsRssFeed
from careers.visibility import PostingQuery

ROUTES = ("feed/rss/", "feed/atom/", "feed/json/")


def counting(monkeypatch, module, name, counts):
    """Count the calls of ``module.name`` (where it exists) in ``counts[name]``."""
    original = getattr(module, name, None)
    if original is None:
        return

    @functools.wraps(original)
    def count(*args, **kwargs):
        counts[name] = counts.get(name, 0) + 1
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, count)


def work(client, monkeypatch, url):
    """How many attribute inspections and translations of the deadline's wording ``url`` costs."""
    counts = {}
    with monkeypatch.context() as patched:
        for module in (django.contrib.syndication.views, feeds):
            counting(patched, module, "unwrap", counts)
        counting(patched, feeds, "_", counts)
        response = client.get(url)
    assert response.status_code == 200
    return counts


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES)
def test_a_feed_does_the_same_work_for_one_entry_as_for_six(
    client, careers_page, make_posting, monkeypatch, route
):
    make_posting(closes_in_days=3)
    one = work(client, monkeypatch, careers_page.url + route)
    for days in range(4, 9):
        make_posting(closes_in_days=days, employment_type="consultancy")
    six = work(client, monkeypatch, careers_page.url + route)
    assert six == one


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES[:2])
def test_a_feed_is_given_to_its_response_whole(client, careers_page, make_posting, route):
    for days in (3, 4, 5):
        make_posting(closes_in_days=days)
    with mock.patch.object(HttpResponse, "write", wraps=None) as write:
        response = client.get(careers_page.url + route)
    assert response.status_code == 200
    assert write.call_count == 0
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0
    assert len(parsed.entries) == 3
    assert response["Last-Modified"]


def without_wraps(function):
    def decorated(*args):
        return function(*args)

    return decorated


class SiteRssFeed(PostingsRssFeed):
    """A site's feed, saying things the way Django's syndication framework lets it."""

    ttl = 60  # a value

    def item_comments(self):  # no argument
        return "https://example.org/comments/"

    item_copyright = "CC BY 4.0"

    def item_guid_is_permalink(self, item):
        return False

    @functools.wraps(PostingsRssFeed.item_author_name)
    def item_author_name(self, item):
        return "By " + super().item_author_name(item)


class SiteAtomFeed(SiteRssFeed, PostingsAtomFeed):
    pass


class BadlyDecoratedFeed(PostingsRssFeed):
    item_copyright = without_wraps(lambda self, item: "CC BY 4.0")


def render(feed_class, careers_page):
    request = RequestFactory().get(careers_page.url + "feed/rss/")
    return feed_class(careers_page)(request)


@pytest.mark.django_db
def test_a_subclass_is_read_as_djangos_feeds_read_it(careers_page, make_posting):
    make_posting(title="Organiser", closes_in_days=3)
    make_posting(title="Coordinator", closes_in_days=4)
    channel = ET.fromstring(render(SiteRssFeed, careers_page).content).find("channel")
    assert channel.findtext("ttl") == "60"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Organiser", "Coordinator"]
    for item in items:
        assert item.findtext("comments") == "https://example.org/comments/"
        assert item.find("guid").get("isPermaLink") == "false"
    parsed = feedparser.parse(render(SiteAtomFeed, careers_page).content)
    assert [entry.author for entry in parsed.entries] == ["By Home Workers Federation"] * 2
    assert [entry.rights for entry in parsed.entries] == ["CC BY 4.0"] * 2
    with pytest.raises(ImproperlyConfigured, match="functools.wraps"):
        render(BadlyDecoratedFeed, careers_page)


@pytest.mark.django_db
def test_cards_from_the_index_make_their_locations_as_read(careers_page, make_posting):
    """A location on a card is made as the database would give it, without its model's
    ``__init__`` (which draws a translation key for each)."""
    make_posting(title="Mexico", country="MX", closes_in_days=3)
    make_posting(title="Kenya", country="KE", closes_in_days=4)
    query = PostingQuery.for_index_page(careers_page)
    entries = query.open_entries().order_by("closes_at")
    with mock.patch.object(Model, "__init__", autospec=True, side_effect=Model.__init__) as init:
        postings = query.pages_for(entries, cards=True)
        made = [type(instance).__name__ for (instance, *_rest), _kw in init.call_args_list]
    assert "PostingLocation" not in made
    locations = [posting.location_list for posting in postings]
    assert [[(place.city, place.country.code) for place in places] for places in locations] == [
        [("City", "MX")],
        [("City", "KE")],
    ]
    assert [str(places[0]) for places in locations] == ["City, Mexico", "City, Kenya"]
    assert all(place.pk is None for places in locations for place in places)
