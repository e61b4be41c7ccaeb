"""Cards made from the listing index's rows (``ListingEntry.card``) show what cards made from the
pages show, and follow every change they depend on."""

import datetime
from unittest import mock

import pytest
from django.db import connection
from django.db.models import Model
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import override as translation_override
from wagtail.models import Locale

from careers import posting_index
from careers.instances import partial_instance, plain_init
from careers.models import CareersIndexPage, JobPostingPage, ListingEntry, Organisation


def no_deferred_reads():
    """Fails a test that reads a field a card made from the index does not hold."""
    error = AssertionError("a card read a deferred field")
    return mock.patch.object(Model, "refresh_from_db", autospec=True, side_effect=error)


def results_html(client, careers_page, settings, from_index, query=""):
    settings.CAREERS_CARDS_FROM_INDEX = from_index
    with no_deferred_reads():
        response = client.get(careers_page.url + query)
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('<ul class="careers-results">')
    return html[start : html.index("</ul>", start)]


@pytest.fixture
def varied(make_posting, organisation):
    supporter = Organisation.objects.create(name="Solidarity Centre", short_name="SC")
    second = Organisation.objects.create(name="Waste Pickers' Alliance", short_name="WPA")
    return [
        make_posting(
            title="Joint <b>organiser</b> & “lead”",
            organisations=[organisation, second, (supporter, "supporter")],
            workplace_type="hybrid",
            time_commitment="3 days a week",
            employment_types=["consultancy", "part_time"],
            introduction='Quotes "here" and </script> there.',
        ),
        make_posting(
            title="Home-based coordinator",
            workplace_type="home_based",
            applicant_regions=["africa", "latin_america"],
            applicant_countries=["KE", "BR"],
            closing_timezone="America/Mexico_City",
            closes_in_days=3,
        ),
        make_posting(title="Until filled", open_until_filled=True, closing_date=None),
        make_posting(title="No location", country=None),
    ]


def test_cards_from_the_index_show_what_cards_from_the_pages_show(
    client, careers_page, settings, varied
):
    from_pages = results_html(client, careers_page, settings, from_index=False)
    from_index = results_html(client, careers_page, settings, from_index=True)
    assert from_index == from_pages
    for text in (
        "Home Workers Federation · Waste Pickers&#x27; Alliance",
        "3 days a week",
        "Kenya",
        "City, Mexico",
        "Open until filled",
        "&lt;/script&gt;",
    ):
        assert text in from_index
    assert "Solidarity Centre" not in from_index  # a supporter, not an employer


@pytest.mark.i18n
def test_cards_from_the_index_in_another_language_and_its_fallbacks(
    client, careers_page, settings, varied
):
    """The same cards in Spanish: one posting translated (its row shows the Spanish page), the
    others falling back to their English pages."""
    locale = Locale.objects.get_or_create(language_code="es")[0]
    careers_page.get_parent().copy_for_translation(locale).save_revision().publish()
    careers_page.copy_for_translation(locale).save_revision().publish()
    translation = varied[1].copy_for_translation(locale)
    translation.title = "Coordinación desde casa"
    translation.introduction = "Un puesto en la red."
    translation.save_revision().publish()
    spanish = CareersIndexPage.objects.get(locale=locale)
    with translation_override("es"):
        from_pages = results_html(client, spanish, settings, from_index=False)
        from_index = results_html(client, spanish, settings, from_index=True)
    assert from_index == from_pages
    assert "Coordinación desde casa" in from_index and "Un puesto en la red." in from_index
    assert 'lang="en"' in from_index and 'lang="es"' in from_index


@pytest.mark.i18n
def test_the_languages_on_a_card_follow_its_translations(client, careers_page, settings, varied):
    """A card's "Available in" is held by the card of every version's row: publishing a
    translation, restricting it and unpublishing it rewrite them all."""
    from wagtail.models import PageViewRestriction

    locale = Locale.objects.get_or_create(language_code="es")[0]
    careers_page.get_parent().copy_for_translation(locale).save_revision().publish()
    careers_page.copy_for_translation(locale).save_revision().publish()
    translation = varied[1].copy_for_translation(locale)
    translation.save_revision().publish()

    def available():
        html = results_html(client, careers_page, settings, from_index=True)
        assert html == results_html(client, careers_page, settings, from_index=False)
        return html.count("Available in:")

    assert available() == 1
    restriction = PageViewRestriction.objects.create(page=translation, restriction_type="login")
    assert available() == 0
    restriction.delete()
    assert available() == 1
    JobPostingPage.objects.get(pk=translation.pk).unpublish()
    assert available() == 0
    assert posting_index.drift() == ([], [], [])


