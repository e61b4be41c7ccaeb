"""careers.languages.page_versions: a page's versions in every language, for the language switcher
and hreflang links, read from the page table alone unless the page type has addresses of its
own."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from careers.languages import page_versions
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
