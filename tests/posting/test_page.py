"""The posting page: status at fixed times, key facts, closed postings, JSON-LD, .ics, templates."""

import datetime

import icalendar
import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from careers.checks import (
    check_base_template,
    check_country_names,
    check_setting_types,
    check_setting_values,
)
from careers.models import JobPostingPage, Organisation
from careers.status import PostingStatus
from tests.helpers import block, item, json_ld, move_site, soup_of

UTC = datetime.UTC


@pytest.fixture
def posting(make_posting, organisation):
    other = Organisation.objects.create(
        name="Regional Coordination", short_name="RC", website="https://rc.example.org/"
    )
    return make_posting(
        title="Focal cities coordinator",
        organisations=[organisation, other],
        workplace_type="home_based",
        applicant_regions=["africa", "latin_america"],
        employment_type="consultancy",
        time_commitment="5 days per week",
        reference_code="FCC-1",
        country=None,
        body=[
            block(
                "duties",
                {
                    "heading": "Duties",
                    "intro": "",
                    "list_style": "numbered",
                    "items": [item("Advise <b>local</b> teams")],
                },
            ),
            block(
                "languages",
                {
                    "heading": "",
                    "items": [
                        item({"language": "en", "level": "fluent", "importance": "essential"}),
                        item(
                            {"language": "es", "level": "conversational", "importance": "desirable"}
                        ),
                    ],
                },
            ),
        ],  # fmt: skip
        salary_currency="USD",
        salary_min=1000,
        salary_max=1500,
        salary_period="month",
        closing_date=datetime.date(2031, 7, 23),
        closing_time=datetime.time(23, 59),
        closing_timezone="America/Mexico_City",
        date_posted=datetime.date(2031, 6, 1),
    )


@pytest.mark.django_db
class TestStatus:
    @pytest.fixture
    def closing(self, make_posting):
        return make_posting(
            closing_date=datetime.date(2031, 7, 23),
            closing_time=datetime.time(23, 59),
            closing_timezone="America/Mexico_City",
            date_posted=datetime.date(2031, 6, 1),
        )

    def test_closing_instant_is_in_the_postings_zone(self, closing):
        assert closing.closes_at == datetime.datetime(2031, 7, 24, 5, 59, tzinfo=UTC)
        assert closing.closes_at_local.isoformat() == "2031-07-23T23:59:00-06:00"

    @pytest.mark.parametrize(
        "now, expected",
        [
            (datetime.datetime(2031, 7, 1, tzinfo=UTC), PostingStatus.OPEN),
            (datetime.datetime(2031, 7, 17, 6, 0, tzinfo=UTC), PostingStatus.CLOSING_SOON),
            (datetime.datetime(2031, 7, 24, 5, 58, tzinfo=UTC), PostingStatus.CLOSING_SOON),
            (datetime.datetime(2031, 7, 24, 5, 59, tzinfo=UTC), PostingStatus.CLOSED),
            (datetime.datetime(2032, 1, 1, tzinfo=UTC), PostingStatus.CLOSED),
        ],
    )
    def test_status_at_fixed_times(self, closing, now, expected):
        with time_machine.travel(now, tick=False):
            fresh = JobPostingPage.objects.get(pk=closing.pk)
            assert fresh.status == expected

    def test_closing_soon_days_setting(self, closing, settings):
        settings.CAREERS_CLOSING_SOON_DAYS = 30
        with time_machine.travel(datetime.datetime(2031, 7, 1, tzinfo=UTC), tick=False):
            assert JobPostingPage.objects.get(pk=closing.pk).status == PostingStatus.CLOSING_SOON

    def test_closes_at_follows_edits(self, closing):
        closing.closing_timezone = "Asia/Kolkata"
        closing.save()
        assert closing.closes_at == datetime.datetime(2031, 7, 23, 18, 29, tzinfo=UTC)

    def test_expire_at_follows_closing_when_enabled(self, closing, settings):
        assert closing.expire_at is None
        settings.CAREERS_EXPIRE_AT_CLOSING = True
        closing.save()
        assert closing.expire_at == closing.closes_at


