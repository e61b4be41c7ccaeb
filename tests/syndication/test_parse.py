"""Reading one document: the peer feed format version 1, JSON Feed and Atom with a schema.org
JobPosting, and documents that are not feeds."""

import datetime
import json
import zoneinfo

import pytest

from careers.syndication.items import OrganisationRef, Translation
from careers.syndication.parse import FeedError, parse_document

from .feeds import (
    ORGANISATION_ID,
    POSTING_ID,
    atom_entry,
    atom_feed,
    job_posting,
    json_feed_with_job_postings,
    v1_feed,
    v1_item,
)

BASE = "https://origin.example.org/en/careers/feed.json?all=1"
JSON = "application/feed+json"
ATOM = "application/atom+xml"


def parse_json(data, url=BASE):
    return parse_document(json.dumps(data).encode(), JSON, url)


def only_item(document):
    [entry] = document.entries
    assert entry.problem == ""
    return entry.item


def test_a_version_1_item_gives_every_fact():
    item = only_item(parse_json(v1_feed([v1_item()])))

    assert item.origin_id == POSTING_ID
    assert item.language == "en"
    assert item.url == "https://origin.example.org/en/careers/post-1/"
    assert item.title == "Organiser 1"
    assert item.summary == "Organise home workers."
    assert item.organisations == (
        OrganisationRef(
            name="Home Workers Federation",
            role="employer",
            short_name="HWF",
            website="https://hwf.example.org/",
            key=ORGANISATION_ID,
        ),
    )
    assert item.closes_at == datetime.datetime(2026, 12, 31, 23, 59, tzinfo=datetime.UTC)
    assert item.closing_timezone == "America/Bogota"
    assert item.is_filled is False
    assert item.date_posted == datetime.date(2026, 11, 1)
    assert item.employment_types == ("full_time",)
    assert item.workplace_type == "home_based"
    assert item.applicant_regions == ("latin_america",)
    assert item.applicant_countries == ("MX", "CO")
    assert item.countries == ("CO",)
    assert item.languages == ("es",)
    assert item.translations == (
        Translation("en", item.url, "Organiser 1", "Organise home workers."),
        Translation(
            "es", "https://origin.example.org/es/empleos/post-1/", "Organizador 1", "Organizar."
        ),
    )


def test_open_until_filled_and_filled_postings():
    open_ended = v1_item(1, closes_at=None, closes_at_local=None, open_until_filled=True)
    filled = v1_item(2, is_filled=True)

    first, second = (entry.item for entry in parse_json(v1_feed([open_ended, filled])).entries)

    assert first.closes_at is None
    assert second.is_filled is True


def test_a_closing_date_without_a_time_is_the_end_of_that_day_in_its_zone():
    item = only_item(parse_json(v1_feed([v1_item(closes_at="2026-12-31")])))

    assert item.closes_at == datetime.datetime(
        2026, 12, 31, 23, 59, 59, tzinfo=zoneinfo.ZoneInfo("America/Bogota")
    )


@pytest.mark.parametrize(
    "value",
    ["31/12/2026", "next Friday", "2026-13-45", "9999-12-31T23:59:59-05:00", 20261231, ["x"]],
)
def test_an_item_whose_closing_date_is_not_a_date_is_skipped(value):
    [entry] = parse_json(v1_feed([v1_item(closes_at=value)])).entries

    assert entry.item is None
    assert entry.label == "Organiser 1"
    shown = value if isinstance(value, str) else repr(value)
    assert entry.problem == f"its closing date '{shown}' is not a date."


def test_values_outside_our_vocabularies_are_left_out():
    item = only_item(
        parse_json(
            v1_feed(
                [
                    v1_item(
                        employment_types=["full_time", "slavery", 7],
                        workplace_type="moon",
                        applicant_regions=["atlantis", "africa"],
                        applicant_countries=["XX", "mx", "Mexico", None],
                        closing_timezone="Mars/Olympus",
                        organisations=[{"name": "Union", "role": "owner"}, {"role": "employer"}],
                        languages_required=["fr", {"language": "<b>"}, 5],
                    )
                ]
            )
        )
    )

    assert item.employment_types == ("full_time",)
    assert item.workplace_type == ""
    assert item.applicant_regions == ("africa",)
    assert item.applicant_countries == ("MX",)
    assert item.closing_timezone == ""
    assert item.organisations == (OrganisationRef(name="Union"),)
    assert item.languages == ("fr",)


