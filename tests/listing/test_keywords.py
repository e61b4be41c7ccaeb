"""Keyword search: any text on every backend, quoted phrases as phrases, in every view."""

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail import VERSION as WAGTAIL_VERSION
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Phrase, PlainText

from careers.keywords import keyword_query
from careers.models import JobPostingPage, posting_table_models
from careers.syndication.sync import sync_source
from careers.visibility import PostingQuery
from tests.helpers import FakeFetcher, fetched, posting_item

from .test_listing_page import titles

#: The backends the app supports: the database's full-text search (SQLite FTS5, PostgreSQL),
#: and the plain database search Wagtail falls back to elsewhere.
BACKENDS = {
    "database": "wagtail.search.backends.database",
    "fallback": "wagtail.search.backends.database.fallback",
}


@pytest.fixture(params=BACKENDS)
def search_backend(request, settings):
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": BACKENDS[request.param]}}
    return request.param


@pytest.fixture
def organisers(make_posting):
    return [
        make_posting(title="Regional organiser", closes_in_days=5),
        make_posting(title="Organiser for the regional office", closes_in_days=8),
        make_posting(title="Treasurer", closes_in_days=9),
    ]


def test_the_suite_searches_with_the_backend_a_new_wagtail_site_gets(db):
    """``wagtail start`` configures ``wagtail.search.backends.database``, which is FTS5 on SQLite
    and PostgreSQL's full-text search there: the suite must search the same way, or their syntax
    errors hide."""
    expected = {"sqlite": "SQLiteSearchBackend", "postgresql": "PostgresSearchBackend"}
    assert type(get_search_backend()).__name__ == expected[connection.vendor]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"regional organiser"', Phrase("regional organiser")),
        ("treasurer “regional office”", And([PlainText("treasurer"), Phrase("regional office")])),
        ('organiser "regional', And([PlainText("organiser"), Phrase("regional")])),
        ("title:manager C++ (NEAR) _", PlainText("title:manager C NEAR")),
    ],
)
def test_keyword_query(text, expected):
    assert repr(keyword_query(text)) == repr(expected)


@pytest.mark.parametrize("text", ['"', '""', "* ( ) : ^ - _", "   ", "“”"])
def test_text_without_words_searches_for_nothing(text):
    assert keyword_query(text) is None


