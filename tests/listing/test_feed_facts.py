"""The JSON Feed's posting facts kept in the listing index (careers.facts): a feed made from
the rows says what one made from the pages says, and the rows follow every change the facts
show, the organisations' included."""

import datetime
import io
import json
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail.models import Locale

from careers import posting_index
from careers.models import JobPostingPage, ListingEntry, Organisation
from tests.helpers import block, item
from tests.testapp.models import DepartmentPostingPage

NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def feed(client, careers_page, query=""):
    response = client.get(careers_page.url + "feed/json/" + query)
    assert response.status_code == 200
    document = json.loads(response.content)
    document["_careers"].pop("generated_at")
    return document


def facts(client, careers_page):
    return {item["title"]: item["_careers"] for item in feed(client, careers_page)["items"]}


@pytest.fixture
def supporter(db):
    return Organisation.objects.create(
        name="Street Vendors Trust", short_name="SVT", website="https://svt.example.org/"
    )


@pytest.fixture
def varied(make_posting, organisation, supporter):
    second = Organisation.objects.create(name="Waste Pickers' Alliance", short_name="WPA")
    languages = block(
        "languages",
        {
            "heading": "",
            "items": [
                item({"language": "es", "level": "fluent", "importance": "essential"}),
                item(
                    {
                        "language": "fr",
                        "alternatives": ["pt", "sw"],
                        "level": "working",
                        "importance": "desirable",
                    }
                ),
            ],
        },
    )
    return [
        make_posting(
            title="Joint organiser & “lead” </script>",
            organisations=[organisation, second, (supporter, "supporter")],
            workplace_type="hybrid",
            time_commitment="3 days a week",
            employment_types=["consultancy", "part_time"],
            introduction='Quotes "here" and </script> there.',
            reports_to="Programme Director",
            reports_to_organisation=supporter,
            salary_currency="USD",
            salary_min=Decimal("1200.50"),
            salary_max=Decimal("1500"),
            salary_period="month",
            remuneration="Competitive, by experience",
            application_cc="hr@example.org, board@example.org",
            application_reference="REF-7",
            reference_code="WPA-2026-04",
            contract_length="Six months",
            start_date=datetime.date(2027, 1, 15),
            body=[languages],
        ),
        make_posting(
            title="Home-based coordinator",
            workplace_type="home_based",
            applicant_regions=["africa", "latin_america"],
            applicant_countries=["KE", "BR"],
            closing_timezone="America/Mexico_City",
            closes_in_days=3,
            review_from=datetime.date(2026, 12, 1),
            application_url="https://apply.example.org/coordinator",
        ),
        make_posting(title="Until filled", open_until_filled=True, closing_date=None),
        make_posting(title="No location", country=None, model=DepartmentPostingPage),
    ]


@pytest.mark.django_db
def test_a_feed_made_from_the_index_says_what_one_made_from_the_pages_says(
    client, careers_page, varied, settings
):
    settings.CACHES = NO_CACHE
    from_rows = feed(client, careers_page)
    assert len(from_rows["items"]) == 4
    ListingEntry.objects.update(facts=None)
    assert feed(client, careers_page) == from_rows
    settings.CAREERS_CARDS_FROM_INDEX = False
    assert feed(client, careers_page) == from_rows
    assert feed(client, careers_page, "?all=1") == {
        **from_rows,
        "feed_url": from_rows["feed_url"] + "?all=1",
        "_careers": {**from_rows["_careers"], "all": True},
    }
    joint = {item["title"]: item["_careers"] for item in from_rows["items"]}[
        "Joint organiser & “lead” </script>"
    ]
    assert joint["pay"] == {
        "currency": "USD",
        "minimum": "1200.50",
        "maximum": "1500.00",
        "period": "month",
    }
    assert [r["languages"] for r in joint["languages_required"]] == [["es"], ["fr", "pt", "sw"]]
    assert [o["short_name"] for o in joint["organisations"]] == ["HWF", "WPA", "SVT"]
    assert joint["reports_to_organisation"] == "Street Vendors Trust"
    assert joint["calendar_url"].endswith("/calendar/")


@pytest.mark.django_db
def test_a_feed_made_from_the_index_reads_no_posting_table(client, careers_page, varied, settings):
    settings.CACHES = NO_CACHE
    with CaptureQueriesContext(connection) as context:
        feed(client, careers_page)
    tables = " ".join(query["sql"] for query in context.captured_queries)
    assert '"careers_jobpostingpage"' not in tables
    assert '"careers_hiringorganisation"' not in tables
    assert '"careers_postinglocation"' not in tables