def test_an_item_without_posting_id_is_known_by_its_id():
    """The careers facts an earlier version of the app published, without posting_id."""
    raw = v1_item()
    del raw["_careers"]["posting_id"]

    assert only_item(parse_json(v1_feed([raw]))).origin_id == raw["id"]


def test_an_item_without_an_address_or_title_is_skipped():
    no_url = v1_item(1)
    no_url["url"] = "javascript:alert(1)"
    no_title = v1_item(2)
    no_title["title"] = "<script>alert(1)</script>"

    first, second = parse_json(v1_feed([no_url, no_title])).entries

    assert (first.item, first.problem) == (
        None,
        "it has no web address starting with http:// or https://.",
    )
    assert (second.item, second.problem) == (None, "it has no title.")


def test_relative_addresses_are_read_against_the_feed():
    raw = v1_item()
    raw["url"] = "/en/careers/post-1/"

    assert only_item(parse_json(v1_feed([raw]))).url == (
        "https://origin.example.org/en/careers/post-1/"
    )


def test_a_later_version_of_the_format_is_refused():
    with pytest.raises(FeedError) as raised:
        parse_json(v1_feed([v1_item()], version=2))

    assert raised.value.message == (
        "The feed is in version 2 of the careers feed format, which this site cannot read yet "
        "(it reads version 1). Update wagtail-careers."
    )


def test_a_version_1_feed_without_all_says_how_to_get_every_posting():
    document = parse_json(v1_feed([v1_item()], all_postings=False))

    assert document.notes == [
        "The feed's address has no ?all=1, so it gives only the postings of its first page. "
        "Add ?all=1 to the address to fetch every open posting."
    ]


def test_json_that_is_not_a_json_feed_is_refused():
    for data in ([1, 2], {"items": []}, {"version": "https://jsonfeed.org/version/1.1"}):
        with pytest.raises(FeedError, match="not a JSON Feed"):
            parse_json(data)


def test_json_nested_too_deep_is_refused_not_crashed():
    with pytest.raises(FeedError, match="not valid JSON"):
        parse_document(b"[" * 100_000 + b"]" * 100_000, JSON, BASE)


def test_an_item_that_is_not_an_object_is_skipped():
    [entry] = parse_json(v1_feed(["<script>"])).entries

    assert (entry.item, entry.problem) == (None, "it is not a JSON object.")


# schema.org JobPosting


def test_a_json_feed_job_posting_extension_gives_its_facts():
    item = only_item(parse_json(json_feed_with_job_postings([job_posting()])))

    assert item.origin_id == "JOB-1"
    assert item.language == "en"
    assert item.url == "https://jobs.example.net/postings/1"
    assert item.title == "Researcher 1"
    assert item.summary == "Research supply chains.\n\nTravel."
    assert item.closes_at == datetime.datetime(
        2026, 12, 15, 17, tzinfo=datetime.timezone(datetime.timedelta(hours=-5))
    )
    assert item.date_posted == datetime.date(2026, 11, 2)
    assert item.employment_types == ("consultancy", "part_time")
    assert item.organisations == (
        OrganisationRef(
            name="Garment Workers Union", role="employer", website="https://gwu.example.net/"
        ),
    )
    assert item.workplace_type == "home_based"
    assert item.applicant_regions == ("asia_pacific",)
    assert item.applicant_countries == ("BD",)
    assert item.translations == (Translation("en", item.url, item.title, item.summary),)


def test_a_job_posting_for_every_country_is_worldwide():
    from django_countries import countries

    posting = job_posting(
        applicantLocationRequirements=[{"@type": "Country", "name": code} for code, _n in countries]
    )

    item = only_item(parse_json(json_feed_with_job_postings([posting])))

    assert (item.applicant_regions, item.applicant_countries) == (("worldwide",), ())


