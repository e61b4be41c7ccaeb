"""Hostile query strings against every public view of the app: no 5xx, no unbounded work.

Each view is first fetched plainly to measure what an ordinary request costs (SQL queries,
bytes). Random, malformed and oversized parameters may then change the answer (a 400, a 404,
an empty list) but never make it a server error, and never make it cost more than an ordinary
request: a page size, a long filter list or a huge page number cannot buy an expensive request.
"""

from urllib.parse import quote, urlencode

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Site

from careers.blocks import OpenPositionsBlock
from careers.models import ListingScope

# Queries a fuzzed request may add to its view's plain request (a keyword search, a 404 lookup).
EXTRA_QUERIES = 6


@pytest.fixture
def views(careers_page, make_posting, organisation, settings):
    settings.ROOT_URLCONF = "tests.hardening.urls"
    careers_page.listing_scope = ListingScope.SITE
    careers_page.page_size = 2
    careers_page.save_revision().publish()
    postings = [
        make_posting(languages=("en", "es")),
        make_posting(workplace_type="home_based", closes_in_days=3),
        make_posting(employment_type="consultancy", closes_in_days=-5),
        make_posting(country="BR"),
    ]
    listing = careers_page.url
    return [
        listing,
        listing + "feed/rss/",
        listing + "feed/atom/",
        listing + "feed/json/",
        postings[0].url,
        postings[0].calendar_url,
        "/api/v2/postings/",
        f"/api/v2/postings/{postings[0].pk}/",
        # Not Wagtail's own /api/v2/pages/: ?search=x&search_operator=0 is a 500 there (Wagtail
        # 7.0 and 8), which the app's postings endpoint answers with a 400.
        "/sitemap.xml",
    ]


def cost(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


@pytest.fixture
def baseline(client, views):
    measured = {}
    for url in views:
        response, queries = cost(client, url)
        assert response.status_code == 200, url
        size = len(response.content)
        if url.startswith("/api/"):
            # The endpoint's own largest answer: every field of every posting (?fields=*, as
            # Wagtail's API gives for one page type); what a request echoes is on top of it.
            size = max(size, len(cost(client, url + "?fields=*")[0].content))
        measured[url] = (queries, size)
    return measured


def assert_bounded(client, baseline, url, query):
    response, queries = cost(client, f"{url}?{query}")
    assert response.status_code < 500, (url, query)
    plain_queries, plain_size = baseline[url]
    assert queries <= plain_queries + EXTRA_QUERIES, (url, query, queries)
    # What a request may echo back (a search box's value) is capped, never the whole query.
    assert len(response.content) <= plain_size + 4_000, (url, query, len(response.content))
    return response


PARAMETERS = st.sampled_from(
    ["q", "organisation", "country", "region", "workplace", "type", "language", "status", "sort",
     "page", "page_size", "limit", "offset", "fields", "order", "search", "search_operator",
     "type", "child_of", "descendant_of", "locale", "translation_of", "site", "format", "x"]
)  # fmt: skip
VALUES = st.one_of(
    st.text(max_size=200),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.sampled_from(
        [
            "*",
            "-id",
            "random",
            "title,body",
            "_,*",
            "closes_at",
            "careers.JobPostingPage",
            "es",
            "zz",
            "home_based",
            "closed",
            "newest",
            "999999",
            "0",
            "-1",
            "1e9",
            "NaN",
            "%00",
            "'; DROP TABLE careers_organisation; --",
            "../../etc/passwd",
            "\x00",
            "\ud7ff",
        ]
    ),  # fmt: skip
)


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(params=st.lists(st.tuples(PARAMETERS, VALUES), max_size=10))
def test_random_parameters_on_every_view(client, views, baseline, params):
    query = urlencode(params)
    for url in views:
        assert_bounded(client, baseline, url, query)


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(raw=st.binary(max_size=300))
def test_raw_bytes_in_the_query_string(client, views, baseline, raw):
    """Percent-escapes that decode to invalid UTF-8, stray ``&`` and ``=``, NUL bytes."""
    query = quote(raw, safe="&=+%")
    for url in views:
        assert_bounded(client, baseline, url, query)


OVERSIZED = {
    "a long keyword search": "q=" + "job " * 25_000,
    "a page past the end": "page=" + "9" * 400,
    "a negative page": "page=-1",
    "a thousand filter values": urlencode([("language", f"l{i}") for i in range(1000)]),
    "a thousand organisations": urlencode([("organisation", str(i)) for i in range(1000)]),
    "a page size": "page_size=1000000&per_page=1000000",
    "an API limit": "limit=1000000",
    "an API offset": "offset=" + "9" * 30,
    "every API field": "fields=" + ",".join(["*"] + [f"f{i}" for i in range(500)]),
    "a nested field list": "fields=" + "a(" * 200 + ")" * 200,
    "random API order past the start": "order=random&offset=5",
    "a long API search": "search=" + "x" * 50_000,
}


@pytest.mark.django_db
@pytest.mark.parametrize("query", OVERSIZED.values(), ids=OVERSIZED.keys())
def test_oversized_parameters_cost_no_more_than_a_plain_request(client, views, baseline, query):
    for url in views:
        assert_bounded(client, baseline, url, query)


@pytest.mark.django_db
def test_page_size_comes_from_the_editor_not_the_visitor(client, views, careers_page):
    response = client.get(careers_page.url + "?page_size=1000&per_page=1000&limit=1000")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.select("ul.careers-results > li")) == 2
    api = client.get("/api/v2/postings/?limit=1000")
    assert api.status_code == 400 and b"limit" in api.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["locale=%00", "search=a%00b", "%00=1", "type=careers.JobPostingPage%00"]
)
def test_nul_characters_get_a_clear_400_from_the_api(client, views, query):
    """Found by the fuzz test on PostgreSQL: ``?locale=%00`` reached a query, and PostgreSQL
    refuses NUL in text (a 500). Refused up front, the same on every database."""
    for url in [v for v in views if v.startswith("/api/")]:
        response = client.get(f"{url}?{query}")
        assert response.status_code == 400, (url, response.status_code)
        assert b"NUL" in response.content