@pytest.mark.django_db
class TestSearchOnEveryBackend:
    def test_a_quoted_phrase_is_searched_as_a_phrase(
        self, client, careers_page, organisers, search_backend
    ):
        response = client.get(careers_page.url, {"q": '"regional organiser"'})
        assert response.status_code == 200
        assert titles(response) == ["Regional organiser"]
        response = client.get(careers_page.url, {"q": "regional organiser"})
        assert titles(response) == ["Regional organiser", "Organiser for the regional office"]

    def test_an_unclosed_quote_and_syntax_are_text(
        self, client, careers_page, organisers, search_backend
    ):
        for text in ['"regional organiser', "regional organiser*", "(regional) ^organiser: -"]:
            response = client.get(careers_page.url, {"q": text})
            assert response.status_code == 200, text
            assert "Regional organiser" in titles(response), text
        response = client.get(careers_page.url, {"q": '"'})
        assert response.status_code == 200
        assert titles(response) == []

    def test_feeds_and_api_search_the_same_way(
        self, client, careers_page, organisers, search_backend, settings
    ):
        settings.ROOT_URLCONF = "tests.listing.urls_api"
        feed = client.get(careers_page.url + "feed/atom/", {"q": '"regional organiser"'})
        assert [entry.title for entry in feedparser.parse(feed.content).entries] == [
            "Regional organiser"
        ]
        api = client.get("/api/v2/postings/", {"search": '"regional organiser'})
        assert api.status_code == 200
        assert [item["title"] for item in api.json()["items"]] == ["Regional organiser"]
        api = client.get(
            "/api/v2/postings/", {"search": "treasurer regional", "search_operator": "or"}
        )
        assert {item["title"] for item in api.json()["items"]} == {
            "Regional organiser",
            "Organiser for the regional office",
            "Treasurer",
        }

    def test_matches_are_read_as_ids_in_one_query_per_posting_table(
        self, careers_page, organisers, search_backend, monkeypatch
    ):
        """A database backend searches the listing index's rows inside its own SQL statement
        and is read as ids and closing times: no posting is built, and PostgreSQL's search vector
        is not sent back; the untranslated postings are not looked up first."""
        query = PostingQuery.for_index_page(careers_page)
        # Content types and the listing's part of the tree, looked up once.
        query._search("organiser", closed=False, operator="and", limit=500)

        def built(*args, **kwargs):
            raise AssertionError("a posting was built")

        monkeypatch.setattr(JobPostingPage, "from_db", classmethod(built))
        with CaptureQueriesContext(connection) as context:
            ids, more = query._search("organiser", closed=False, operator="and", limit=500)
        assert ids == [organisers[0].pk, organisers[1].pk]
        assert not more
        # On PostgreSQL's own backend, plain words are one statement for every posting table
        # (careers.postgres_search).
        one_statement = connection.vendor == "postgresql" and search_backend == "database"
        tables = 1 if one_statement else len(posting_table_models())
        if (
            connection.vendor == "sqlite"
            and search_backend == "database"
            and WAGTAIL_VERSION < (8,)
        ):
            # Wagtail 7.0's SQLite backend reads the matching index entries in a query of their
            # own before each table's.
            assert len(context.captured_queries) <= 2 * tables
        else:
            assert len(context.captured_queries) == tables
        assert not any("_vector_" in query["sql"] for query in context.captured_queries)


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's database backend")
class TestPostgresPlainWords:
    """On PostgreSQL a query of plain words is matched on the search index's title and body
    columns (careers.postgres_search), which their GIN indexes serve: it must find exactly what
    the backend's own match of ``title || body`` finds."""

    QUERIES = [
        ("organiser", "and"),
        ("regional organiser", "and"),
        ("regional organiser", "or"),
        ("treasurer regional", "or"),
        ("the organiser", "and"),  # a stop word: dropped from the backend's query
        ("the organiser", "or"),
        ("the of", "and"),  # stop words only: the backend's query matches nothing
        ("the of", "or"),
        (
            "office-organiser",
            "and",
        ),  # a hyphen: the backend's match (each version splits it its way)
        ("Organisers", "and"),  # the same stem
        ("nowhere", "and"),
        ("o'brien organiser", "and"),  # not one token: the backend's match
        ('"regional organiser"', "and"),  # a phrase: the backend's match
    ]

    @pytest.fixture
    def postings(self, make_posting):
        return [
            make_posting(title="Regional organiser", closes_in_days=5),
            # "regional" in the title, "organiser" only in the body (the introduction).
            make_posting(title="Regional office", introduction="An organiser.", closes_in_days=6),
            make_posting(title="Treasurer", introduction="Of the office.", closes_in_days=7),
            make_posting(title="O'Brien", introduction="Organisers wanted.", closes_in_days=8),
        ]

    @pytest.mark.parametrize("text, operator", QUERIES)
    def test_the_same_matches_as_the_backend(self, careers_page, postings, text, operator):
        from careers.models import posting_table_models

        query = PostingQuery.for_index_page(careers_page)
        ids, _more = query._search(text, closed=False, operator=operator, limit=500)
        backend = get_search_backend()
        expected = []
        for model in posting_table_models():
            candidates = model.objects.filter(pk__in=[posting.pk for posting in postings])
            found = backend.search(keyword_query(text, operator), candidates)
            expected += [hit.pk for hit in found]
        assert sorted(ids) == sorted(expected), text

    def test_plain_words_are_matched_on_the_indexed_columns(self, careers_page, postings):
        from careers import postgres_search

        query = PostingQuery.for_index_page(careers_page)
        with CaptureQueriesContext(connection) as context:
            ids, _more = query._search("regional organiser", closed=False, operator="and",
                                       limit=500)  # fmt: skip
        assert ids == [postings[0].pk, postings[1].pk]
        sql = context.captured_queries[-1]["sql"]
        assert '"title" @@' in sql and '"body" @@' in sql
        assert " || " not in sql
        assert postgres_search.is_postgres_database_backend(get_search_backend())


#: The query that reads the ids of a listing's rows (``PostingListing.searched_ids``).
READS_IDS = 'SELECT "careers_listingentry"."id" AS "pk" FROM "careers_listingentry" WHERE'


def matches_are_the_rows(search_backend):
    """Whether a search of plain words alone, in closing order, finds the listing's rows in one
    statement that gives them in order (PostgreSQL's database backend)."""
    return search_backend == "database" and connection.vendor == "postgresql"


