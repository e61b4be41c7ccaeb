"""Responses say how long they stay right: ``Cache-Control: public, max-age=N`` for anonymous
visitors, where N ends at the next closing among what they show, at most CAREERS_CACHE_MAX_AGE;
private and never stored for previews and signed-in editors."""

import datetime

import pytest
import time_machine
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone
from django.utils.cache import get_max_age

from careers import cache

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2030, 5, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def cap(settings):
    settings.CAREERS_CACHE_MAX_AGE = 3600


def directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


# The arithmetic


def test_max_age_ends_when_the_response_stops_being_valid(settings):
    assert cache.max_age(NOW + datetime.timedelta(seconds=90), now=NOW) == 90
    assert cache.max_age(NOW + datetime.timedelta(seconds=90.9), now=NOW) == 90


def test_max_age_is_capped_by_the_setting_read_at_call_time(settings):
    later = NOW + datetime.timedelta(days=3)
    assert cache.max_age(later, now=NOW) == 3600
    settings.CAREERS_CACHE_MAX_AGE = 60
    assert cache.max_age(later, now=NOW) == 60
    assert cache.max_age(None, now=NOW) == 60


def test_max_age_is_never_negative(settings):
    assert cache.max_age(NOW - datetime.timedelta(seconds=5), now=NOW) == 0
    settings.CAREERS_CACHE_MAX_AGE = -1
    assert cache.max_age(None, now=NOW) == 0


def test_the_next_change_of_the_closes_in_hint():
    closes = NOW + datetime.timedelta(days=3, hours=5)
    change = cache.next_time_left_change(closes, NOW)
    assert change == NOW + datetime.timedelta(hours=5, seconds=1)
    closes = NOW + datetime.timedelta(hours=2, minutes=30)
    assert cache.next_time_left_change(closes, NOW) == NOW + datetime.timedelta(
        minutes=30, seconds=1
    )
    assert cache.next_time_left_change(None, NOW) is None
    assert cache.next_time_left_change(NOW - datetime.timedelta(days=1), NOW) is None


def test_set_cache_control_public_private_and_no_store():
    rf = RequestFactory()
    until = timezone.now() + datetime.timedelta(seconds=120)
    response = cache.set_cache_control(HttpResponse(), rf.get("/"), lambda: until)
    assert directives(response) >= {"public"} and get_max_age(response) in (119, 120)
    preview = rf.get("/")
    preview.is_preview = True
    response = cache.set_cache_control(HttpResponse(), preview, until)
    assert {"private", "no-store"} <= directives(response) and "public" not in directives(response)
    cookie = HttpResponse()
    cookie.set_cookie("something", "for one reader")
    response = cache.set_cache_control(cookie, rf.get("/"), until)
    assert {"private", "no-store"} <= directives(response)


# The headers


def test_the_listing_lasts_until_its_next_closing(client, careers_page, make_posting, settings):
    settings.CAREERS_CLOSING_SOON_DAYS = 0
    posting = make_posting(title="Soon", closes_in_days=1)
    with time_machine.travel(posting.closes_at - datetime.timedelta(seconds=600), tick=False):
        response = client.get(careers_page.url)
        assert "public" in directives(response)
        assert get_max_age(response) == 600
        settings.CAREERS_CACHE_MAX_AGE = 300
        assert get_max_age(client.get(careers_page.url)) == 300


def test_the_listing_with_closing_soon_lasts_until_a_posting_starts_closing_soon(
    client, careers_page, make_posting, settings
):
    settings.CAREERS_CLOSING_SOON_DAYS = 7
    settings.CAREERS_CACHE_MAX_AGE = 60 * 60 * 24 * 30
    posting = make_posting(closes_in_days=10)
    soon = posting.closes_at - datetime.timedelta(days=7)
    with time_machine.travel(soon - datetime.timedelta(hours=1), tick=False):
        assert get_max_age(client.get(careers_page.url)) == 3600


def test_an_empty_listing_lasts_as_long_as_the_setting_allows(client, careers_page):
    assert get_max_age(client.get(careers_page.url)) == 3600


def test_a_keyword_search_lasts_no_longer_than_its_matches(
    client, careers_page, make_posting, settings
):
    settings.CAREERS_SEARCH_CACHE_TIMEOUT = 60
    make_posting(title="Organiser")
    with time_machine.travel(timezone.now(), tick=False):
        assert get_max_age(client.get(careers_page.url + "?q=organiser")) == 60


@pytest.mark.parametrize("kind", ["rss", "atom", "json"])
def test_feeds_last_until_the_next_closing(client, careers_page, make_posting, settings, kind):
    settings.CAREERS_CLOSING_SOON_DAYS = 0
    posting = make_posting(closes_in_days=1)
    url = careers_page.url + f"feed/{kind}/"
    with time_machine.travel(posting.closes_at - datetime.timedelta(seconds=500), tick=False):
        for _round in range(2):  # built, then from the cache
            response = client.get(url)
            assert "public" in directives(response)
            assert get_max_age(response) == 500


def test_a_posting_lasts_until_its_status_or_hint_changes(client, make_posting, settings):
    settings.CAREERS_CLOSING_SOON_DAYS = 7
    settings.CAREERS_CACHE_MAX_AGE = 60 * 60 * 24 * 365
    posting = make_posting(closes_in_days=30)
    closes = posting.closes_at
    # "Closes in 3 weeks" while 21 days or more are left; "closing soon" 7 days before.
    with time_machine.travel(closes - datetime.timedelta(days=21, seconds=100), tick=False):
        assert get_max_age(client.get(posting.url)) == 101
    with time_machine.travel(closes - datetime.timedelta(days=7, seconds=50), tick=False):
        assert get_max_age(client.get(posting.url)) == 50
    # Closed: nothing changes with time any more.
    with time_machine.travel(closes + datetime.timedelta(days=1), tick=False):
        assert get_max_age(client.get(posting.url)) == 60 * 60 * 24 * 365


def test_the_ics_lasts_until_the_deadline(client, make_posting):
    posting = make_posting(closes_in_days=2)
    with time_machine.travel(posting.closes_at - datetime.timedelta(seconds=42), tick=False):
        response = client.get(posting.url + "calendar/")
        assert response.status_code == 200
        assert "public" in directives(response) and get_max_age(response) == 42


def test_signed_in_editors_get_private_responses(admin_client, careers_page, make_posting):
    posting = make_posting()
    for url in (careers_page.url, posting.url, careers_page.url + "feed/rss/"):
        response = admin_client.get(url)
        assert {"private", "no-store"} <= directives(response), url
        assert "public" not in directives(response)


def test_previews_are_private(rf, careers_page, make_posting):
    posting = make_posting()
    for page in (careers_page, posting):
        response = page.make_preview_request(rf.get(page.url))
        assert "private" in directives(response) and "public" not in directives(response)
        assert "no-store" in directives(response)


def test_a_restricted_posting_is_never_stored(client, make_posting):
    from wagtail.models import PageViewRestriction

    posting = make_posting()
    PageViewRestriction.objects.create(page=posting, restriction_type="password", password="x")
    response = client.get(posting.url)
    assert "public" not in directives(response)
