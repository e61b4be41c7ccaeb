"""A posting read by its route in the statement written out (careers.models.serving) is the
posting ``PostingQuerySet.for_serving()`` reads, and serves the same page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.models import (
    CareersIndexPage,
    EqualOpportunityStatement,
    JobPostingPage,
    ListingEntry,
    serving,
)
from careers.models.careers_index import PostingChildRoute
from tests.testapp.models import QuotePostingPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def postings(make_posting, locale_es, careers_page):
    default = EqualOpportunityStatement.objects.create(
        title="Default", text="<p>We welcome everyone.</p>", is_default=True
    )
    own = EqualOpportunityStatement.objects.create(title="Own", text="<p>Our own words.</p>")
    made = [
        make_posting(title='Organiser "one" </script>'),
        make_posting(title="Own statement", equal_opportunity_statement=own),
        make_posting(title="No statement", show_statement=False),
        make_posting(title="Draft", publish=False),
        make_posting(title="Quoted", model=QuotePostingPage, quoted_name="Ana"),
    ]
    # A second default, later: the first one made is the language's default.
    EqualOpportunityStatement.objects.create(title="Later", text="<p>Later.</p>", is_default=True)
    assert default.pk < own.pk
    return made


def read_by_query(table, parent, slug):
    return table._default_manager.for_serving().child_of(parent).filter(slug=slug).first()


def described(posting):
    if posting is None:
        return None
    columns = {
        field.attname: getattr(posting, field.attname)
        for field in type(posting)._meta.concrete_fields
    }
    return {
        **columns,
        "class": type(posting),
        "language": posting.locale.language_code,
        "statement": posting.careers_statement,
        "parts": posting.careers_page_parts,
    }


@pytest.mark.parametrize("table", [JobPostingPage, QuotePostingPage])
def test_the_written_statement_reads_what_the_query_reads(careers_page, postings, table):
    assert serving.writable(table)
    for posting in postings:
        expected = read_by_query(table, careers_page, posting.slug)
        assert described(serving.child(table, careers_page, posting.slug)) == described(expected)
    assert serving.child(table, careers_page, "no-such-posting") is None
    found = serving.child(JobPostingPage, careers_page, postings[1].slug)
    assert found.careers_statement["text"] == "<p>Our own words.</p>"
    assert (
        serving.child(JobPostingPage, careers_page, postings[0].slug).careers_statement["text"]
        == "<p>We welcome everyone.</p>"
    )
    assert serving.child(JobPostingPage, careers_page, postings[2].slug).statement is None
    assert serving.child(JobPostingPage, careers_page, postings[0].slug).careers_page_parts[
        "organisations"
    ]


def test_a_posting_served_through_the_written_statement_is_the_same_page(
    client, careers_page, postings, monkeypatch, settings
):
    """The stock listing page allows this suite's other posting types too, so its route reads
    them with the query; a listing of the stock type alone reads them with the statement."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    live = [posting for posting in postings if posting.live and type(posting) is JobPostingPage]
    urls = [posting.url for posting in live]
    by_query = [client.get(url) for url in urls]
    monkeypatch.setattr(CareersIndexPage, "_child_table", classmethod(lambda cls: JobPostingPage))
    calls = []
    real = serving.child
    monkeypatch.setattr(serving, "child", lambda *args: calls.append(args) or real(*args))
    for url, expected in zip(urls, by_query, strict=True):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == expected.status_code == 200
        assert response.content == expected.content
        assert sum('"careers_listingentry"' in q["sql"] for q in queries.captured_queries) == 1
    assert len(calls) == len(urls)
    assert not ListingEntry.objects.filter(page_parts=None, is_fallback=False).exists()
    assert PostingChildRoute.child_by_slug  # the route under test


def test_a_table_under_another_page_type_is_read_by_the_query():
    from tests.testapp.models import DepartmentPostingPage

    assert not serving.writable(DepartmentPostingPage)