def test_a_job_posting_at_a_place_is_on_site_with_its_country():
    posting = job_posting(
        jobLocationType=None,
        jobLocation={"@type": "Place", "address": {"addressCountry": "Bangladesh"}},
        employmentType="FULL_TIME",
        validThrough=None,
    )

    item = only_item(parse_json(json_feed_with_job_postings([posting])))

    assert item.workplace_type == "on_site"
    assert item.countries == ("BD",)
    assert item.applicant_countries == ()
    assert item.employment_types == ("full_time",)
    assert item.closes_at is None


def test_a_job_posting_in_a_json_feed_items_html():
    posting = job_posting()
    script = json.dumps(posting).replace("<", "\\u003c")
    feed = {
        "version": "https://jsonfeed.org/version/1",
        "items": [
            {
                "id": "1",
                "url": posting["url"],
                "title": "Researcher",
                "content_html": f'<p>Hi</p><script type="application/ld+json">{script}</script>',
            }
        ],
    }

    assert only_item(parse_json(feed)).origin_id == "JOB-1"


def test_a_json_feed_item_without_posting_facts_is_skipped():
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "items": [{"id": "1", "url": "https://blog.example/1", "title": "A blog post"}],
    }

    [entry] = parse_json(feed).entries

    assert entry.problem == (
        "it carries no posting facts (neither the careers facts nor a schema.org JobPosting)."
    )


# Atom


def test_atom_entries_with_a_job_posting_as_json_or_in_html():
    body = atom_feed(
        [
            atom_entry(job_posting(1)),
            atom_entry(job_posting(2, inLanguage=None), content_type="html"),
        ]
    )

    first, second = (entry.item for entry in parse_document(body, ATOM, BASE).entries)

    assert (first.origin_id, first.title, first.language) == ("JOB-1", "Researcher 1", "en")
    # No inLanguage: the feed's xml:lang.
    assert (second.origin_id, second.language) == ("JOB-2", "en")
    assert second.summary == "Research supply chains.\n\nTravel."


def test_an_atom_entry_without_a_job_posting_is_skipped():
    body = atom_feed(
        [
            "<entry><id>urn:1</id><title>News</title><link href='https://x.example/1'/>"
            "<content type='html'>&lt;p&gt;Hello&lt;/p&gt;</content></entry>"
        ]
    )

    [entry] = parse_document(body, ATOM, BASE).entries

    assert entry.label == "News"
    assert entry.problem.startswith("it carries no posting facts")


def test_an_atom_next_link_is_the_next_page():
    body = atom_feed([atom_entry()], next_url="/feed.atom?page=2")

    assert parse_document(body, ATOM, BASE).next_url == (
        "https://origin.example.org/feed.atom?page=2"
    )


def test_xml_with_a_document_type_is_refused():
    """The billion laughs: entities that expand a kilobyte into gigabytes."""
    body = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>&lol2;</title></feed>'
    )

    with pytest.raises(FeedError) as raised:
        parse_document(body, ATOM, BASE)

    assert raised.value.message == (
        "The feed declares a document type (DTD), which a feed never needs; it was not read."
    )


@pytest.mark.parametrize(
    "body, expected",
    [
        (b'<rss version="2.0"><channel/></rss>', "The address gives an RSS feed"),
        (b"<html><body/></html>", "The address gives a web page, not a feed."),
        (b"<!DOCTYPE html>\n<html></html>", "The address gives a web page, not a feed."),
        (b"<opml/>", "The address gives XML, but not an Atom feed."),
        (b"", "The address gave an empty answer instead of a feed."),
        (b"Hello", "The address gives neither JSON nor XML"),
    ],
)
def test_documents_that_are_not_feeds(body, expected):
    with pytest.raises(FeedError) as raised:
        parse_document(body, "application/xml", BASE)

    assert raised.value.message.startswith(expected)