@pytest.mark.django_db
class TestPostingPage:
    def test_key_facts(self, client, posting):
        with time_machine.travel(datetime.datetime(2031, 7, 1, tzinfo=UTC), tick=False):
            soup = soup_of(client.get(posting.url))
        facts = {
            dt.get_text(strip=True): " ".join(dd.get_text().split())
            for dt, dd in zip(
                soup.select(".careers-facts dt"), soup.select(".careers-facts dd"), strict=True
            )
        }
        assert facts["Organisations"] == "Home Workers Federation (HWF), Regional Coordination (RC)"
        assert facts["Type"] == "Consultancy or contract, 5 days per week"
        assert facts["Location"] == "Home-based: Africa, Latin America and the Caribbean"
        assert facts["Pay"] == "USD 1,000–1,500 per month"
        assert facts["Closing date"] == (
            "July 23, 2031, 11:59 p.m. (UTC−06:00) Central Standard Time (Mexico City)"
        )
        assert "Languages" not in facts
        languages = soup.select_one(".careers-posting__body .careers-languages").get_text(" ")
        assert "English: Fluent, required" in " ".join(languages.split())
        assert soup.get_text().count("English: Fluent") == 1
        assert facts["Reference"] == "FCC-1"
        time = soup.select_one(".careers-facts time")
        assert time["datetime"] == "2031-07-23T23:59:00-06:00"
        status = soup.select_one(".careers-status").get_text(" ", strip=True)
        assert status == "Open: closes in 3\xa0weeks"

    def test_headings_in_order(self, client, posting):
        soup = soup_of(client.get(posting.url))
        levels = [int(h.name[1]) for h in soup.select("main h1, main h2, main h3")]
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))

    def test_open_posting_has_apply_section_and_json_ld(self, client, posting):
        response = client.get(posting.url)
        soup = soup_of(response)
        assert soup.select_one(".careers-apply") is not None
        mailto = soup.select_one('a.careers-button[href^="mailto:"]')["href"]
        # No subject line was asked for: the title fills the email's subject, and the page does
        # not tell applicants to use one.
        assert mailto == "mailto:jobs@example.org?subject=Focal%20cities%20coordinator"
        assert "subject line" not in soup.select_one(".careers-apply").get_text()
        assert "X-Robots-Tag" not in response
        assert soup.select_one('meta[name="robots"]') is None
        assert len(json_ld(response)) == 1

    def test_closed_posting(self, client, posting):
        with time_machine.travel(datetime.datetime(2031, 8, 1, tzinfo=UTC), tick=False):
            response = client.get(posting.url)
        soup = soup_of(response)
        assert "Applications for this position are closed." in soup.get_text()
        assert soup.select_one(".careers-apply") is None
        assert not soup.select('a[href^="mailto:jobs@"]')
        assert soup.select_one('meta[name="robots"]')["content"] == "noindex"
        assert response["X-Robots-Tag"] == "noindex"
        assert json_ld(response) == []

    def test_subject_line_cannot_inject_headers(self, client, make_posting):
        posting = make_posting(application_reference="Job\r\nBcc: evil@example.org")
        soup = soup_of(client.get(posting.url))
        mailto = soup.select_one('a.careers-button[href^="mailto:"]')["href"]
        assert "\n" not in mailto and "\r" not in mailto
        assert mailto.endswith("?subject=Job%0D%0ABcc%3A%20evil%40example.org")


