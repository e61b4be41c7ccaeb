"""Storing fetches of a source: postings, bookkeeping, back-off and the listing index rows."""

import datetime
import uuid

import pytest
from django.utils import timezone

from careers.models import ListingEntry, SyndicatedPosting, SyndicationSource
from careers.models.listing_index import facets_key
from careers.syndication.items import FetchResult, OrganisationRef, Translation
from careers.syndication.sync import interval, sync_due_sources, sync_source
from careers.visibility import PostingQuery
from tests.helpers import FakeFetcher, fetched, posting_item

pytestmark = pytest.mark.django_db


def open_titles(careers_page, **kwargs):
    query = PostingQuery.for_index_page(careers_page, **kwargs)
    entries = query.open_entries().order_by("closes_at", "pk")
    return [posting.title for posting in query.pages_for(entries)]


def test_an_ok_fetch_stores_the_postings_and_indexes_them(source, careers_page):
    item = posting_item(title="Organiser")
    result = sync_source(source, fetcher=FakeFetcher(fetched(item, etag='"v1"')))

    assert result.outcome == FetchResult.OK
    posting = SyndicatedPosting.objects.get(source=source)
    assert (posting.origin_id, posting.language) == (item.origin_id, "en")
    assert posting.title == item.title
    assert posting.posting_key == uuid.UUID(item.origin_id)
    entry = ListingEntry.objects.get(syndicated_posting=posting)
    assert entry.page_id is None
    assert entry.origin == "allies.example.org"
    assert entry.origin_id == item.origin_id
    assert entry.path == careers_page.path + "~~~~"
    assert entry.depth == careers_page.depth + 1
    assert entry.parent_key == careers_page.translation_key
    assert ["country", "BR"] in entry.facets
    assert entry.facets_key == facets_key(entry.facets)
    assert open_titles(careers_page) == ["Organiser"]
    source.refresh_from_db()
    assert source.last_outcome == "ok"
    assert source.etag == '"v1"'
    assert source.failures == 0
    assert source.last_messages == "1 posting taken."


def test_the_feed_etag_and_chosen_filters_reach_the_fetcher(source):
    source.etag, source.last_modified = '"v1"', "Tue, 01 Dec 2026 10:00:00 GMT"
    source.languages, source.organisations = ["es"], "HWF\n  Allied Union \n"
    fetcher = FakeFetcher(FetchResult(FetchResult.NOT_MODIFIED))
    sync_source(source, fetcher=fetcher)
    url, kwargs = fetcher.calls[0]
    assert url == source.feed_url
    assert kwargs == {
        "etag": '"v1"',
        "last_modified": "Tue, 01 Dec 2026 10:00:00 GMT",
        "languages": ["es"],
        "organisations": ["hwf", "allied union"],
    }


def test_a_posting_absent_from_the_next_fetch_is_gone(source, careers_page):
    kept, dropped = posting_item(title="Kept"), posting_item(title="Dropped")
    sync_source(source, fetcher=FakeFetcher(fetched(kept, dropped)))
    assert sorted(open_titles(careers_page)) == ["Dropped", "Kept"]

    sync_source(source, fetcher=FakeFetcher(fetched(kept)))
    assert open_titles(careers_page) == ["Kept"]
    assert SyndicatedPosting.objects.filter(source=source).count() == 1
    assert not ListingEntry.objects.filter(origin_id=dropped.origin_id).exists()


def test_a_posting_that_closes_leaves_the_listing_without_a_fetch(source, careers_page):
    sync_source(source, fetcher=FakeFetcher(fetched(posting_item(title="Soon", closes_in_days=1))))
    assert open_titles(careers_page) == ["Soon"]
    later = timezone.now() + datetime.timedelta(days=2)
    assert open_titles(careers_page, now=later) == []


def test_filled_postings_and_unchosen_organisations_are_left_out(source, careers_page):
    source.organisations = "hwf"
    ours = posting_item(title="Ours", organisations=(OrganisationRef(name="X", short_name="HWF"),))
    other = posting_item(title="Other")
    filled = posting_item(
        title="Filled", is_filled=True, organisations=(OrganisationRef(name="HWF"),)
    )
    sync_source(source, fetcher=FakeFetcher(fetched(ours, other, filled)))
    assert open_titles(careers_page) == ["Ours"]
    assert source.last_messages.startswith("1 posting taken. 2 left out")


