"""What this app publishes, read back: its listing's JSON feed, and a posting's JSON-LD in an
Atom entry, give the facts they were made from."""

import pytest

from careers.structured_data import job_posting_json_ld
from careers.syndication.parse import parse_document

from .feeds import atom_entry, atom_feed

pytestmark = pytest.mark.django_db


def test_this_apps_json_feed_is_read_back(client, make_posting, organisation):
    posting = make_posting(
        title="Finance officer",
        workplace_type="home_based",
        employment_type="consultancy",
        applicant_regions=["africa"],
        country="KE",
    )
    response = client.get(posting.get_parent().url + "feed/json/")

    document = parse_document(response.content, "application/feed+json", "http://testserver/")

    [entry] = document.entries
    item = entry.item
    assert entry.problem == ""
    assert item.url == posting.get_full_url()
    assert item.title == "Finance officer"
    assert item.summary == "A role in the network."
    assert item.language == "en"
    assert item.closes_at == posting.closes_at
    assert item.closing_timezone == "UTC"
    assert item.date_posted == posting.date_posted
    assert item.employment_types == ("consultancy",)
    assert item.workplace_type == "home_based"
    assert item.applicant_regions == ("africa",)
    assert item.countries == ("KE",)
    assert item.languages == ("en",)
    assert [(o.name, o.short_name, o.role) for o in item.organisations] == [
        (organisation.name, organisation.short_name, "employer")
    ]


def test_this_apps_job_posting_json_ld_is_read_back(rf, make_posting):
    posting = make_posting(
        title="Researcher",
        workplace_type="home_based",
        employment_type="part_time",
        applicant_regions=["worldwide"],
    )
    data = job_posting_json_ld(posting, rf.get("/"))

    body = atom_feed([atom_entry(data, content_type="html")])
    [entry] = parse_document(body, "application/atom+xml", "http://testserver/").entries

    item = entry.item
    assert item.origin_id == str(posting.translation_key)
    assert item.title == "Researcher"
    assert item.closes_at == posting.closes_at
    assert item.employment_types == ("part_time",)
    assert item.workplace_type == "home_based"
    # Every country, as the JSON-LD lists them for "anywhere", is worldwide again.
    assert (item.applicant_regions, item.applicant_countries) == (("worldwide",), ())