@pytest.mark.django_db
class TestStructuredData:
    def test_fields(self, client, posting):
        logo = Image.objects.create(title="Logo", file=get_test_image_file())
        organisation = posting.organisations[0]
        organisation.logo = logo
        organisation.website = "https://hwf.example.org/"
        organisation.save()
        with time_machine.travel(datetime.datetime(2031, 7, 1, tzinfo=UTC), tick=False):
            (data,) = json_ld(client.get(posting.url))
        assert data["@context"] == "https://schema.org/"
        assert data["@type"] == "JobPosting"
        assert data["title"] == "Focal cities coordinator"
        assert data["datePosted"] == "2031-06-01"
        assert data["validThrough"] == "2031-07-23T23:59:00-06:00"
        assert data["employmentType"] == "CONTRACTOR"
        lead = data["hiringOrganization"]
        assert lead["@type"] == "Organization"
        assert lead["name"] == "Home Workers Federation"
        assert lead["sameAs"] == "https://hwf.example.org/"
        assert lead["logo"].startswith("http://testserver/")
        assert "Regional Coordination" in data["employerOverview"]
        assert "inLanguage" not in data
        assert data["jobLocationType"] == "TELECOMMUTE"
        assert data["applicantLocationRequirements"] == [
            {"@type": "AdministrativeArea", "name": "Africa"},
            {"@type": "AdministrativeArea", "name": "Latin America and the Caribbean"},
        ]
        assert "jobLocation" not in data
        assert data["baseSalary"] == {
            "@type": "MonetaryAmount",
            "currency": "USD",
            "value": {"@type": "QuantitativeValue", "unitText": "MONTH",
                      "minValue": 1000.0, "maxValue": 1500.0},
        }  # fmt: skip
        assert data["identifier"]["value"] == "FCC-1"
        assert data["directApply"] is False
        assert "<ol><li>Advise <b>local</b> teams</li></ol>" in data["description"]

    def test_description_keeps_only_allowed_tags(self, client, make_posting):
        posting = make_posting(
            body=[block("paragraph", '<p>Read <a href="https://example.org">this</a>.</p>')]
        )
        (data,) = json_ld(client.get(posting.url))
        assert "<a" not in data["description"]
        assert "Read this." in data["description"]

    @pytest.mark.parametrize(
        "employment_type, expected",
        [("full_time", "FULL_TIME"), ("part_time", "PART_TIME"), ("consultancy", "CONTRACTOR"),
         ("temporary", "TEMPORARY"), ("internship", "INTERN"), ("volunteer", "VOLUNTEER"),
         ("other", "OTHER")],
    )  # fmt: skip
    def test_employment_types(self, client, make_posting, employment_type, expected):
        posting = make_posting(employment_type=employment_type)
        (data,) = json_ld(client.get(posting.url))
        assert data["employmentType"] == expected

    def test_on_site_location_and_no_salary(self, client, make_posting):
        posting = make_posting(country="GH", application_url="https://example.org/apply")
        (data,) = json_ld(client.get(posting.url))
        assert data["jobLocation"]["address"] == {
            "@type": "PostalAddress", "addressCountry": "GH", "addressLocality": "City",
        }  # fmt: skip
        assert "baseSalary" not in data and "jobLocationType" not in data
        assert data["directApply"] is False

    def test_links_follow_the_site_record_not_the_request(self, client, posting):
        logo = Image.objects.create(title="Logo", file=get_test_image_file())
        organisation = posting.organisations[0]
        organisation.logo = logo
        organisation.save()
        move_site(hostname="jobs.example.org", port=8080)
        (data,) = json_ld(client.get(posting.url))
        assert data["url"] == "http://jobs.example.org:8080" + posting.url
        assert data["hiringOrganization"]["logo"].startswith("http://jobs.example.org:8080/")

    def test_home_based_anywhere_names_every_country(self, client, make_posting):
        posting = make_posting(
            workplace_type="home_based", applicant_regions=["worldwide"], country=None
        )
        (data,) = json_ld(client.get(posting.url))
        assert data["jobLocationType"] == "TELECOMMUTE"
        requirements = data["applicantLocationRequirements"]
        assert {item["@type"] for item in requirements} == {"Country"}
        names = {item["name"] for item in requirements}
        assert {"GH", "MX", "IN", "FR", "US", "BR"} <= names
        assert len(names) == len(requirements) > 240

    def test_one_hiring_organisation_for_a_joint_posting(self, client, make_posting, organisation):
        names = ("Street Vendors Net", "Waste Pickers")
        partners = [Organisation.objects.create(name=name) for name in names]
        posting = make_posting(organisations=[organisation, *partners])
        (data,) = json_ld(client.get(posting.url))
        assert data["hiringOrganization"] == {
            "@type": "Organization", "name": "Home Workers Federation",
        }  # fmt: skip
        overview = data["employerOverview"]
        assert "Home Workers Federation" in overview
        assert "Street Vendors Net" in overview and "Waste Pickers" in overview

    def test_a_single_organisation_has_no_overview(self, client, make_posting):
        (data,) = json_ld(client.get(make_posting().url))
        assert data["hiringOrganization"]["name"] == "Home Workers Federation"
        assert "employerOverview" not in data

    def test_direct_apply_only_when_the_application_is_completed_here(
        self, client, make_posting, monkeypatch
    ):
        posting = make_posting(application_url="https://hwf.example.org/")
        (data,) = json_ld(client.get(posting.url))
        assert data["directApply"] is False
        monkeypatch.setattr(JobPostingPage, "applies_directly", lambda self: True)
        with override_settings(CAREERS_CACHE_TIMEOUT=0):
            (data,) = json_ld(client.get(posting.url))
        assert data["directApply"] is True

    def test_identifier_without_a_reference(self, client, make_posting):
        move_site(site_name="Network jobs")
        posting = make_posting()
        (data,) = json_ld(client.get(posting.url))
        assert data["identifier"] == {
            "@type": "PropertyValue",
            "name": "Network jobs",
            "value": str(posting.translation_key),
        }

    @pytest.mark.parametrize(
        "hostile",
        ["</script><script>alert(1)</script>", '"><img src=x onerror=alert(1)>',
         "<!--", "\u2028</SCRIPT >"],
    )  # fmt: skip
    def test_injection_is_inert(self, client, make_posting, organisation, hostile):
        organisation.name = hostile
        organisation.save()
        posting = make_posting(title=hostile)
        response = client.get(posting.url)
        html = response.content.decode()
        assert "<script>alert(1)" not in html
        assert "<img src=x" not in html
        (data,) = json_ld(response)
        assert data["title"] == hostile
        assert data["hiringOrganization"]["name"] == hostile