@pytest.mark.django_db
def test_the_status_is_worked_out_when_the_feed_is_made(
    client, careers_page, make_posting, settings
):
    settings.CACHES = NO_CACHE
    make_posting(title="Soon", closes_in_days=10)
    assert facts(client, careers_page)["Soon"]["status"] == "open"
    with time_machine.travel(timezone.now() + datetime.timedelta(days=9)):
        assert facts(client, careers_page)["Soon"]["status"] == "closing_soon"


@pytest.mark.django_db
def test_an_organisation_renamed_or_moved_is_in_the_feed_at_once(
    client, careers_page, varied, organisation, supporter, settings
):
    settings.CACHES = NO_CACHE
    supporter.name = "Street Vendors' Trust"
    supporter.short_name = "SVT-2"
    supporter.website = "https://trust.example.org/"
    supporter.save()
    organisation.website = "https://hwf.example.org/"
    organisation.save()
    joint = facts(client, careers_page)["Joint organiser & “lead” </script>"]
    assert joint["reports_to_organisation"] == "Street Vendors' Trust"
    assert [(o["short_name"], o["website"]) for o in joint["organisations"]] == [
        ("HWF", "https://hwf.example.org/"),
        ("WPA", ""),
        ("SVT-2", "https://trust.example.org/"),
    ]
    assert posting_index.drift() == ([], [], [])


@pytest.mark.django_db
def test_an_organisation_reported_to_and_deleted_leaves_the_feed(
    client, careers_page, make_posting, settings
):
    settings.CACHES = NO_CACHE
    board = Organisation.objects.create(name="Regional Board")
    make_posting(title="Reports", reports_to="Chair", reports_to_organisation=board)
    assert facts(client, careers_page)["Reports"]["reports_to_organisation"] == "Regional Board"
    board.delete()
    assert facts(client, careers_page)["Reports"]["reports_to_organisation"] is None
    assert posting_index.drift() == ([], [], [])


@pytest.mark.django_db
def test_an_organisation_reported_to_only_is_followed(client, careers_page, make_posting, settings):
    """Named only as the organisation the role reports to (not among its organisations)."""
    settings.CACHES = NO_CACHE
    board = Organisation.objects.create(name="Regional Board")
    make_posting(title="Reports", reports_to="Chair", reports_to_organisation=board)
    board.name = "Regional Council"
    board.save()
    assert facts(client, careers_page)["Reports"]["reports_to_organisation"] == "Regional Council"


@pytest.mark.django_db
def test_saving_a_posting_unchanged_rewrites_no_row(make_posting, varied):
    """Stored facts compare equal to what they should be once read back from the database."""
    before = dict(ListingEntry.objects.values_list("page_id", "pk"))
    for posting in varied:
        with TestCase.captureOnCommitCallbacks(execute=True):
            type(posting).objects.get(pk=posting.pk).save_revision().publish()
    assert dict(ListingEntry.objects.values_list("page_id", "pk")) == before


@pytest.mark.django_db
def test_rows_without_facts_are_reported_and_rebuilt(client, careers_page, varied, settings):
    settings.CACHES = NO_CACHE
    ListingEntry.objects.update(facts=None)
    missing, extra, different = posting_index.drift()
    assert (missing, extra) == ([], [])
    assert len(different) == ListingEntry.objects.count() == 4 * Locale.objects.count()
    call_command("careers_index", stdout=io.StringIO())
    assert not ListingEntry.objects.filter(facts=None).exists()
    assert posting_index.drift() == ([], [], [])


@pytest.mark.django_db
def test_facts_are_stored_as_the_database_gives_them_back(make_posting, monkeypatch):
    """A posting type whose facts hold tuples or lazy text (a site's own property, say) still
    compares equal to its row: a save that changes nothing rewrites nothing."""
    monkeypatch.setattr(
        JobPostingPage, "application_cc_emails", property(lambda self: ("cc@example.org",))
    )
    monkeypatch.setattr(JobPostingPage, "subject_line", property(lambda self: gettext_lazy("CV")))
    posting = make_posting()
    (row,) = ListingEntry.objects.filter(locale__language_code="en")
    assert row.facts["apply_email_cc"] == ["cc@example.org"]
    assert row.facts["apply_subject"] == "CV"
    with TestCase.captureOnCommitCallbacks(execute=True):
        JobPostingPage.objects.get(pk=posting.pk).save_revision().publish()
    assert ListingEntry.objects.get(locale__language_code="en").pk == row.pk