@pytest.mark.parametrize(
    "query, status",
    [
        ("site=nowhere.example.org", 404),
        ("site=testserver:port", 400),
        # Wagtail 7.0 looks for a site named "", Wagtail 8 uses the request's site.
        ("site=", (404, 200)),
    ],
)
def test_an_unknown_site_gets_a_clear_answer_from_the_api(client, views, query, status):
    """Found by the fuzz test on Wagtail 7.0: ``?site=`` with no matching site was a 500."""
    expected = status if isinstance(status, tuple) else (status,)
    for url in [v for v in views if v.startswith("/api/")]:
        response = client.get(f"{url}?{query}")
        assert response.status_code in expected, (url, response.status_code)
        if response.status_code != 200:
            assert response.json()["message"]


@pytest.mark.parametrize(
    "query, message",
    [
        ("search=coordinator&search_operator=0", b"search_operator"),
        ("offset=" + "9" * 30, b"offset"),
    ],
)
def test_what_wagtail_would_pass_on_unchecked_gets_a_clear_400(client, views, query, message):
    """Wagtail's API turns these into server errors (the search backend's ValueError, the
    database's integer overflow); the postings endpoint refuses them up front."""
    response = client.get(f"/api/v2/postings/?{query}")
    assert response.status_code == 400
    assert message in response.content


#: What full-text search backends read as syntax (SQLite FTS5, PostgreSQL's tsquery,
#: Elasticsearch's query string), alone, in words and unbalanced.
SEARCH_SYNTAX = st.lists(
    st.sampled_from(
        ['"', '""', "“", "”", "*", "(", ")", ":", "^", "-", "+", "'", "\\", "{", "}", "[", "]",
         "~", "!", "&", "|", "<->", "%", "_", "NEAR", "NEAR(", "AND", "OR", "NOT", "organiser",
         "regional", "title:", "posting", " ", "  ", ",", ".", "é", "\u3000"]
    ),
    min_size=1,
    max_size=8,
).map("".join)  # fmt: skip


@pytest.fixture(
    params=["wagtail.search.backends.database", "wagtail.search.backends.database.fallback"]
)
def search_views(request, views, careers_page, settings):
    """Every view that takes search text, on the site's full-text backend (SQLite FTS5 or
    PostgreSQL) and on the plain database search; and the block and the tag, which list postings
    with the same query and must not mind a request that carries a search."""
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": request.param}}
    listing = careers_page.url
    return {
        "q": [listing, listing + "feed/rss/", listing + "feed/atom/", listing + "feed/json/"],
        "search": ["/api/v2/postings/"],
    }


def render_block_and_tag(careers_page, query):
    request = RequestFactory().get("/", query)
    request.site = Site.objects.get(is_default_site=True)
    block = OpenPositionsBlock()
    value = block.to_python(
        {"heading": "", "listing_page": careers_page.pk, "organisations": [], "limit": 3,
         "show_all_link": True}
    )  # fmt: skip
    block.render(value, context={"request": request})
    Template("{% load careers_tags %}{% careers_open_positions %}").render(
        Context({"request": request})
    )


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=SEARCH_SYNTAX)
def test_full_text_syntax_at_every_search_entry_point(
    client, careers_page, search_views, baseline, text
):
    for parameter, urls in search_views.items():
        for url in urls:
            assert_bounded(client, baseline, url, urlencode({parameter: text}))
    render_block_and_tag(careers_page, {"q": text})


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    ['"', '"regional organiser"', '"regional', '""', "organiser*", "NEAR(a b)", "a AND OR NOT",
     "title:organiser", "^-", "(", "*", "“regional organiser”"],
)  # fmt: skip
def test_full_text_syntax_examples(client, careers_page, search_views, baseline, text):
    for parameter, urls in search_views.items():
        for url in urls:
            assert_bounded(client, baseline, url, urlencode({parameter: text}))
    render_block_and_tag(careers_page, {"q": text})