@pytest.mark.i18n
def test_a_card_written_without_languages_gets_them_in_one_query(
    client, careers_page, settings, varied
):
    """Cards written before migration 0013 (of a posting type it does not know) hold no
    languages: the listing reads theirs, in one query for the page, until they are written
    again."""
    from_pages = results_html(client, careers_page, settings, from_index=False)
    with CaptureQueriesContext(connection) as queries:
        results_html(client, careers_page, settings, from_index=True)
    for row in ListingEntry.objects.filter(page_id__in=[varied[0].pk, varied[1].pk]):
        del row.card["languages"]
        row.save(update_fields=["card"])
    with CaptureQueriesContext(connection) as more_queries:
        assert results_html(client, careers_page, settings, from_index=True) == from_pages
    assert len(more_queries) == len(queries) + 1
    assert posting_index.drift()[2]  # `careers_index` reports and rebuilds them


def test_cards_from_the_index_read_no_posting_table(client, careers_page, settings, varied):
    settings.CAREERS_CARDS_FROM_INDEX = True
    with CaptureQueriesContext(connection) as queries:
        client.get(careers_page.url)
    tables = ('"careers_jobpostingpage"', '"careers_hiringorganisation"', "careers_postinglocation")
    assert not [q["sql"] for q in queries if any(table in q["sql"] for table in tables)]


def test_renaming_an_organisation_renames_it_on_the_cards(
    client, careers_page, settings, varied, organisation
):
    organisation.name = "Federation of Home Workers"
    organisation.save()
    html = results_html(client, careers_page, settings, from_index=True)
    assert "Federation of Home Workers" in html and "Home Workers Federation" not in html
    assert posting_index.drift() == ([], [], [])


def test_publishing_a_new_introduction_changes_the_card(client, careers_page, settings, varied):
    posting = JobPostingPage.objects.get(pk=varied[2].pk)
    posting.introduction = "A new introduction."
    posting.time_commitment = "Full time"
    posting.save_revision().publish()
    html = results_html(client, careers_page, settings, from_index=True)
    assert "A new introduction." in html and "Full time" in html


def test_a_row_without_a_card_is_shown_from_its_page(client, careers_page, settings, varied):
    """Rows written before the index had cards (a posting type that migration 0012 does not
    know) are read from their pages until they are written again."""
    from_pages = results_html(client, careers_page, settings, from_index=False)
    ListingEntry.objects.filter(page_id=varied[1].pk).update(card={})
    assert results_html(client, careers_page, settings, from_index=True) == from_pages
    missing, extra, different = posting_index.drift()
    assert different and not missing and not extra  # `careers_index` reports and rebuilds it
    posting_index.rebuild()
    assert ListingEntry.objects.get(page_id=varied[1].pk).card


def test_a_card_template_reading_another_field_gets_its_value(careers_page, varied):
    """A field the index does not hold is deferred: reading it costs a query, not a wrong
    value."""
    from careers.visibility import ENTRY_CLOSING_ORDER, PostingQuery

    varied[0].reference_code = "HWF-2026-07"
    varied[0].save_revision().publish()
    query = PostingQuery.for_index_page(careers_page)
    entries = query.open_entries().order_by(*ENTRY_CLOSING_ORDER)
    postings = {posting.pk: posting for posting in query.pages_for(entries[:10], cards=True)}
    card = postings[varied[0].pk]
    assert type(card) is JobPostingPage and "reference_code" in card.get_deferred_fields()
    with CaptureQueriesContext(connection) as queries:
        assert card.reference_code == "HWF-2026-07"
    assert len(queries) == 1
    request = RequestFactory().get("/")
    assert card.get_url(request) == varied[0].get_url(request)
    Organisation.objects.filter(short_name="HWF").update(website="https://hwf.example.org")
    employer = card.employers[0]
    assert (employer.name, employer.short_name) == ("Home Workers Federation", "HWF")
    assert employer.website == "https://hwf.example.org"