def test_a_failed_fetch_keeps_the_last_good_copy_and_backs_off(source, careers_page):
    now = timezone.now()
    sync_source(source, now=now, fetcher=FakeFetcher(fetched(posting_item(title="Kept"))))
    failure = FetchResult(FetchResult.FAILED, messages=["The feed answered 503."])

    sync_source(source, now=now, fetcher=FakeFetcher(failure))
    source.refresh_from_db()
    assert open_titles(careers_page) == ["Kept"]
    assert source.last_outcome == "failed"
    assert source.failures == 1
    assert "The feed answered 503." in source.last_messages
    assert "last successful fetch are shown" in source.last_messages
    assert source.next_fetch_at == now + datetime.timedelta(minutes=30)

    sync_source(source, now=now, fetcher=FakeFetcher(failure))
    source.refresh_from_db()
    assert source.next_fetch_at == now + datetime.timedelta(minutes=60)

    sync_source(source, now=now, fetcher=FakeFetcher(FetchResult(FetchResult.NOT_MODIFIED)))
    source.refresh_from_db()
    assert (source.failures, source.last_outcome) == (0, "not_modified")
    assert source.next_fetch_at == now + datetime.timedelta(minutes=15)
    assert open_titles(careers_page) == ["Kept"]


def test_back_off_stops_at_a_day(settings):
    assert interval(0) == datetime.timedelta(minutes=15)
    assert interval(3) == datetime.timedelta(hours=2)
    assert interval(50) == datetime.timedelta(hours=24)
    settings.CAREERS_SYNDICATION_INTERVAL = 60
    assert interval(1) == datetime.timedelta(minutes=2)


def test_an_error_in_one_source_does_not_stop_the_others(source, careers_page):
    other = SyndicationSource.objects.create(name="Other", feed_url="https://other.example.org/f")
    other.listings.set([careers_page])
    other.save()
    fetcher = FakeFetcher(ConnectionError("connection refused"), fetched(posting_item(title="B")))

    done = sync_due_sources(fetcher=fetcher)

    assert [result.outcome for _source, result in done] == ["failed", "ok"]
    source.refresh_from_db()
    assert "connection refused" in source.last_messages
    assert open_titles(careers_page) == ["B"]


def test_only_due_sources_are_fetched_unless_forced(source):
    now = timezone.now()
    source.next_fetch_at = now + datetime.timedelta(minutes=5)
    source.save()
    fetcher = FakeFetcher(FetchResult(FetchResult.NOT_MODIFIED))
    assert sync_due_sources(now=now, fetcher=fetcher) == []
    assert len(sync_due_sources(now=now, fetcher=fetcher, force=True)) == 1
    source.enabled = False
    source.save()
    assert sync_due_sources(now=now + datetime.timedelta(days=1), fetcher=fetcher) == []


def test_one_row_per_posting_across_two_sources(source, careers_page):
    other = SyndicationSource.objects.create(name="Mirror", feed_url="https://mirror.example.org/f")
    other.listings.set([careers_page])
    other.save()
    item = posting_item(title="Shared")
    sync_source(source, fetcher=FakeFetcher(fetched(item)))
    sync_source(other, fetcher=FakeFetcher(fetched(item)))

    assert SyndicatedPosting.objects.count() == 2
    assert open_titles(careers_page) == ["Shared"]
    assert ListingEntry.objects.filter(origin_id=item.origin_id).count() == 1


def test_a_posting_of_this_site_taken_back_is_not_shown_twice(source, careers_page, make_posting):
    page = make_posting(title="Ours")
    sync_source(
        source, fetcher=FakeFetcher(fetched(posting_item(str(page.translation_key), title="Ours")))
    )
    assert open_titles(careers_page) == ["Ours"]
    assert not ListingEntry.objects.exclude(origin="").exists()


def test_another_site_of_the_same_install_shows_a_posting_of_the_first(
    source, careers_page, make_posting
):
    """Two Wagtail sites in one install, the second syndicating the first (as the browser test
    and a network that hosts its members' sites do): the first site's listing keeps its page,
    the second's shows the syndicated posting."""
    from wagtail.models import Page, Site

    from careers.models import CareersIndexPage
    from tests.helpers import tree_root

    page = make_posting(title="Ours")
    other_home = tree_root().add_child(instance=Page(title="Allied", slug="allied"))
    Site.objects.create(hostname="allied.example.org", port=80, root_page=other_home)
    other_listing = other_home.add_child(instance=CareersIndexPage(title="Jobs", slug="jobs"))
    other_listing.save_revision().publish()
    source.listings.set([other_listing])
    source.save()

    sync_source(
        source, fetcher=FakeFetcher(fetched(posting_item(str(page.translation_key), title="Ours")))
    )

    assert open_titles(careers_page) == ["Ours"]
    assert open_titles(other_listing) == ["Ours"]
    (row,) = ListingEntry.objects.exclude(origin="")
    assert row.path.startswith(other_listing.path)
    assert row.parent_key == other_listing.translation_key


