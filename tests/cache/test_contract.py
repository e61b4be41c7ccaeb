"""The one contract of what is cached (careers.cache.Entry, Cacheable) and the template tag that
keeps rendered parts, built on Wagtail's WagtailCacheNode: previews are never cached."""

import datetime

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone
from wagtail.templatetags.wagtail_cache import WagtailCacheNode

from careers import cache
from careers.listing import PostingListing
from careers.models import JobPostingPage
from careers.open_positions import OpenPositions
from careers.templatetags.careers_tags import CareersCacheNode

pytestmark = pytest.mark.django_db

TEMPLATE = Template(
    '{% load careers_tags %}{% careers_cache thing "part" %}{{ n }}{% endcareers_cache %}'
)


class Counted:
    """A Cacheable whose part is cached under one key, forever."""

    def __init__(self):
        self.asked = 0

    def cache_entry(self, name, request):
        self.asked += 1
        return cache.Entry(parts=["counted", name])


@pytest.fixture(autouse=True)
def long_lived_cache(shared_cache, settings):
    settings.CAREERS_CACHE_TIMEOUT = 600


def render(thing, n, request):
    return TEMPLATE.render(Context({"thing": thing, "n": n, "request": request}))


def test_the_tag_builds_on_wagtails_cache_node():
    assert issubclass(CareersCacheNode, WagtailCacheNode)


def test_the_listing_posting_and_open_positions_are_cacheable():
    for cls in (PostingListing, JobPostingPage, OpenPositions):
        assert issubclass(cls, cache.Cacheable), cls
        assert not hasattr(cls, "careers_fragment_key")


def test_a_part_is_kept_under_its_entry(site_root):
    request = RequestFactory().get("/")
    thing = Counted()
    assert render(thing, 1, request) == "1"
    assert render(thing, 2, request) == "1"
    assert thing.asked == 2


def test_previews_are_never_cached(site_root):
    request = RequestFactory().get("/")
    request.is_preview = True
    thing = Counted()
    assert render(thing, 1, request) == "1"
    assert render(thing, 2, request) == "2"
    assert thing.asked == 0, "a preview does not even ask for a key"
    # Nor is a preview served what a visitor's request cached.
    visitor = RequestFactory().get("/")
    assert render(thing, 3, visitor) == "3"
    assert render(thing, 4, request) == "4"


def test_without_a_request_nothing_is_cached(site_root):
    thing = Counted()
    assert TEMPLATE.render(Context({"thing": thing, "n": 1})) == "1"
    assert TEMPLATE.render(Context({"thing": thing, "n": 2})) == "2"


def test_the_site_is_part_of_the_key(site_root):
    from wagtail.models import Site

    Site.objects.create(hostname="other.example.org", root_page=site_root)
    thing = Counted()
    assert render(thing, 1, RequestFactory().get("/")) == "1"
    assert render(thing, 2, RequestFactory().get("/", HTTP_HOST="other.example.org")) == "2"


def test_an_object_without_the_contract_is_refused(site_root):
    with pytest.raises(TypeError, match="cache_entry"):
        render(object(), 1, RequestFactory().get("/"))


def test_an_entry_is_kept_until_it_stops_being_valid(site_root):
    soon = timezone.now() + datetime.timedelta(seconds=30)
    entry = cache.Entry(parts=["soon"], valid_until=lambda: soon)
    assert cache.cached_entry(entry, lambda: "first") == "first"
    assert cache.cached_entry(entry, lambda: "second") == "first"
    import time_machine

    with time_machine.travel(soon + datetime.timedelta(seconds=1)):
        assert cache.cached_entry(entry, lambda: "third") == "third"


def test_the_open_positions_tag_keeps_its_cards(careers_page, make_posting):
    """The inclusion tag's template has a context of its own: the request reaches the cache tag."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_posting(title="Organiser")
    template = Template("{% load careers_tags %}{% careers_open_positions limit=3 %}")
    request = RequestFactory().get("/")
    for expected in (1, 0):
        with CaptureQueriesContext(connection) as context:
            html = template.render(Context({"request": request}))
        assert "Organiser" in html
        cards = [q for q in context.captured_queries if '"careers_listingentry"."card"' in q["sql"]]
        assert len(cards) == expected