@pytest.mark.django_db
class TestASearchIsPagedFromItsRowsIds:
    """A keyword search's listing reads the ids of all its rows once, counts them and cuts its
    page from them (``PostingListing.searched_ids``), rather than counting them in the database
    and finding its page again with the search's matches in each query."""

    @pytest.fixture
    def matches(self, make_posting):
        make_posting(title="Treasurer", closes_in_days=1)
        return [
            make_posting(
                title=f"Organiser {day:02d}",
                closes_in_days=day,
                workplace_type="hybrid" if day % 3 == 0 else "on_site",
            )
            for day in range(2, 15)
        ]

    def read(self, client, url, **params):
        with CaptureQueriesContext(connection) as context:
            response = client.get(url, params)
        assert response.status_code == 200
        return response, [query["sql"] for query in context.captured_queries]

    def test_its_count_and_pages_come_from_one_read_of_its_rows(
        self, client, careers_page, matches, search_backend
    ):
        response, queries = self.read(client, careers_page.url, q="organiser")
        assert "13 open positions" in response.content.decode()
        assert titles(response) == [f"Organiser {day:02d}" for day in range(2, 12)]
        assert not [sql for sql in queries if "COUNT(*)" in sql]
        reads = [sql for sql in queries if sql.startswith(READS_IDS)]
        # On PostgreSQL's database backend the search's own matches are the rows: not read again.
        assert len(reads) == (0 if matches_are_the_rows(search_backend) else 1)
        response, _queries = self.read(client, careers_page.url, q="organiser", page=2)
        assert titles(response) == ["Organiser 12", "Organiser 13", "Organiser 14"]
        response, _queries = self.read(
            client, careers_page.url, q="organiser", workplace="hybrid", sort="newest"
        )
        assert "4 open positions" in response.content.decode()
        # Posted ten days before they close: the latest to close was posted last.
        assert titles(response) == ["Organiser 12", "Organiser 09", "Organiser 06", "Organiser 03"]

    def test_recently_closed_matches_are_paged_from_their_ids(
        self, client, careers_page, make_posting, search_backend
    ):
        for day in range(1, 13):
            make_posting(title=f"Closed organiser {day:02d}", closes_in_days=-day)
        response, queries = self.read(client, careers_page.url, q="organiser", status="closed")
        assert "12 recently closed positions" in response.content.decode()
        # In the listing's order, as without a search: the first to have closed first.
        assert titles(response) == [f"Closed organiser {day:02d}" for day in range(12, 2, -1)]
        assert not [sql for sql in queries if "COUNT(*)" in sql]
        response, _queries = self.read(
            client, careers_page.url, q="organiser", status="closed", page=2
        )
        assert titles(response) == ["Closed organiser 02", "Closed organiser 01"]

    def test_a_rebuilt_index_does_not_leave_cached_ids_behind(
        self, client, careers_page, matches, search_backend, shared_cache
    ):
        """The ids kept for a search name rows of the listing index: rows rewritten under new
        ids (a new language rebuilds the index) drop them."""
        from wagtail.models import Locale

        from careers import posting_index

        # Page 1 keeps the search's ids; page 2, not yet shown, is cut from them.
        self.read(client, careers_page.url, q="organiser")
        Locale.objects.create(language_code="fr")
        response, _queries = self.read(client, careers_page.url, q="organiser", page=2)
        assert "13 open positions" in response.content.decode()
        assert titles(response) == ["Organiser 12", "Organiser 13", "Organiser 14"]
        self.read(client, careers_page.url, q="organiser", sort="newest")
        posting_index.rebuild()
        response, _queries = self.read(
            client, careers_page.url, q="organiser", sort="newest", page=2
        )
        assert titles(response) == ["Organiser 04", "Organiser 03", "Organiser 02"]

    def test_more_rows_than_it_reads_are_counted_by_the_database(
        self, client, careers_page, matches, search_backend, monkeypatch
    ):
        monkeypatch.setattr("careers.listing.request.searched_rows_limit", lambda: 5)
        response, queries = self.read(client, careers_page.url, q="organiser", page=2)
        assert "13 open positions" in response.content.decode()
        assert titles(response) == ["Organiser 12", "Organiser 13", "Organiser 14"]
        assert [sql for sql in queries if "COUNT(*)" in sql]

    @pytest.mark.parametrize(
        "params",
        [
            {"q": "organiser", "workplace": "hybrid"},  # another filter
            {"q": "organiser", "sort": "newest"},  # another order
        ],
    )
    def test_its_rows_are_read_when_the_matches_are_not_them(
        self, client, careers_page, matches, search_backend, params
    ):
        response, queries = self.read(client, careers_page.url, **params)
        assert len([sql for sql in queries if sql.startswith(READS_IDS)]) == 1
        assert not [sql for sql in queries if "COUNT(*)" in sql]

    def test_an_allied_posting_that_matches_is_listed_with_the_matches(
        self, client, careers_page, matches, search_backend, source
    ):
        """When another site's posting holds the words too, the rows are read: the search's
        matches are this site's pages only."""
        item = posting_item(title="Organiser 15 (allied)", closes_in_days=15)
        sync_source(source, fetcher=FakeFetcher(fetched(item)))
        response, queries = self.read(client, careers_page.url, q="organiser", page=2)
        assert "14 open positions" in response.content.decode()
        assert titles(response) == [
            "Organiser 12",
            "Organiser 13",
            "Organiser 14",
            "Organiser 15 (allied)",
        ]
        assert len([sql for sql in queries if sql.startswith(READS_IDS)]) == 1

    def test_the_matches_as_rows_keep_the_search_limit(
        self, client, careers_page, matches, search_backend, settings
    ):
        settings.CAREERS_SEARCH_LIMIT = 4
        response, _queries = self.read(client, careers_page.url, q="organiser")
        html = response.content.decode()
        assert "4 open positions" in html
        assert titles(response) == ["Organiser 02", "Organiser 03", "Organiser 04", "Organiser 05"]
        assert "Only the first 4 matches" in html
