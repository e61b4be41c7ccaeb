"""The listing index follows every change to postings, as Wagtail's search index does, and
``manage.py careers_index`` rebuilds it and reports drift."""

import datetime
import importlib
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.apps import apps as django_apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from careers import posting_index
from careers.models import (
    CareersIndexPage,
    JobPostingPage,
    ListingEntry,
    ListingFacet,
    PostingLocation,
)
from careers.models.listing_index import NEVER, facets_key

pytestmark = pytest.mark.django_db

NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def assert_no_drift():
    assert posting_index.drift() == ([], [], [])


def rows(posting):
    return {
        entry.locale.language_code: entry
        for entry in ListingEntry.objects.filter(
            posting_key=posting.translation_key
        ).select_related("locale")
    }


def facets(entry):
    return set(ListingFacet.objects.filter(entry=entry).values_list("facet", "value"))


@pytest.fixture
def spanish(careers_page):
    locale = Locale.objects.get_or_create(language_code="es")[0]
    careers_page.get_parent().copy_for_translation(locale).save_revision().publish()
    careers_page.copy_for_translation(locale).save_revision().publish()
    return locale


def translate(posting, locale, publish=True):
    translation = posting.copy_for_translation(locale)
    translation.title = f"{posting.title} (es)"
    if publish:
        translation.save_revision().publish()
    return JobPostingPage.objects.get(pk=translation.pk)


def test_publishing_adds_a_row_per_locale_with_the_facets(make_posting, organisation, spanish):
    posting = make_posting(
        workplace_type="home_based",
        employment_type="part_time",
        languages=("es", "en"),
        country="GT",
        applicant_regions=["africa"],
    )
    found = rows(posting)
    assert set(found) == {"en", "es"}
    for code, entry in found.items():
        assert entry.page_id == posting.pk
        assert entry.is_fallback == (code == "es")
        assert entry.is_public
        assert entry.closes_at == posting.closes_at
        assert entry.date_posted == posting.date_posted
        assert facets(entry) == {
            ("organisation", str(organisation.pk)),
            ("country", "GT"),
            ("region", "africa"),
            ("employment", "part_time"),
            ("language", "es"),
            ("language", "en"),
            ("workplace", "home_based"),
        }
    assert_no_drift()


def test_rows_with_the_same_facets_share_a_key(make_posting):
    """The filter options group rows on ``facets_key``: every writer of the index sets it."""
    first = make_posting(workplace_type="hybrid", country="MX")
    second = make_posting(workplace_type="hybrid", country="MX")
    other = make_posting(workplace_type="hybrid", country="PE")
    first_key, second_key, other_key = (rows(p)["en"].facets_key for p in (first, second, other))
    assert first_key == second_key == facets_key(rows(first)["en"].facets) != 0
    assert other_key != first_key
    assert facets_key([["b", "2"], ["a", "1"]]) == facets_key([("a", "1"), ("b", "2")])


def test_the_migration_fills_the_keys_of_existing_rows(make_posting):
    migration = importlib.import_module("careers.migrations.0011_listing_index_keys")
    posting = make_posting(workplace_type="hybrid")
    until_filled = make_posting(open_until_filled=True, closing_date=None)
    expected = rows(posting)["en"].facets_key
    ListingEntry.objects.update(facets_key=0, open_until=timezone.now())
    migration.fill_keys(django_apps, SimpleNamespace(connection=connection))
    assert rows(posting)["en"].facets_key == expected
    assert rows(posting)["en"].open_until == posting.closes_at
    assert rows(until_filled)["en"].open_until == NEVER


def test_open_until_is_the_closing_time_or_never(make_posting):
    """What the open filter and the closing order read: every writer of the index sets it."""
    posting = make_posting(closes_in_days=3)
    until_filled = make_posting(open_until_filled=True, closing_date=None)
    assert rows(posting)["en"].open_until == posting.closes_at
    assert rows(until_filled)["en"].closes_at is None
    assert rows(until_filled)["en"].open_until == NEVER


def test_a_draft_is_not_indexed(make_posting):
    posting = make_posting(publish=False)
    assert rows(posting) == {}
    posting.save_revision().publish()
    assert set(rows(posting)) == {"en"}


def test_republishing_with_changes_updates_the_row(make_posting):
    posting = make_posting(workplace_type="on_site", country="MX")
    posting.workplace_type = "hybrid"
    posting.closing_date = posting.closing_date + datetime.timedelta(days=3)
    posting.locations = [PostingLocation(city="Lima", country="PE")]
    posting.save_revision().publish()
    entry = rows(posting)["en"]
    posting.refresh_from_db()
    assert entry.workplace_type == "hybrid"
    assert entry.closes_at == posting.closes_at
    assert ("country", "PE") in facets(entry)
    assert ("country", "MX") not in facets(entry)
    assert_no_drift()


def test_saving_a_draft_leaves_the_live_row(make_posting):
    posting = make_posting(workplace_type="on_site")
    posting.workplace_type = "hybrid"
    posting.save_revision()
    assert rows(posting)["en"].workplace_type == "on_site"
    assert_no_drift()


def test_unpublishing_removes_the_rows(make_posting):
    posting = make_posting()
    posting.unpublish()
    assert rows(posting) == {}
    assert_no_drift()


