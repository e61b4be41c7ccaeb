"""The listing, its feeds and the open positions tag cost the same number of queries at any size."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from careers.models import JobPostingPage, Organisation
from tests.helpers import block, languages_block

NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def add_postings(make_posting, organisation, count):
    other = Organisation.objects.create(name=f"Partner {count}")
    for n in range(count):
        make_posting(
            closes_in_days=(n % 50) + 1,
            # An "about the organisation" block: its snippet must not be fetched per posting.
            body=[
                languages_block(*(("es", "en") if n % 2 else ("pt",))),
                block("about_organisation", {"heading": "", "organisation": other.pk}),
            ],
            workplace_type=("on_site", "hybrid", "home_based")[n % 3],
            organisations=[organisation, other] if n % 4 == 0 else [organisation],
            publish=False,
            live=True,
        )


def queries_for(client, url):
    client.get(url)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def tag_queries(rf):
    template = Template("{% load careers_tags %}{% careers_open_positions limit=5 %}")
    request = rf.get("/")
    template.render(Context({"request": request}))
    with CaptureQueriesContext(connection) as context:
        template.render(Context({"request": request}))
    return len(context.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("caches", ["shared", "none"])
def test_constant_queries_at_5_and_500_postings(
    client, careers_page, make_posting, organisation, settings, caches, request
):
    """With a shared cache, and with none at all (nothing is then cached between requests, not
    even Wagtail's site root paths, so every per-posting lookup would show)."""
    if caches == "none":
        settings.CACHES = NO_CACHE
    else:
        request.getfixturevalue("shared_cache")
    rf = RequestFactory()
    urls = [
        careers_page.url,
        careers_page.url + "?workplace=hybrid&language=es",
        careers_page.url + "?page=3",
        careers_page.url + "feed/rss/",
        careers_page.url + "feed/atom/",
        careers_page.url + "feed/json/",
        careers_page.url + "?status=closed",
        careers_page.url + "?q=posting",
    ]
    add_postings(make_posting, organisation, 5)
    small = [queries_for(client, url) for url in urls] + [tag_queries(rf)]
    add_postings(make_posting, organisation, 495)
    large = [queries_for(client, url) for url in urls] + [tag_queries(rf)]
    assert small == large
    # The listing page, whole request included (site, routing, view restrictions); without a
    # cache Wagtail looks up the site root paths (2 queries), and the options (2: the listing
    # index's facet combinations with their counts, which give the unfiltered listing's count,
    # and the organisations' names) are worked out again. The listing page in every language
    # (its scope, and its language switcher, with whether each version is private) is one
    # query. The page of postings is its index rows with their pages' type, title and address
    # and any allied site's postings among them: one query, the cards (the languages each
    # posting is in included) are made from the rows. With a shared cache, only Wagtail's
    # routing and the listing page's own organisations are read.
    assert large[0] <= (8 if caches == "shared" else 13), large
    if caches == "none":
        # Filters on facet values only: counted from the options' groups, no query more.
        assert large[1] <= 13, large
        # RSS and Atom entries are made from the index rows too.
        assert large[3] <= 13 and large[4] <= 13, large
        # The JSON Feed reads whole pages and their related sets, and every language version
        # in one query (from the index rows); the site it names is the request's (three
        # queries less than ``Page.get_site()``).
        assert large[5] <= 18, large


@pytest.mark.django_db
def test_posting_page_queries(client, make_posting, organisation, settings):
    """A posting page, whole request included, with no cache: routed to the posting as its own
    class with its locale (Wagtail's routing reads it as a Page, then as its class, then its
    locale), and its versions in every language read with whether each is private, in one
    query."""
    settings.CACHES = NO_CACHE
    add_postings(make_posting, organisation, 3)
    posting = make_posting(title="Organiser")
    assert queries_for(client, posting.url) <= 15


@pytest.mark.django_db
@pytest.mark.urls("tests.listing.urls_api")
def test_constant_queries_with_every_posting_type(client, site_root, make_posting, organisation):
    """Postings of three types (the stock one, a subclass of it, and a type made from the
    abstract model, with a table of its own): each type read once per response, at any size."""
    from tests.testapp.models import DepartmentPostingPage, QuotePostingPage, SiteCareersIndexPage

    # Pages of 5: the second page exists at both sizes, and each page shows all three types.
    listing = SiteCareersIndexPage(title="Jobs", slug="jobs", page_size=5)
    site_root.add_child(instance=listing)
    listing.save_revision().publish()

    def add(count):
        for n in range(count):
            for model, fields in (
                (JobPostingPage, {}),
                (DepartmentPostingPage, {"department": "Finance"}),
                (QuotePostingPage, {"quoted_name": "Ana"}),
            ):
                make_posting(
                    parent=listing, model=model, closes_in_days=(n % 20) + 1,
                    publish=False, live=True, **fields,
                )  # fmt: skip

    urls = [
        listing.url,
        listing.url + "?sort=newest&page=2",
        listing.url + "feed/rss/",
        listing.url + "?department=Finance",
        listing.url + "?q=posting",
        "/api/v2/postings/",
        "/api/v2/postings/?offset=5&search=posting",
    ]
    add(4)
    small = [queries_for(client, url) for url in urls]
    add(20)
    large = [queries_for(client, url) for url in urls]
    assert small == large


@pytest.mark.django_db
def test_a_site_wide_listing_runs_the_queries_of_a_listing_of_its_children(
    client, site_root, careers_page, make_posting, organisation, settings
):
    """Its Site is the request's, which Wagtail's routing found, rather than read again
    (``Page.get_site()`` read every site's root path, the Site and its root page: 18 queries).
    One query more than a listing of its children: the site root's versions in every
    language, its scope."""
    from careers.models import CareersIndexPage, ListingScope

    settings.CACHES = NO_CACHE
    add_postings(make_posting, organisation, 3)
    everything = CareersIndexPage(title="All", slug="all", listing_scope=ListingScope.SITE)
    site_root.add_child(instance=everything)
    everything.save_revision().publish()
    response = client.get(everything.url)
    assert response.content.decode().count('class="careers-card"') == 3
    assert queries_for(client, everything.url) <= queries_for(client, careers_page.url) + 1


@pytest.mark.django_db
def test_the_open_positions_of_a_site_wide_listing_take_its_site_from_the_request(
    site_root, careers_page, make_posting, organisation, settings, rf
):
    from careers.models import CareersIndexPage, ListingScope

    settings.CACHES = NO_CACHE
    add_postings(make_posting, organisation, 3)
    everything = CareersIndexPage(title="All", slug="all", listing_scope=ListingScope.SITE)
    site_root.add_child(instance=everything)
    everything.save_revision().publish()
    template = Template(
        "{% load careers_tags %}{% careers_open_positions listing_page=page limit=5 %}"
    )

    def queries(page):
        request = rf.get("/")
        Site.find_for_request(request)  # as Wagtail's routing does before the page is served
        page.get_url_parts(request)
        template.render(Context({"request": request, "page": page}))
        with CaptureQueriesContext(connection) as context:
            html = template.render(Context({"request": request, "page": page}))
        assert html.count('class="careers-card"') == 3
        return len(context.captured_queries)

    # One query more than its children's: the site root's versions in every language.
    assert queries(everything) <= queries(careers_page) + 1


@pytest.mark.i18n
@pytest.mark.django_db
def test_the_open_positions_of_a_listing_look_up_the_active_language_once(
    careers_page, make_posting, organisation, settings, rf
):
    """The block and tag show a listing page's version in the active language: Wagtail's
    ``localized`` looks up the active Locale, a query each time it is read."""
    settings.CACHES = NO_CACHE
    add_postings(make_posting, organisation, 3)
    template = Template(
        "{% load careers_tags %}{% careers_open_positions listing_page=page limit=5 %}"
    )
    request = rf.get("/")
    template.render(Context({"request": request, "page": careers_page}))
    with CaptureQueriesContext(connection) as context:
        html = template.render(Context({"request": request, "page": careers_page}))
    assert html.count('class="careers-card"') == 3
    lookups = [
        query["sql"]
        for query in context.captured_queries
        if 'FROM "wagtailcore_locale"' in query["sql"] and '"language_code" =' in query["sql"]
    ]
    assert len(lookups) <= 1, lookups
