"""What a posting can say beyond one employer, one type and a closing date: several types of
employment, organisations that do not hire, language groups, who the position reports to, a copy
address, its own statement or none, and applications completed on the site."""

import json
from unittest import mock

import pytest
from wagtail.blocks import ChoiceBlock

from careers.models import EqualOpportunityStatement, JobPostingPage, Organisation
from tests.helpers import block, item, json_ld, soup_of

# The postings API is registered there; pages are served as usual.
pytestmark = pytest.mark.urls("tests.listing.urls_api")


def facts_of(soup):
    return {
        dt.get_text(strip=True): " ".join(dd.get_text().split())
        for dt, dd in zip(
            soup.select(".careers-facts dt"), soup.select(".careers-facts dd"), strict=True
        )
    }


def language_group_block():
    return block("languages", {"heading": "", "items": [
        item({"language": "en", "alternatives": [], "level": "fluent",
              "importance": "essential"}),
        item({"language": "fr", "alternatives": [item("es"), item("ar"), item("sw")],
              "level": "working", "importance": "essential"}),
    ]})  # fmt: skip


@pytest.fixture
def supporter(db):
    return Organisation.objects.create(
        name="Street Vendors Trust", website="https://svt.example.org/"
    )


@pytest.mark.django_db
class TestEmploymentTypes:
    def test_several(self, client, careers_page, make_posting):
        posting = make_posting(employment_types=["part_time", "consultancy"])
        assert posting.employment_type == "part_time"
        soup = soup_of(client.get(posting.url))
        assert facts_of(soup)["Type"] == "Part-time · Consultancy or contract"
        (data,) = json_ld(client.get(posting.url))
        assert data["employmentType"] == ["PART_TIME", "CONTRACTOR"]
        card = soup_of(client.get(careers_page.url)).select_one(".careers-card__facts")
        assert "Part-time · Consultancy or contract" in card.get_text()

    def test_filter_offers_and_finds_each_type(self, client, careers_page, make_posting):
        make_posting(title="Both", employment_types=["part_time", "consultancy"])
        make_posting(title="Full", employment_types=["full_time"])
        soup = soup_of(client.get(careers_page.url))
        offered = [o["value"] for o in soup.select('select[name="type"] option') if o["value"]]
        assert offered == ["full_time", "part_time", "consultancy"]
        for value, expected in [("consultancy", ["Both"]), ("part_time", ["Both"]),
                                ("full_time", ["Full"])]:  # fmt: skip
            soup = soup_of(client.get(careers_page.url + f"?type={value}"))
            assert [a.get_text(strip=True) for a in soup.select(".careers-card__title a")] == (
                expected
            )

    def test_feeds_and_api(self, client, careers_page, make_posting):
        make_posting(employment_types=["part_time", "consultancy"])
        data = json.loads(client.get(careers_page.url + "feed/json/").content)
        facts = data["items"][0]["_careers"]
        assert facts["employment_types"] == ["part_time", "consultancy"]
        assert facts["schema_employment_types"] == ["PART_TIME", "CONTRACTOR"]
        assert data["items"][0]["tags"] == ["part_time", "consultancy", "on_site"]
        api = client.get("/api/v2/postings/", {"fields": "employment_types,employment_type"})
        (posting,) = api.json()["items"]
        assert posting["employment_types"] == ["part_time", "consultancy"]
        assert posting["employment_type"] == "part_time"


