"""What keeping the listing index costs a publish: the rows of a posting are rewritten once per
change, and only those that changed."""

import traceback

import pytest
from django.db import connection
from django.test import TestCase
from wagtail.models import Locale

from careers import posting_index
from careers.models import HiringOrganisation, JobPostingPage, ListingEntry, Organisation

pytestmark = [pytest.mark.django_db, pytest.mark.i18n]

LANGUAGES = ("es", "fr", "pt")


class IndexQueries:
    """The queries made from careers/posting_index.py (its receivers and what they call),
    found by the module each query's stack passes through."""

    def __init__(self):
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        if any(
            frame.filename.endswith("careers/posting_index.py")
            for frame in traceback.extract_stack()
        ):
            self.statements.append(sql)
        return execute(sql, params, many, context)


def index_queries(action):
    counter = IndexQueries()
    with connection.execute_wrapper(counter), TestCase.captureOnCommitCallbacks(execute=True):
        action()
    return counter.statements


@pytest.fixture
def four_languages(careers_page, make_posting):
    """A posting live in English, Spanish, French and Portuguese."""
    posting = make_posting(title="Organiser")
    for code in LANGUAGES:
        locale = Locale.objects.get_or_create(language_code=code)[0]
        careers_page.get_parent().copy_for_translation(locale).save_revision().publish()
        careers_page.copy_for_translation(locale).save_revision().publish()
        translation = posting.copy_for_translation(locale)
        translation.save_revision().publish()
    assert ListingEntry.objects.filter(posting_key=posting.translation_key).count() == 4
    assert not ListingEntry.objects.filter(is_fallback=True).exists()
    return JobPostingPage.objects.get(pk=posting.pk)


def entry_ids(posting):
    return dict(
        ListingEntry.objects.filter(posting_key=posting.translation_key).values_list(
            "locale__language_code", "pk"
        )
    )


def test_publishing_a_change_rewrites_one_row_once(four_languages):
    """Publishing the English version of a posting in four languages, with a change the
    listings show. Before: 50 queries (the rows read and rewritten four times: on the page's
    save, its organisation's, its location's, and on ``page_published``)."""
    posting = four_languages
    before = entry_ids(posting)
    posting.workplace_type = "hybrid"
    statements = index_queries(lambda: posting.save_revision().publish())
    # Read: the live pages of the posting in each posting table (JobPostingPage, and the
    # testapp's QuotePostingPage), their organisations and locations (one table has pages), the
    # view restrictions, the locales, the shown pages with their organisations and locations
    # for their feed facts, the posting's rows. Written: the English row's facets and row
    # deleted, the row and its facets inserted.
    assert len(statements) == 14, statements
    after = entry_ids(posting)
    assert ListingEntry.objects.get(pk=after["en"]).workplace_type == "hybrid"
    assert {code: pk for code, pk in after.items() if code != "en"} == {
        code: pk for code, pk in before.items() if code != "en"
    }
    assert after["en"] != before["en"]
    assert posting_index.drift() == ([], [], [])


def test_publishing_no_change_writes_nothing(four_languages):
    posting = four_languages
    before = entry_ids(posting)
    statements = index_queries(lambda: posting.save_revision().publish())
    assert len(statements) == 10, statements  # the reads above, no writes
    assert entry_ids(posting) == before
    assert posting_index.drift() == ([], [], [])


def test_a_new_organisation_on_a_translation_rewrites_its_row(four_languages, organisation):
    """Saving a posting's organisation rows (modelcluster saves them after the page) is seen:
    the rows are worked out once the whole save is done."""
    spanish = JobPostingPage.objects.get(
        translation_key=four_languages.translation_key, locale__language_code="es"
    )
    other = Organisation.objects.create(name="Domestic Workers Union")
    spanish.hiring_organisations.add(HiringOrganisation(organisation=other, sort_order=1))
    with TestCase.captureOnCommitCallbacks(execute=True):
        spanish.save_revision().publish()
    entry = ListingEntry.objects.get(page=spanish)
    assert ["organisation", str(other.pk)] in entry.facets
    assert posting_index.drift() == ([], [], [])
