"""careers.addresses.remember_site_root_paths: the Sites' root paths that every address of another
page needs, read in one query (Wagtail reads them in two, with whole page rows) when Wagtail's
cache does not hold them, and the same as Wagtail's."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, Site
from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION

from careers.addresses import read_site_root_paths, remember_site_root_paths

NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def wagtails():
    """Site.get_site_root_paths(), read from the database."""
    Site.clear_site_root_paths_cache()
    return Site.get_site_root_paths()


@pytest.fixture
def sites(careers_page, site_root):
    """Four Sites: the default one; another on a root of its own, on HTTPS; a twin of the
    default on the same root, on port 8080, whose host name sorts before the default's; one whose
    root is the careers page."""
    other_root = Page.get_first_root_node().add_child(title="Other", slug="other-root")
    Site.objects.create(hostname="other.example.org", port=443, root_page=other_root)
    Site.objects.create(hostname="alias.example.org", port=8080, root_page=site_root)
    Site.objects.create(hostname="jobs.example.org", root_page=careers_page)
    return Site.objects.all()


@pytest.mark.django_db
def test_the_same_as_wagtails_for_several_sites(sites):
    assert len(wagtails()) == 4
    assert read_site_root_paths() == wagtails()
    assert {path.root_url for path in read_site_root_paths()} == {
        "http://jobs.example.org",
        "https://other.example.org",
        "http://testserver",
        "http://alias.example.org:8080",
    }


@pytest.mark.i18n
@pytest.mark.django_db
def test_each_root_in_every_language_it_is_translated_into(sites, site_root, careers_page):
    roots = {}
    for code in ("es", "fr"):
        locale = Locale.objects.get_or_create(language_code=code)[0]
        roots[code] = site_root.copy_for_translation(locale)
        roots[code].save_revision().publish()
    careers_page.copy_for_translation(Locale.objects.get(language_code="es"))
    paths = read_site_root_paths()
    assert paths == wagtails()
    # Moved, a root keeps its id but takes a new place in the tree: the order is the tree's.
    roots["es"].move(roots["fr"], pos="right")
    assert read_site_root_paths() == wagtails()
    # The default Site and its twin in three languages, the careers page's Site in two.
    assert len(paths) == 3 + 3 + 2 + 1
    assert {path.language_code for path in paths} == {"en", "es", "fr"}


@pytest.mark.django_db
def test_without_i18n_each_root_in_its_own_language_only(sites, site_root, settings):
    locale = Locale.objects.get_or_create(language_code="es")[0]
    site_root.copy_for_translation(locale)
    settings.WAGTAIL_I18N_ENABLED = False
    assert read_site_root_paths() == wagtails()
    assert len(read_site_root_paths()) == 4


@pytest.mark.django_db
def test_read_when_first_needed_in_one_query_and_kept_as_wagtail_keeps_them(sites, careers_page):
    cache.clear()
    request = RequestFactory().get("/", HTTP_HOST="alias.example.org:8080")
    Site.find_for_request(request)  # as Wagtail's routing has
    remember_site_root_paths(request)
    with CaptureQueriesContext(connection) as queries:
        remember_site_root_paths(request)  # already there: nothing read
    assert len(queries) == 0
    with CaptureQueriesContext(connection) as queries:
        url = careers_page.get_url(request)
        full_url = careers_page.get_full_url(request)
    assert len(queries) == 1
    # Wagtail's cache holds them, as Wagtail would have put them there.
    assert cache.get(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION) == (
        wagtails()
    )
    fresh = RequestFactory().get("/", HTTP_HOST="alias.example.org:8080")
    assert (url, full_url) == (careers_page.get_url(fresh), careers_page.get_full_url(fresh))
    assert full_url == "http://alias.example.org:8080/careers/"


@pytest.mark.django_db
def test_taken_from_wagtails_cache_when_it_holds_them(sites, careers_page):
    Site.get_site_root_paths()  # in the cache, as Wagtail keeps them
    request = RequestFactory().get("/")
    Site.find_for_request(request)  # as Wagtail's routing has
    remember_site_root_paths(request)
    with CaptureQueriesContext(connection) as queries:
        assert careers_page.get_full_url(request) == "http://testserver/careers/"
    assert len(queries) == 0


@pytest.mark.django_db
def test_nothing_without_a_request():
    assert remember_site_root_paths(None) is None


@pytest.mark.django_db
def test_careers_pages_never_read_them_wagtails_way(careers_page, make_posting, client, settings):
    """With no cache, the listing, its feeds, a posting and its calendar file read the root
    paths once each, in one query, rather than through Wagtail's two."""
    settings.CACHES = NO_CACHE
    posting = make_posting()
    urls = [
        careers_page.url,
        careers_page.url + careers_page.reverse_subpage("feed_rss"),
        careers_page.url + careers_page.reverse_subpage("feed_json"),
        posting.url,
        posting.url + posting.reverse_subpage("deadline_ics"),
    ]
    with mock.patch.object(
        Site, "get_site_root_paths", wraps=Site.get_site_root_paths
    ) as wagtails_way:
        responses = [client.get(url) for url in urls]
    assert [response.status_code for response in responses] == [200] * 5
    assert wagtails_way.call_count == 0
    assert f'href="{posting.url}"' in responses[0].content.decode()
    for feed in responses[1:3]:
        assert posting.get_full_url() in feed.content.decode()