@pytest.mark.django_db
class TestOrganisationRoles:
    def test_only_employers_hire(self, client, careers_page, make_posting, organisation, supporter):
        posting = make_posting(organisations=[organisation, (supporter, "supporter")])
        assert posting.employers == [organisation]
        response = client.get(posting.url)
        soup = soup_of(response)
        facts = facts_of(soup)
        assert facts["Organisation"] == "Home Workers Federation (HWF)"
        assert facts["Supported by"] == "Street Vendors Trust"
        header = soup.select_one(".careers-posting__header").get_text(" ", strip=True)
        assert "Supported by Street Vendors Trust" in header
        (data,) = json_ld(response)
        assert data["hiringOrganization"]["name"] == "Home Workers Federation"
        assert "Street Vendors Trust" not in json.dumps(data["hiringOrganization"])
        card = soup_of(client.get(careers_page.url)).select_one(".careers-card")
        assert "Street Vendors Trust" not in card.get_text()
        feed = json.loads(client.get(careers_page.url + "feed/json/").content)["items"][0]
        assert feed["authors"] == [{"name": "Home Workers Federation"}]
        assert [o["role"] for o in feed["_careers"]["organisations"]] == ["employer", "supporter"]
        api = client.get("/api/v2/postings/", {"fields": "api_organisations"}).json()
        assert [o["role"] for o in api["items"][0]["api_organisations"]] == [
            "employer",
            "supporter",
        ]

    def test_listing_filter_by_a_supporting_organisation(
        self, client, careers_page, make_posting, organisation, supporter
    ):
        make_posting(title="Supported", organisations=[organisation, (supporter, "supporter")])
        make_posting(title="Alone")
        soup = soup_of(client.get(careers_page.url + f"?organisation={supporter.pk}"))
        assert [a.get_text(strip=True) for a in soup.select(".careers-card__title a")] == [
            "Supported"
        ]


@pytest.mark.django_db
class TestLanguageGroups:
    def test_shown_as_any_one_of(self, client, make_posting):
        posting = make_posting(body=[language_group_block()])
        soup = soup_of(client.get(posting.url))
        items = [li.get_text(" ", strip=True) for li in soup.select(".careers-languages li")]
        assert items == [
            "English: Fluent, required",
            "Any one of French, Spanish, Arabic or Swahili: Professional working, required",
        ]

    def test_every_language_is_a_facet(self, client, careers_page, make_posting):
        posting = make_posting(title="Group", body=[language_group_block()], languages=None)
        make_posting(title="German", languages=("de",))
        assert posting.language_codes == ",en,fr,es,ar,sw,"
        soup = soup_of(client.get(careers_page.url + "?language=sw"))
        assert [a.get_text(strip=True) for a in soup.select(".careers-card__title a")] == ["Group"]

    def test_structured_in_feeds_and_api(self, client, careers_page, make_posting):
        make_posting(body=[language_group_block()])
        expected = [
            {"language": "en", "languages": ["en"], "level": "fluent", "importance": "essential"},
            {"language": "fr", "languages": ["fr", "es", "ar", "sw"], "level": "working",
             "importance": "essential"},
        ]  # fmt: skip
        data = json.loads(client.get(careers_page.url + "feed/json/").content)
        assert data["items"][0]["_careers"]["languages_required"] == expected
        api = client.get("/api/v2/postings/", {"fields": "language_requirements"}).json()
        assert api["items"][0]["language_requirements"] == expected

    def test_read_without_searching_the_language_choices(self, make_posting):
        # Wagtail's ChoiceBlock looks a stored value up among its choices, built afresh each
        # time: a hundred languages per value read, most of a JSON feed's time. The stored codes
        # come back as they are, and so do the levels and importances (a few choices each, but
        # searched for each requirement of each of a feed's 50 postings).
        make_posting(body=[language_group_block()])
        posting = JobPostingPage.objects.get()
        items = posting.body.stream_block.child_blocks["languages"].child_blocks["items"]
        language_blocks = [
            items.child_block.child_blocks["language"],
            items.child_block.child_blocks["alternatives"].child_block,
            items.child_block.child_blocks["level"],
            items.child_block.child_blocks["importance"],
        ]
        searched = []
        original = ChoiceBlock.to_python

        def to_python(block, value):
            if any(block is language_block for language_block in language_blocks):
                searched.append(value)
            return original(block, value)

        # ChoiceBlock.to_python is where every Wagtail version does the search (Wagtail 8 through
        # normalize_choice, which 7.0 lacks).
        with mock.patch.object(ChoiceBlock, "to_python", to_python):
            requirements = posting.language_requirements
        assert searched == []
        assert [r["languages"] for r in requirements] == [["en"], ["fr", "es", "ar", "sw"]]
        assert [r["level"] for r in requirements] == ["fluent", "working"]


