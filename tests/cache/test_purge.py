"""With wagtail.contrib.frontend_cache, publishing or unpublishing a posting purges, through
Wagtail's own ``PurgeBatch``, every ``get_cached_paths()`` of the listings that show it."""

from unittest import mock

import pytest

from careers.models import JobPostingPage
from tests.cache import frontend

pytestmark = pytest.mark.django_db

BACKEND = {"recording": {"BACKEND": "tests.cache.frontend.RecordingBackend"}}


@pytest.fixture
def purged(settings):
    settings.WAGTAILFRONTENDCACHE = BACKEND
    settings.WAGTAILFRONTENDCACHE_LANGUAGES = []
    frontend.PURGED.clear()
    with mock.patch("careers.signal_handlers.frontend_cache_enabled", return_value=True):
        yield frontend.PURGED
    frontend.PURGED.clear()


def test_the_listing_names_its_cached_paths(careers_page):
    assert careers_page.get_cached_paths() == [
        "/",
        "?status=closed",
        "feed/rss/",
        "feed/atom/",
        "feed/json/",
        "feed/json/?all=1",
    ]
    careers_page.embed_allowed_origins = "https://allies.example.org"
    careers_page.embed_filters = True
    assert careers_page.get_cached_paths()[-2:] == ["embed/", "embed/?filters=1"]


def test_a_posting_names_its_cached_paths(make_posting):
    assert make_posting().get_cached_paths() == ["/", "calendar/"]


def test_publishing_and_unpublishing_purge_the_listings_that_show_it(
    careers_page, make_posting, purged, django_capture_on_commit_callbacks
):
    base = careers_page.full_url
    expected = {
        base,
        base + "?status=closed",
        base + "feed/rss/",
        base + "feed/atom/",
        base + "feed/json/",
    }
    posting = make_posting(publish=False)
    # Wagtail 7.0 purges from a task enqueued when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        posting.save_revision().publish()
    assert expected <= set(purged)
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        JobPostingPage.objects.get(pk=posting.pk).unpublish()
    assert expected <= set(purged)


def test_nothing_is_purged_for_other_pages(
    careers_page, site_root, purged, django_capture_on_commit_callbacks
):
    from wagtail.models import Page

    page = Page(title="About", slug="about")
    site_root.add_child(instance=page)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert not [url for url in purged if "careers" in url]