def test_a_card_shows_the_status_at_the_time_of_the_request(
    client, careers_page, settings, make_posting
):
    import time_machine

    make_posting(title="Closing", closes_in_days=10)
    html = results_html(client, careers_page, settings, from_index=True)
    assert "Closing soon" not in html
    with time_machine.travel(timezone.now() + datetime.timedelta(days=5)):
        html = results_html(client, careers_page, settings, from_index=True)
    assert "Closing soon" in html


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_entries_from_the_index_are_those_from_the_pages(
    client, careers_page, settings, varied, kind
):
    def document(from_index):
        settings.CAREERS_CARDS_FROM_INDEX = from_index
        with no_deferred_reads():
            response = client.get(f"{careers_page.url}feed/{kind}/")
        assert response.status_code == 200
        return response.content.decode()

    varied[0].save_revision().publish()  # last published after it was first published
    from_pages = document(from_index=False)
    assert document(from_index=True) == from_pages
    assert "Waste Pickers" in from_pages


def test_a_feed_class_may_read_its_entries_from_the_pages(careers_page, varied, rf):
    from careers.listing.feeds import PostingsRssFeed

    class BodyFeed(PostingsRssFeed):
        entries_from_index = False
        deferred_fields = ()

    request = rf.get(careers_page.url + "feed/rss/")
    feed = BodyFeed(careers_page, careers_page.get_listing(request))
    feed.get_object(request)
    entries = list(feed.items(careers_page))
    assert entries and all(entry.get_deferred_fields() == set() for entry in entries)


def made_both_ways(model, values):
    """``values`` made into an instance of ``model`` by ``careers.instances.partial_instance``
    and by Django's ``from_db``, as the instance's attributes and its deferred fields."""

    made = partial_instance(model, values, "default")
    columns = [f.attname for f in model._meta.concrete_fields if f.attname in made.__dict__]
    loaded = model.from_db("default", columns, [made.__dict__[name] for name in columns])

    def described(instance):
        attributes = {k: v for k, v in vars(instance).items() if k != "_state"}
        state = (instance._state.adding, instance._state.db)
        return attributes, state, instance.get_deferred_fields()

    return described(made), described(loaded)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model_name", ["JobPostingPage", "DepartmentPostingPage", "QuotePostingPage", "Organisation"]
)
def test_instances_made_without_init_are_as_django_makes_them(model_name, organisation):
    """Cards and language versions are made without running ``__init__`` (see
    ``careers.instances.partial_instance``): whatever Django and Wagtail version, each holds
    what ``from_db`` would give, with the same columns deferred, and a country list is cleaned
    as when set."""
    from django.apps import apps

    model = {m.__name__: m for m in apps.get_models()}[model_name]
    if model is Organisation:
        values = {"id": organisation.pk, "name": "N", "short_name": "S", "locale_id": 1}
    else:
        values = {
            "id": 7,
            "title": "Organiser",
            "url_path": "/home/careers/organiser/",
            "locale_id": 1,
            "live": True,
            "content_type_id": 3,
            "closes_at": timezone.now(),
            "introduction": "A role.",
            "employment_types": ["consultancy"],
            "applicant_countries": ["mx", "ZA"],
        }
    fast, django = made_both_ways(model, values)
    assert fast == django
    assert fast[2], "some columns are deferred"


@pytest.mark.django_db
def test_a_model_with_its_own_init_is_made_by_from_db(monkeypatch):
    """A site's posting type may do anything in ``__init__``, and a receiver of ``post_init``
    may expect to see every instance: then instances are made by ``from_db``."""
    from django.db.models.signals import post_init

    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance)

    post_init.connect(receiver, sender=JobPostingPage)
    try:
        made = partial_instance(JobPostingPage, {"id": 7, "title": "T"}, "default")
    finally:
        post_init.disconnect(receiver, sender=JobPostingPage)
    assert seen == [made]

    original = JobPostingPage.__init__

    def counting_init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.counted = True

    plain_init.cache_clear()
    monkeypatch.setattr(JobPostingPage, "__init__", counting_init)
    try:
        assert partial_instance(JobPostingPage, {"id": 7, "title": "T"}, "default").counted
    finally:
        monkeypatch.undo()
        plain_init.cache_clear()