@pytest.mark.django_db
class TestCalendar:
    def test_ics_parses_back(self, client, posting):
        response = client.get(posting.calendar_url)
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert 'filename="' in response["Content-Disposition"]
        calendar = icalendar.Calendar.from_ical(response.content)
        (event,) = calendar.walk("VEVENT")
        assert event.decoded("DTSTART") == datetime.datetime(2031, 7, 24, 5, 59, tzinfo=UTC)
        # RFC 5545 (3.8.2.2): DTEND must be later than DTSTART.
        assert event.decoded("DTEND") > event.decoded("DTSTART")
        assert "DURATION" not in event
        assert "Focal cities coordinator" in str(event["SUMMARY"])
        assert str(event["URL"]).endswith(posting.url)

    def test_address_follows_the_site_record(self, client, posting):
        move_site(hostname="jobs.example.org", port=8080)
        calendar = icalendar.Calendar.from_ical(client.get(posting.calendar_url).content)
        (event,) = calendar.walk("VEVENT")
        assert str(event["URL"]) == "http://jobs.example.org:8080" + posting.url

    def test_hostile_title_cannot_add_properties(self, client, make_posting):
        posting = make_posting(title="Job\r\nATTENDEE:mailto:evil@example.org\r\nX: y; z, w")
        calendar = icalendar.Calendar.from_ical(client.get(posting.calendar_url).content)
        (event,) = calendar.walk("VEVENT")
        assert "ATTENDEE" not in event
        assert "ATTENDEE:mailto:evil@example.org" in str(event["SUMMARY"])


@pytest.mark.django_db
class TestTemplates:
    @override_settings(CAREERS_BASE_TEMPLATE="other_base.html")
    def test_host_base_template(self, client, posting, careers_page):
        for page in (posting, careers_page):
            soup = soup_of(client.get(page.url))
            assert soup.select_one("body.other-host") is not None
            assert soup.select_one("#other-main .careers") is not None

    @override_settings(CAREERS_CONTAINER_CLASS="container wide")
    def test_host_container_class(self, client, posting, careers_page):
        for page in (posting, careers_page):
            soup = soup_of(client.get(page.url))
            assert soup.select_one("#host-main > .careers.container.wide") is not None

    def test_no_container_class_by_default(self, client, posting):
        soup = soup_of(client.get(posting.url))
        assert soup.select_one(".careers")["class"] == ["careers", "careers-posting"]

    @override_settings(CAREERS_INCLUDE_CSS=False)
    def test_css_can_be_switched_off(self, client, posting):
        assert b"careers/careers.css" not in client.get(posting.url).content

    def test_css_included_by_default(self, client, posting):
        assert b"careers/careers.css" in client.get(posting.url).content


class TestChecks:
    def test_no_errors_by_default(self):
        assert check_setting_types(None) == []
        assert check_setting_values(None) == []
        assert check_base_template(None) == []
        assert check_country_names(None) == []

    @pytest.mark.parametrize(
        "name, value",
        [("CAREERS_CLOSING_SOON_DAYS", "7"), ("CAREERS_INCLUDE_CSS", "yes"),
         ("CAREERS_PAGE_SIZE", True), ("CAREERS_BASE_TEMPLATE", None)],
    )  # fmt: skip
    def test_wrong_types(self, settings, name, value):
        setattr(settings, name, value)
        (error,) = check_setting_types(None)
        assert error.id == "careers.E001" and name in error.msg

    @pytest.mark.parametrize(
        "name, value, code",
        [("CAREERS_DEFAULT_TIMEZONE", "Mars/Olympus", "careers.E002"),
         ("CAREERS_DEFAULT_CLOSING_TIME", "25:99", "careers.E003"),
         ("CAREERS_CLOSING_SOON_DAYS", -1, "careers.E004")],
    )  # fmt: skip
    def test_wrong_values(self, settings, name, value, code):
        setattr(settings, name, value)
        (error,) = check_setting_values(None)
        assert error.id == code

    def test_missing_base_template(self, settings):
        settings.CAREERS_BASE_TEMPLATE = "no/such/base.html"
        (warning,) = check_base_template(None)
        assert warning.id == "careers.W001"

    def test_check_command_reports_errors(self, settings):
        from django.core.management.base import SystemCheckError

        settings.CAREERS_DEFAULT_TIMEZONE = "Mars/Olympus"
        with pytest.raises(SystemCheckError, match="careers.E002"):
            call_command("check")


@pytest.mark.django_db
def test_no_missing_migrations():
    call_command("makemigrations", "careers", "--check", "--dry-run", verbosity=0)
