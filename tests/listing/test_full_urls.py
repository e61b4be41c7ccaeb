"""careers.addresses.full_urls: many pages' addresses with one reverse() per Site and language,
the same as each page's get_full_url()."""

from unittest import mock

import pytest
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Locale, Page, Site

from careers.addresses import full_urls, paths_full_urls
from careers.models import JobPostingPage
from tests.testapp.models import DepartmentPostingPage


@pytest.fixture
def request_(db):
    return RequestFactory().get("/")


def expected(pages, request):
    return [page.get_full_url(request) for page in pages]


def fresh(pages):
    """The pages read again, with no site root paths kept on them."""
    return [Page.objects.get(pk=page.pk).specific for page in pages]


def reverses(pages, request):
    """full_urls of ``pages`` and how many times it reversed Wagtail's page route."""
    import wagtail.models.pages

    with mock.patch.object(
        wagtail.models.pages, "reverse", wraps=wagtail.models.pages.reverse
    ) as reverse:
        urls = full_urls(pages, request)
    return urls, reverse.call_count


@pytest.mark.django_db
def test_one_reverse_per_site_and_language(make_posting, request_):
    pages = [make_posting(), make_posting(), make_posting(model=DepartmentPostingPage)]
    urls, count = reverses(pages, request_)
    assert urls == expected(fresh(pages), request_)
    assert urls[0].startswith("http://testserver/careers/")
    assert count == 1


@pytest.mark.i18n
@pytest.mark.django_db
def test_each_language_has_its_own_prefix(make_posting, careers_page, request_):
    spanish = Locale.objects.get_or_create(language_code="es")[0]
    careers_page.get_parent().copy_for_translation(spanish).save_revision().publish()
    careers_page.copy_for_translation(spanish).save_revision().publish()
    pages = []
    for _ in range(2):
        posting = make_posting()
        translation_ = posting.copy_for_translation(spanish)
        translation_.save_revision().publish()
        pages += [posting, translation_]
    urls, count = reverses(fresh(pages), request_)
    assert urls == expected(fresh(pages), request_)
    assert "/es/" in urls[1] and "/es/" not in urls[0]
    assert count == 2
    with translation.override("es"):
        assert full_urls(fresh(pages), request_) == expected(fresh(pages), request_)


@pytest.mark.django_db
def test_pages_of_other_sites_and_on_several_sites(make_posting, careers_page, request_):
    other_root = Page.get_first_root_node().add_child(title="Other", slug="other")
    Site.objects.create(hostname="other.example.org", root_page=other_root)
    elsewhere = make_posting(parent=other_root)
    here = make_posting()
    pages = [here, elsewhere, make_posting(), make_posting(parent=other_root)]
    urls = full_urls(fresh(pages), request_)
    assert urls == expected(fresh(pages), request_)
    assert urls[1].startswith("http://other.example.org/")
    # A second Site on the same root, and one whose root is the listing: those pages are on
    # several Sites, and Wagtail chooses by the request.
    Site.objects.create(hostname="twin.example.org", root_page=careers_page.get_parent())
    Site.objects.create(hostname="jobs.example.org", root_page=careers_page)
    assert full_urls(fresh(pages), request_) == expected(fresh(pages), request_)
    for host in ("twin.example.org", "jobs.example.org"):
        on_host = RequestFactory().get("/", HTTP_HOST=host)
        urls = full_urls(fresh(pages), on_host)
        assert urls == expected(fresh(pages), RequestFactory().get("/", HTTP_HOST=host))
        assert urls[0].startswith(f"http://{host}/")


@pytest.mark.django_db
def test_paths_reverse_would_change_and_no_trailing_slash(make_posting, request_, monkeypatch):
    pages = [make_posting(), make_posting(slug="coordinación-regional"), make_posting()]
    urls = full_urls(fresh(pages), request_)
    assert urls == expected(fresh(pages), request_)
    assert "coordinaci%C3%B3n" in urls[1]
    import wagtail.models.pages

    monkeypatch.setattr(wagtail.models.pages, "WAGTAIL_APPEND_SLASH", False)
    urls = full_urls(fresh(pages), request_)
    assert urls == expected(fresh(pages), request_)
    assert not urls[0].endswith("/")


@pytest.mark.django_db
def test_a_page_type_with_its_own_addresses(make_posting, request_, monkeypatch):
    def get_url_parts(self, request=None):
        site_id, root_url, path = Page.get_url_parts(self, request)
        return site_id, root_url, "/departments" + path

    monkeypatch.setattr(DepartmentPostingPage, "get_url_parts", get_url_parts)
    pages = [make_posting(), make_posting(model=DepartmentPostingPage), make_posting()]
    urls = full_urls(fresh(pages), request_)
    assert urls == expected(fresh(pages), request_)
    assert "/departments/" in urls[1]


@pytest.mark.django_db
def test_without_a_request(make_posting):
    pages = [make_posting(), make_posting()]
    assert full_urls(fresh(pages)) == [page.get_full_url() for page in fresh(pages)]


@pytest.mark.django_db
def test_a_page_on_no_site(make_posting, request_):
    orphan_root = Page.get_first_root_node().add_child(title="Nowhere", slug="nowhere")
    pages = [make_posting(parent=orphan_root), make_posting()]
    urls = full_urls(fresh(pages), request_)
    assert urls == expected(fresh(pages), request_)
    assert urls[0] is None
    assert JobPostingPage.objects.count() == 2


def as_paths(pages, made):
    """``pages`` given to paths_full_urls as their type, path and a function making them,
    which notes each page it makes in ``made``."""

    def maker(page):
        def make():
            made.append(page.pk)
            return Page.objects.get(pk=page.pk).specific

        return make

    return [(type(page), page.url_path, maker(page)) for page in pages]


@pytest.mark.django_db
def test_pages_given_by_their_paths_are_made_only_where_wagtail_answers(
    make_posting, careers_page, request_, monkeypatch
):
    """A feed's language versions are read as a few columns: only the first of each Site and
    language, and those whose address is Wagtail's own answer, are made as pages."""
    pages = [make_posting(), make_posting(), make_posting(slug="coordinación"), make_posting()]
    made = []
    assert paths_full_urls(as_paths(pages, made), request_) == expected(fresh(pages), request_)
    assert made == [pages[0].pk, pages[2].pk]
    other_root = Page.get_first_root_node().add_child(title="Other", slug="other")
    Site.objects.create(hostname="other.example.org", root_page=other_root)
    nowhere = Page.get_first_root_node().add_child(title="Nowhere", slug="nowhere")
    more = [make_posting(parent=other_root), make_posting(parent=nowhere), make_posting()]
    made = []
    urls = paths_full_urls(as_paths([*more, *pages], made), request_)
    assert urls == expected(fresh([*more, *pages]), request_)
    assert urls[1] is None
    assert made == [more[0].pk, more[2].pk, pages[2].pk]
    # A type with addresses of its own is made each time.
    monkeypatch.setattr(
        DepartmentPostingPage,
        "get_url_parts",
        lambda self, request=None: Page.get_url_parts(self, request),
    )
    departments = [make_posting(model=DepartmentPostingPage) for _ in range(2)]
    made = []
    assert paths_full_urls(as_paths(departments, made)) == [
        page.get_full_url() for page in fresh(departments)
    ]
    assert made == [page.pk for page in departments]
