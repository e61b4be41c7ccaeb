"""Every migration of the app goes back and forward again with data in place, on each database."""

import io
import json
import types

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from careers.models import JobPostingPage, Organisation


def careers_tables():
    return {name for name in connection.introspection.table_names() if name.startswith("careers_")}


def unapplied():
    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def historical(migration):
    """The index builder's models as they were after ``migration`` of the app (what its data
    migrations give it)."""
    state = MigrationExecutor(connection).loader.project_state(("careers", migration))
    get = state.apps.get_model
    return types.SimpleNamespace(
        JobPostingPage=get("careers", "JobPostingPage"),
        ListingEntry=get("careers", "ListingEntry"),
        ListingFacet=get("careers", "ListingFacet"),
        Locale=get("wagtailcore", "Locale"),
        PageViewRestriction=get("wagtailcore", "PageViewRestriction"),
    )


@pytest.mark.django_db(transaction=True)
def test_migrations_go_back_and_forward_with_postings_in_place(make_posting, organisation):
    make_posting(title="Regional coordinator")
    make_posting(title="Consultant", employment_type="consultancy", workplace_type="home_based")
    tables = careers_tables()
    assert "careers_jobpostingpage" in tables and not unapplied()
    migrations = sorted(
        name
        for app, name in MigrationExecutor(connection).loader.disk_migrations
        if app == "careers"
    )

    # Each migration reverses onto the one before it, with the data of the one before in place,
    # down to zero (which also unapplies apps that depend on careers, such as the example site's).
    for previous, current in reversed(
        list(zip(["zero", *migrations[:-1]], migrations, strict=True))
    ):
        call_command("migrate", "careers", current, verbosity=0)
        call_command("migrate", "careers", previous, verbosity=0)
    assert careers_tables() == set()

    call_command("migrate", verbosity=0)
    assert careers_tables() == tables
    assert not unapplied()
    # The schema works again: the app's models can be written and read.
    Organisation.objects.create(name="Waste Pickers Alliance")
    assert Organisation.objects.filter(name="Waste Pickers Alliance").exists()
    assert JobPostingPage.objects.count() == 0  # the postings' rows went with the tables


def posting_column(posting, column):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM careers_jobpostingpage WHERE page_ptr_id = %s",  # noqa: S608
            [posting.pk],
        )
        return cursor.fetchone()[0]


def translation_source(posting):
    """wagtail-localize's copy of the posting, from which its translations are made."""
    from django.apps import apps

    if not apps.is_installed("wagtail_localize"):
        return None
    from wagtail_localize.models import TranslationSource

    return TranslationSource.get_or_create_from_instance(posting)[0]


@pytest.mark.django_db(transaction=True)
def test_0004_keeps_types_of_employment_and_deadlines_both_ways(make_posting):
    from wagtail.models import Revision

    several = make_posting(title="Both", employment_types=["part_time", "consultancy"])
    until_filled = make_posting(title="Open", open_until_filled=True, closing_date=None)
    revision = Revision.objects.filter(object_id=str(several.pk)).latest("pk")
    assert revision.content["employment_types"] == "part_time,consultancy"
    source = translation_source(several)

    call_command("migrate", "careers", "0003", verbosity=0)
    assert posting_column(several, "employment_type") == "part_time"
    assert posting_column(until_filled, "closing_date") is not None
    revision.refresh_from_db()
    assert revision.content["employment_type"] == "part_time"
    assert "employment_types" not in revision.content

    # Every app forward again: going back unapplied the apps that depend on careers (the
    # test app, whose posting table the listing index reads).
    call_command("migrate", verbosity=0)
    assert JobPostingPage.objects.get(pk=several.pk).employment_types == ["part_time"]
    revision.refresh_from_db()
    assert revision.content["employment_types"] == "part_time"
    assert revision.as_object().employment_types == ["part_time"]
    if source is not None:
        source.refresh_from_db()
        assert source.as_instance().employment_types == ["part_time"]