def test_moving_updates_the_path(make_posting, careers_page):
    other = CareersIndexPage(title="Consultancies", slug="consultancies")
    careers_page.get_parent().add_child(instance=other)
    posting = make_posting()
    posting.move(other, pos="last-child")
    posting.refresh_from_db()
    entry = rows(posting)["en"]
    assert entry.path == posting.path
    assert entry.path.startswith(other.path)
    assert entry.parent_key == other.translation_key != careers_page.translation_key
    assert_no_drift()


def test_moving_the_careers_page_moves_its_postings(make_posting, careers_page):
    other = CareersIndexPage(title="Network", slug="network")
    careers_page.get_parent().add_child(instance=other)
    posting = make_posting()
    careers_page.move(other, pos="last-child")
    posting.refresh_from_db()
    assert rows(posting)["en"].path == posting.path
    assert_no_drift()


def test_reordering_pages_keeps_their_siblings_rows_in_place(make_posting, careers_page):
    """Moving a page before its new siblings shifts their paths, and those of the pages below
    them, without a signal of their own: their postings' rows follow too."""
    other = CareersIndexPage(title="Consultancies", slug="consultancies")
    careers_page.get_parent().add_child(instance=other)
    organiser = make_posting(title="Organiser")
    consultant = make_posting(title="Consultant", parent=other)
    before = organiser.path
    other.move(careers_page, pos="left")
    organiser.refresh_from_db()
    consultant.refresh_from_db()
    assert organiser.path != before  # shifted by the move of its parent's sibling
    assert rows(organiser)["en"].path == organiser.path
    assert rows(consultant)["en"].path == consultant.path
    assert_no_drift()


def test_deleting_removes_the_rows(make_posting):
    posting = make_posting()
    key = posting.translation_key
    posting.delete()
    assert not ListingEntry.objects.filter(posting_key=key).exists()
    assert_no_drift()


def test_a_published_translation_replaces_the_fallback(make_posting, spanish):
    posting = make_posting()
    assert rows(posting)["es"].page_id == posting.pk
    draft = translate(posting, spanish, publish=False)
    assert rows(posting)["es"].page_id == posting.pk
    draft.save_revision().publish()
    entry = rows(posting)["es"]
    assert entry.page_id == draft.pk
    assert not entry.is_fallback
    # Below the Spanish listing page: a version of the English one, with its translation_key.
    assert draft.get_parent().locale == spanish
    assert (
        entry.parent_key == posting.get_parent().translation_key == rows(posting)["en"].parent_key
    )
    assert rows(posting)["en"].page_id == posting.pk
    assert_no_drift()


def test_deleting_a_translation_falls_back_to_the_source(make_posting, spanish):
    posting = make_posting()
    translation = translate(posting, spanish)
    assert rows(posting)["es"].page_id == translation.pk
    translation.delete()
    entry = rows(posting)["es"]
    assert entry.page_id == posting.pk
    assert entry.is_fallback
    assert_no_drift()


def test_privacy_follows_view_restrictions(make_posting, careers_page):
    posting = make_posting()
    restriction = PageViewRestriction.objects.create(
        page=careers_page, restriction_type="password", password="secret"
    )
    assert not rows(posting)["en"].is_public
    assert_no_drift()
    restriction.delete()
    assert rows(posting)["en"].is_public
    assert_no_drift()


def test_scheduled_publishing_indexes_the_posting(make_posting):
    posting = make_posting(publish=False)
    revision = posting.save_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(hours=1)
    revision.save(update_fields=["approved_go_live_at"])
    assert rows(posting) == {}
    call_command("publish_scheduled", verbosity=0)
    assert set(rows(posting)) == {"en"}
    assert_no_drift()


def test_renaming_an_organisation_shows_in_the_options(
    client, careers_page, make_posting, organisation, settings
):
    settings.CACHES = NO_CACHE
    make_posting()
    organisation.name = "Renamed network"
    organisation.short_name = ""
    organisation.save()
    soup = BeautifulSoup(client.get(careers_page.url).content, "html.parser")
    labels = [
        option.get_text(strip=True) for option in soup.select('select[name="organisation"] option')
    ]
    assert "Renamed network" in labels
    assert_no_drift()


def test_a_new_locale_gets_rows(make_posting):
    posting = make_posting()
    Locale.objects.create(language_code="fr")
    entry = rows(posting)["fr"]
    assert entry.page_id == posting.pk and entry.is_fallback
    assert_no_drift()


def test_the_command_rebuilds_and_reports_drift(make_posting, capsys):
    first, second, third = make_posting(), make_posting(), make_posting()
    call_command("careers_index", "--check")
    assert "up to date" in capsys.readouterr().out

    ListingEntry.objects.filter(posting_key=first.translation_key).delete()  # missing
    ListingEntry.objects.filter(posting_key=second.translation_key).update(closes_at=None)
    JobPostingPage.objects.filter(pk=third.pk).update(live=False)  # an extra row
    with pytest.raises(CommandError, match="1 rows missing, 1 extra, 1 different"):
        call_command("careers_index", "--check")
    out = capsys.readouterr().out
    assert f"missing: posting {first.translation_key}" in out
    assert f"extra: posting {third.translation_key}" in out
    assert f"different: posting {second.translation_key}" in out

    call_command("careers_index")
    assert "rebuilt: 2 rows" in capsys.readouterr().out
    call_command("careers_index", "--check")
    assert_no_drift()
