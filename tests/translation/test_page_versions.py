"""careers.languages.page_versions: a page's versions in every language, for the language switcher
and hreflang links, read from the page table alone unless the page type has addresses of its
own."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, PageViewRestriction, Site

from careers.languages import page_addresses, page_versions
from tests.helpers import tree_root
from tests.testapp.models import DepartmentPostingPage

pytestmark = pytest.mark.i18n


def translated(page, locale):
    version = page.copy_for_translation(locale, copy_parents=True)
    version.save_revision().publish()
    return version


def alternates(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"]')}


@pytest.mark.django_db
def test_a_stock_posting_s_versions_are_read_from_the_page_table(make_posting, locale_es):
    posting = make_posting()
    spanish = translated(posting, locale_es)
    with CaptureQueriesContext(connection) as queries:
        versions = page_versions(posting)
    assert [(type(v), v.pk, v.locale.language_code) for v in versions] == [
        (Page, posting.pk, "en"),
        (Page, spanish.pk, "es"),
    ]
    assert len(queries) == 1
    assert "careers_jobpostingpage" not in queries[0]["sql"]
    assert versions[1].get_url() == spanish.url


@pytest.mark.django_db
def test_a_stock_posting_s_versions_hold_only_what_their_addresses_need(make_posting, locale_es):
    """Each version is made from the columns an address, the switcher and a listing's scope
    read: Django does not build whole pages for them. What else is read is loaded then."""
    posting = make_posting(title="Organiser")
    translated(posting, locale_es)
    versions = page_versions(posting)
    assert all("title" in version.get_deferred_fields() for version in versions)
    columns = ("path", "depth", "url_path", "live", "locale_id", "content_type_id")
    pages = Page.objects.filter(translation_key=posting.translation_key)
    assert [[getattr(v, name) for name in columns] for v in versions] == [
        [getattr(page, name) for name in columns]
        for page in pages.order_by("locale__language_code")
    ]
    assert all(type(v.live) is bool and type(v.careers_is_private) is bool for v in versions)
    assert all(version.translation_key == posting.translation_key for version in versions)
    assert versions[0].title == "Organiser"  # deferred: read when asked for


@pytest.mark.django_db
def test_a_version_is_private_when_it_or_an_ancestor_is_restricted(
    make_posting, careers_page, locale_es
):
    """A view restriction covers a version when it is on the version or above it: here the
    Spanish careers page (the Spanish posting's parent) and the French posting itself."""
    posting = make_posting()
    spanish = translated(posting, locale_es)
    french = translated(posting, Locale.objects.create(language_code="fr"))
    PageViewRestriction.objects.create(page=spanish.get_parent(), restriction_type="login")
    PageViewRestriction.objects.create(page=french, restriction_type="login")
    # A restricted sibling does not cover the English version.
    sibling = make_posting(title="Another posting", slug="another-posting")
    PageViewRestriction.objects.create(page=sibling, restriction_type="login")
    private = {v.locale.language_code: v.careers_is_private for v in page_versions(posting)}
    assert private == {"en": False, "es": True, "fr": True}


@pytest.mark.django_db
def test_addresses_are_wagtail_s_on_this_site_and_another(make_posting):
    """``page_addresses`` gives what Wagtail's ``get_url`` and ``get_full_url`` give: a path for
    a page on the request's Site, an absolute address for one on another Site."""
    posting = make_posting()
    other_root = tree_root().add_child(instance=Page(title="Allied", slug="allied"))
    elsewhere = other_root.add_child(instance=Page(title="Elsewhere", slug="elsewhere"))
    Site.objects.create(hostname="allied.example.org", root_page=other_root)
    nowhere = tree_root().add_child(instance=Page(title="On no site", slug="nowhere"))
    here = RequestFactory().get("/", HTTP_HOST="localhost")
    there = RequestFactory().get("/", HTTP_HOST="allied.example.org")
    for page in (posting, elsewhere, nowhere):
        page = Page.objects.get(pk=page.pk)
        for asked in (here, there, None):
            assert page_addresses(page, asked) == (page.get_url(asked), page.get_full_url(asked))
    assert page_addresses(Page.objects.get(pk=nowhere.pk), here) == (None, None)
    assert page_addresses(Page.objects.get(pk=elsewhere.pk), there)[0] == "/elsewhere/"
    assert page_addresses(Page.objects.get(pk=elsewhere.pk), here)[0].startswith("http")


@pytest.mark.django_db
def test_a_page_type_with_its_own_addresses_gives_them_in_every_language(
    make_posting, locale_es, client, monkeypatch
):
    def get_url_parts(self, request=None):
        site_id, root_url, path = Page.get_url_parts(self, request)
        return site_id, root_url, path.replace("/careers/", "/careers/departments/")

    posting = make_posting(model=DepartmentPostingPage)
    spanish = translated(posting, locale_es)
    served_at = posting.url  # where Wagtail routes it
    monkeypatch.setattr(DepartmentPostingPage, "get_url_parts", get_url_parts)
    versions = page_versions(posting)
    assert [type(version) for version in versions] == [DepartmentPostingPage] * 2
    links = alternates(client, served_at)
    assert links["es"].endswith(f"/es/careers/departments/{spanish.slug}/")
    assert links["en"].endswith(f"/careers/departments/{posting.slug}/")


class ReadsHereWritesThere:
    """A primary/replica router without ``allow_relation``: Django then allows a relation only
    between instances of the same database."""

    def db_for_read(self, model, **hints):
        return "default"

    def db_for_write(self, model, **hints):
        return "primary"


@pytest.mark.django_db
def test_versions_and_cards_keep_to_the_database_they_were_read_from(
    make_posting, careers_page, locale_es, client, settings
):
    """Versions and cards are given the locales read with them, as from the database they came
    from: a router that sends writes to another database does not refuse the relation."""
    posting = make_posting()
    translated(posting, locale_es)
    settings.DATABASE_ROUTERS = [ReadsHereWritesThere()]
    versions = page_versions(posting)
    assert {version.locale._state.db for version in versions} == {"default"}
    assert client.get(posting.url).status_code == 200
    assert client.get(careers_page.url).status_code == 200