@pytest.mark.django_db(transaction=True)
def test_0011_works_out_the_new_columns_of_the_rows_in_place(make_posting):
    """Forward with a filled listing index: the new columns are worked out for its rows and
    the indexes are made after them (on PostgreSQL, only once the rows' deferred foreign key
    checks have run)."""
    from careers.models import ListingEntry
    from careers.models.listing_index import NEVER, facets_key

    dated = make_posting(title="Dated", workplace_type="hybrid")
    until_filled = make_posting(title="Until filled", open_until_filled=True, closing_date=None)
    call_command("migrate", "careers", "0010", verbosity=0)
    call_command("migrate", "careers", verbosity=0)
    assert not unapplied()
    rows = {row.page_id: row for row in ListingEntry.objects.all()}
    assert rows[dated.pk].facets_key == facets_key(rows[dated.pk].facets)
    assert rows[dated.pk].open_until == dated.closes_at
    assert rows[until_filled.pk].open_until == NEVER


@pytest.mark.django_db(transaction=True)
def test_0012_gives_the_rows_in_place_their_cards(make_posting):
    """Forward with a filled listing index: every row of a posting gets the card the index
    writes today, and nothing else changes."""
    from careers import posting_index
    from careers.models import ListingEntry

    make_posting(title="Consultant", employment_type="consultancy", workplace_type="home_based")
    make_posting(title="Organiser", time_commitment="3 days a week")
    before = {row.pk: row.card for row in ListingEntry.objects.all()}
    assert all(before.values())
    call_command("migrate", "careers", "0011", verbosity=0)
    call_command("migrate", "careers", "0013", verbosity=0)
    # As the index was then: its rows' feed facts came with 0014.
    assert posting_index.drift(historical("0013_card_languages")) == ([], [], [])
    call_command("migrate", "careers", verbosity=0)
    assert not unapplied()
    after = {row.page_id: row.card for row in ListingEntry.objects.all()}
    assert sorted(map(str, after.values())) == sorted(map(str, before.values()))
    assert all(card.get("employers") for card in after.values())


@pytest.mark.django_db(transaction=True)
def test_0013_gives_the_cards_in_place_their_languages(make_posting):
    """Forward with cards written before they held languages: each card gets the languages
    its posting is live and public in, and the index is then what it should be."""
    from careers import posting_index
    from careers.models import ListingEntry

    posting = make_posting(title="Organiser")
    call_command("migrate", "careers", "0012", verbosity=0)
    # Columns since 0014, 0015 and 0016.
    for row in ListingEntry.objects.defer("facts", "parent_key", "page_parts"):
        del row.card["languages"]
        row.save(update_fields=["card"])
    assert posting_index.drift(historical("0012_listing_cards")) != ([], [], [])
    call_command("migrate", "careers", "0013", verbosity=0)
    assert posting_index.drift(historical("0013_card_languages")) == ([], [], [])
    call_command("migrate", "careers", verbosity=0)
    assert not unapplied()
    cards = [row.card for row in ListingEntry.objects.filter(page_id=posting.pk)]
    assert cards and all(card["languages"] == [posting.locale.language_code] for card in cards)


@pytest.mark.django_db(transaction=True)
def test_0014_leaves_the_feed_facts_to_a_rebuild(client, careers_page, make_posting, settings):
    """Forward with a filled listing index: the rows' feed facts are empty (a migration cannot
    make them), the JSON Feed reads them from the pages meanwhile, ``careers_index --check``
    reports the rows, and ``careers_index`` fills them."""
    from careers import posting_index
    from careers.models import ListingEntry

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    make_posting(title="Organiser", reports_to="Chair")
    make_posting(title="Consultant", employment_type="consultancy", workplace_type="home_based")
    feed = client.get(careers_page.url + "feed/json/").content
    items = json.loads(feed)["items"]
    call_command("migrate", "careers", "0013", verbosity=0)
    call_command("migrate", "careers", verbosity=0)
    assert not unapplied()
    assert not ListingEntry.objects.filter(facts__isnull=False).exists()
    assert json.loads(client.get(careers_page.url + "feed/json/").content)["items"] == items
    with pytest.raises(CommandError, match="2 different"):
        call_command("careers_index", "--check", stdout=io.StringIO())
    call_command("careers_index", stdout=io.StringIO())
    assert not ListingEntry.objects.filter(facts__isnull=True).exists()
    assert posting_index.drift() == ([], [], [])
    assert json.loads(client.get(careers_page.url + "feed/json/").content)["items"] == items