@pytest.mark.i18n
def test_each_locale_shows_its_language_else_the_first(source, careers_page, locale_es, settings):
    key = str(uuid.uuid4())
    translations = (
        Translation("pt", "https://allies.example.org/pt/1/", "Organizador"),
        Translation("es", "https://allies.example.org/es/1/", "Organizador (es)"),
    )
    portuguese = posting_item(key, "pt", title="Organizador", translations=translations)
    spanish = posting_item(key, "es", title="Organizador (es)", translations=translations)
    sync_source(source, fetcher=FakeFetcher(fetched(portuguese, spanish)))

    rows = {
        entry.locale.language_code: entry
        for entry in ListingEntry.objects.filter(origin_id=key).select_related(
            "locale", "syndicated_posting"
        )
    }
    assert rows["es"].syndicated_posting.language == "es"
    assert not rows["es"].is_fallback
    assert rows["en"].syndicated_posting.language == "pt"  # the first language the origin lists
    assert rows["en"].is_fallback

    careers_page.refresh_from_db()
    assert open_titles(careers_page, locale_id=locale_es.pk) == ["Organizador (es)"]
    assert open_titles(careers_page) == ["Organizador"]
    settings.CAREERS_SHOW_UNTRANSLATED = False
    assert open_titles(careers_page) == []


@pytest.mark.i18n
def test_a_translation_named_in_the_feed_is_shown_in_its_language(
    source, careers_page, locale_es, settings
):
    """A feed in one language names the origin's other versions (format v1's ``translations``,
    with their titles and summaries): a listing in one of those languages shows that version,
    as a translation rather than an untranslated posting, and links to its page."""
    key = str(uuid.uuid4())
    translations = (
        Translation("en", "https://allies.example.org/en/1/", "Organiser", "In English."),
        Translation("es", "https://allies.example.org/es/1/", "Organizadora", "En español."),
    )
    english = posting_item(key, "en", title="Organiser", translations=translations)
    sync_source(source, fetcher=FakeFetcher(fetched(english)))
    settings.CAREERS_SHOW_UNTRANSLATED = False

    query = PostingQuery.for_index_page(careers_page, locale_id=locale_es.pk)
    (shown,) = query.pages_for(query.open_entries())
    assert (shown.title, shown.introduction) == ("Organizadora", "En español.")
    assert shown.get_full_url() == "https://allies.example.org/es/1/"
    assert open_titles(careers_page) == ["Organiser"]


def test_a_source_takes_only_its_languages(source, careers_page, locale_es):
    source.languages = ["es"]
    key = str(uuid.uuid4())
    items = [posting_item(key, "pt", title="pt"), posting_item(key, "es", title="es")]
    sync_source(source, fetcher=FakeFetcher(fetched(*items)))
    assert list(SyndicatedPosting.objects.values_list("language", flat=True)) == ["es"]
    assert open_titles(careers_page) == ["es"]  # the English listing's fallback


def test_organisations_map_to_local_ones_by_name(source, careers_page, organisation):
    item = posting_item(organisations=(OrganisationRef(name="hwf"), OrganisationRef(name="Else")))
    sync_source(source, fetcher=FakeFetcher(fetched(item)))
    entry = ListingEntry.objects.get(origin_id=item.origin_id)
    assert [facet for facet in entry.facets if facet[0] == "organisation"] == [
        ["organisation", str(organisation.pk)]
    ]


def test_disabling_a_source_or_unlinking_its_listing_removes_its_rows(source, careers_page):
    from careers.syndication.index import reindex_syndicated

    sync_source(source, fetcher=FakeFetcher(fetched(posting_item())))
    source.enabled = False
    source.save()
    reindex_syndicated()
    assert not ListingEntry.objects.exclude(origin="").exists()
    source.enabled = True
    source.listings.set([])
    source.save()
    reindex_syndicated()
    assert not ListingEntry.objects.exclude(origin="").exists()


def test_a_missing_fetcher_is_a_failed_fetch(source, monkeypatch):
    def missing():
        raise ImportError("No module named 'careers.syndication.fetch'")

    monkeypatch.setattr("careers.syndication.sync.default_fetcher", missing)
    assert sync_source(source).outcome == FetchResult.FAILED
    assert "could not be read" in source.last_messages


def test_an_ok_fetch_purges_the_listings_that_show_the_source(
    source, careers_page, settings, django_capture_on_commit_callbacks
):
    from unittest import mock

    from tests.cache import frontend

    settings.WAGTAILFRONTENDCACHE = {
        "recording": {"BACKEND": "tests.cache.frontend.RecordingBackend"}
    }
    settings.WAGTAILFRONTENDCACHE_LANGUAGES = []
    frontend.PURGED.clear()
    with mock.patch("careers.signal_handlers.frontend_cache_enabled", return_value=True):
        with django_capture_on_commit_callbacks(execute=True):
            sync_source(source, fetcher=FakeFetcher(FetchResult(FetchResult.NOT_MODIFIED)))
        assert not frontend.PURGED
        with django_capture_on_commit_callbacks(execute=True):
            sync_source(source, fetcher=FakeFetcher(fetched(posting_item())))
    assert careers_page.full_url + "feed/json/" in set(frontend.PURGED)
    frontend.PURGED.clear()