@pytest.mark.django_db
class TestReportsTo:
    def test_key_facts_feed_and_api(self, client, careers_page, make_posting, supporter):
        posting = make_posting(reports_to="Programme Director", reports_to_organisation=supporter)
        soup = soup_of(client.get(posting.url))
        assert facts_of(soup)["Reports to"] == "Programme Director, Street Vendors Trust"
        (data,) = json_ld(client.get(posting.url))
        assert "Programme Director" not in json.dumps(data)
        feed = json.loads(client.get(careers_page.url + "feed/json/").content)
        assert feed["items"][0]["_careers"]["reports_to"] == "Programme Director"
        assert feed["items"][0]["_careers"]["reports_to_organisation"] == "Street Vendors Trust"
        api = client.get(
            "/api/v2/postings/", {"fields": "reports_to,api_reports_to_organisation"}
        ).json()["items"][0]
        assert api["reports_to"] == "Programme Director"
        assert api["api_reports_to_organisation"] == {"id": supporter.pk, "name": supporter.name}

    def test_not_shown_when_empty(self, client, make_posting):
        soup = soup_of(client.get(make_posting().url))
        assert "Reports to" not in facts_of(soup)


@pytest.mark.django_db
class TestApplyByEmail:
    def test_copy_address_and_subject_asked_for(self, client, careers_page, make_posting):
        posting = make_posting(
            application_email="jobs@example.org",
            application_cc="hr@example.org, board@example.org",
            application_reference="ORG-7",
        )
        soup = soup_of(client.get(posting.url))
        mailto = soup.select_one('a.careers-button[href^="mailto:"]')["href"]
        assert mailto == (
            "mailto:jobs@example.org?cc=hr@example.org,board@example.org&subject=ORG-7"
        )
        text = " ".join(soup.select_one(".careers-apply__ways").get_text().split())
        assert "By email to jobs@example.org, with a copy to hr@example.org, board@example.org" in (
            text
        )
        assert "with “ORG-7” in the subject line." in text
        feed = json.loads(client.get(careers_page.url + "feed/json/").content)
        assert feed["items"][0]["_careers"]["apply_email_cc"] == [
            "hr@example.org",
            "board@example.org",
        ]
        assert feed["items"][0]["_careers"]["apply_subject"] == "ORG-7"

    def test_copy_address_cannot_inject_headers(self, client, make_posting):
        posting = make_posting(application_cc="hr@example.org")
        posting.application_cc = "a@example.org?bcc=evil@example.org"
        mailto = posting.application_mailto
        assert "?bcc" not in mailto and "&bcc" not in mailto

    def test_copy_addresses_are_validated(self, make_posting):
        from django.core.exceptions import ValidationError

        posting = make_posting()
        posting.application_cc = "hr@example.org, not-an-address"
        with pytest.raises(ValidationError) as error:
            posting.full_clean()
        assert "application_cc" in error.value.message_dict


@pytest.mark.django_db
class TestStatement:
    @pytest.fixture
    def statements(self, db):
        default = EqualOpportunityStatement.objects.create(
            title="Default", text="<p>Everyone is welcome.</p>", is_default=True
        )
        other = EqualOpportunityStatement.objects.create(
            title="Other", text="<p>We especially welcome women workers.</p>"
        )
        return default, other

    def statement_text(self, client, posting):
        aside = soup_of(client.get(posting.url)).select_one(".careers-posting__statement")
        return aside.get_text(strip=True) if aside else None

    def test_default_another_or_none(self, client, make_posting, statements):
        _default, other = statements
        assert self.statement_text(client, make_posting()) == "Everyone is welcome."
        chosen = make_posting(equal_opportunity_statement=other)
        assert self.statement_text(client, chosen) == "We especially welcome women workers."
        assert self.statement_text(client, make_posting(show_statement=False)) is None


@pytest.mark.django_db
class TestDirectApply:
    def test_direct_apply_from_the_field(self, client, make_posting):
        posting = make_posting(application_url="https://example.org/form", direct_apply=True)
        (data,) = json_ld(client.get(posting.url))
        assert data["directApply"] is True
        posting = make_posting(application_url="https://example.org/form")
        (data,) = json_ld(client.get(posting.url))
        assert data["directApply"] is False


@pytest.mark.django_db
def test_default_type_of_employment():
    assert JobPostingPage().employment_types == ["full_time"]