@pytest.mark.django_db(transaction=True)
def test_0015_gives_the_rows_in_place_the_key_of_the_page_above(careers_page, make_posting, source):
    """Forward with a filled listing index: each row gets the translation_key of the page it
    is below (an allied posting's row, of the listing page it is placed under), as the index
    writes it today, and the listing finds them by it."""
    from careers import posting_index
    from careers.models import CareersIndexPage, ListingEntry
    from careers.syndication.sync import sync_source
    from careers.visibility import PostingQuery
    from tests.helpers import FakeFetcher, fetched, posting_item

    other = CareersIndexPage(title="Consultancies", slug="consultancies")
    careers_page.get_parent().add_child(instance=other)
    organiser = make_posting(title="Organiser")
    make_posting(title="Consultant", parent=other)
    sync_source(source, fetcher=FakeFetcher(fetched(posting_item(title="Allied organiser"))))
    assert ListingEntry.objects.exclude(origin="").exists()
    call_command("migrate", "careers", "0014", verbosity=0)
    # A row whose path is older than its page's (reordering pages shifts their siblings'
    # paths): its parent is found from its page.
    stale = ListingEntry.objects.filter(page_id=organiser.pk)
    stale.update(path=other.path + "0009")
    call_command("migrate", "careers", verbosity=0)
    assert not unapplied()
    assert {row.parent_key for row in stale} == {careers_page.translation_key}
    ListingEntry.objects.filter(page_id=organiser.pk).update(path=organiser.path)
    keys = {
        row.origin: row.parent_key
        for row in ListingEntry.objects.filter(parent_key=careers_page.translation_key)
    }
    assert set(keys) == {"", "allies.example.org"}
    assert ListingEntry.objects.filter(parent_key=other.translation_key).count() == 1
    assert not ListingEntry.objects.filter(parent_key__isnull=True).exists()
    # All is as the index writes it today, but for the page parts that migration 0016 leaves
    # empty for a rebuild (test_0016_leaves_the_page_parts_to_a_rebuild).
    without_parts = types.SimpleNamespace(**vars(posting_index.current_models()))
    without_parts.makes_page_parts = False
    assert posting_index.drift(without_parts) == ([], [], [])
    query = PostingQuery.for_index_page(careers_page)
    titles = [posting.title for posting in query.pages_for(query.open_entries())]
    assert sorted(titles) == ["Allied organiser", "Organiser"]


@pytest.mark.django_db(transaction=True)
def test_0016_leaves_the_page_parts_to_a_rebuild(client, make_posting, settings):
    """Forward with a filled listing index: the rows' page parts are empty (a migration cannot
    render bodies), postings are rendered from their tables meanwhile, the same page,
    ``careers_index --check`` reports the rows, and ``careers_index`` fills them."""
    from careers import posting_index
    from careers.models import ListingEntry

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    posting = make_posting(title="Organiser")
    url = posting.url
    page = client.get(url).content
    call_command("migrate", "careers", "0015", verbosity=0)
    call_command("migrate", "careers", verbosity=0)
    assert not unapplied()
    assert not ListingEntry.objects.filter(page_parts__isnull=False).exists()
    assert client.get(url).content == page
    with pytest.raises(CommandError, match="1 different"):
        call_command("careers_index", "--check", stdout=io.StringIO())
    call_command("careers_index", stdout=io.StringIO())
    assert ListingEntry.objects.get(page_id=posting.pk, is_fallback=False).page_parts["body"]
    assert posting_index.drift() == ([], [], [])
    assert client.get(url).content == page
