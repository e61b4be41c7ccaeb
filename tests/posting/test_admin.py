"""Editors create postings through the Wagtail admin; the form guides them and catches mistakes."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import rich_text, streamfield

from careers.models import CareersIndexPage, JobPostingPage, Organisation, posting_models
from tests.helpers import add_url, field_errors, form_data, item_list
from tests.testapp.models import DepartmentPostingPage, HostPage, SiteCareersIndexPage


class TestPageTypes(WagtailTestUtils):
    def test_allowed_parents_and_children(self):
        # Postings go under careers listing pages, of any type (tests.testapp makes one more of
        # each), and have no children.
        assert JobPostingPage.allowed_parent_page_models() == [
            CareersIndexPage,
            SiteCareersIndexPage,
        ]
        assert JobPostingPage.allowed_subpage_models() == []
        assert CareersIndexPage.allowed_subpage_models() == [JobPostingPage, DepartmentPostingPage]
        assert SiteCareersIndexPage.allowed_subpage_models() == posting_models()
        assert HostPage not in CareersIndexPage.allowed_subpage_models()
        assert CareersIndexPage not in JobPostingPage.allowed_subpage_models()


@pytest.mark.django_db
class TestCreateThroughAdmin:
    def test_create_and_publish(self, admin_client, careers_page, two_organisations):
        data = form_data(two_organisations)
        data["action-publish"] = "action-publish"
        response = admin_client.post(add_url(careers_page), data)
        assert response.status_code == 302, field_errors(response)
        posting = JobPostingPage.objects.get(slug="regional-organiser")
        assert posting.live
        assert posting.organisations == two_organisations
        assert [b.block_type for b in posting.body] == [
            "duties", "duties", "requirements", "languages",
        ]  # fmt: skip
        requirements = posting.body[2].value["items"]
        assert [r["importance"] for r in requirements] == ["essential", "desirable"]
        assert posting.language_codes == ",es,"
        assert posting.applicant_regions == ["latin_america"]
        assert posting.closes_at.isoformat() == "2099-02-15T23:59:00+00:00"
        assert posting.date_posted is not None
        assert posting.application_emails == ["jobs@example.org", "hr@example.org"]

    def test_add_form_renders_with_tabs(self, admin_client, careers_page):
        response = admin_client.get(add_url(careers_page))
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        tabs = [tab.get_text(" ", strip=True).split()[0] for tab in soup.select('[role="tab"]')]
        assert tabs[:4] == ["Content", "Position", "Application", "Promote"]
        timezone_select = soup.select_one('select[name="closing_timezone"]')
        values = [o["value"] for o in timezone_select.select("option")]
        assert values[0] == "UTC" and "America/Mexico_City" in values

    @pytest.mark.parametrize(
        "overrides, field, message",
        [
            ({"date_posted": "2099-03-01"}, "closing_date", "on or after the date posted"),
            ({"application_email": ""}, "application_email", "at least one way to apply"),
            ({"application_email": "jobs@example.org, not-an-email"}, "application_email",
             "is not a valid email address"),
            ({"application_url": "javascript:alert(1)"}, "application_url", "http:// or https://"),
            ({"application_url": "ftp://example.org/form"}, "application_url", "https://"),
            ({"salary_min": "3000", "salary_max": "2000", "salary_currency": "USD",
              "salary_period": "month"}, "salary_max", "at least the minimum"),
            ({"salary_min": "3000"}, "salary_currency", "currency and the pay period"),
            ({"salary_min": "1", "salary_currency": "US$", "salary_period": "month"},
             "salary_currency", "three-letter currency code"),
            ({"applicant_regions": []}, "applicant_regions", "Say where applicants"),
            ({"closing_timezone": "Mars/Olympus"}, "closing_timezone", "is not a time zone name"),
        ],
    )  # fmt: skip
    def test_validation_on_the_field_at_fault(
        self, admin_client, careers_page, two_organisations, overrides, field, message
    ):
        data = form_data(two_organisations, **overrides)
        data["action-publish"] = "action-publish"
        response = admin_client.post(add_url(careers_page), data)
        assert response.status_code == 200
        errors = field_errors(response)
        assert field in errors, errors
        assert message in errors[field]
        assert not JobPostingPage.objects.filter(slug="regional-organiser").exists()

    def test_at_least_one_hiring_organisation(self, admin_client, careers_page):
        data = form_data([])
        data["action-publish"] = "action-publish"
        response = admin_client.post(add_url(careers_page), data)
        assert response.status_code == 200
        assert b"Add at least one hiring organisation" in response.content
        assert not JobPostingPage.objects.exists()


@pytest.mark.django_db
class TestCreateWithoutDeadline:
    """A posting open until filled, part-time and consultancy, with a supporting organisation, a
    language group, a copy address and no statement, created through the admin."""

    def data(self, organisations, **overrides):
        languages = ("languages", {"heading": "", "items": item_list([
            {"language": "en", "alternatives": item_list([]), "level": "fluent",
             "importance": "essential"},
            {"language": "fr", "alternatives": item_list(["es", "ar", "sw"]),
             "level": "working", "importance": "essential"},
        ])})  # fmt: skip
        first, second = organisations
        fields = {
            "organisations": [first, (second, "supporter")],
            "body": streamfield([languages]),
            "employment_types": ["part_time", "consultancy"],
            "open_until_filled": "on",
            "closing_date": "",
            "review_from": "2099-03-01",
            "application_email": "jobs@example.org",
            "application_cc": "hr@example.org",
            "reports_to": "Programme Director",
            "direct_apply": "",
            "show_statement": "",
        }
        fields.update(overrides)
        return form_data(fields.pop("organisations"), **fields)

    def test_create_and_publish(self, admin_client, careers_page, two_organisations):
        data = self.data(two_organisations)
        data["action-publish"] = "action-publish"
        response = admin_client.post(add_url(careers_page), data)
        assert response.status_code == 302, field_errors(response)
        posting = JobPostingPage.objects.get(slug="regional-organiser")
        assert posting.live and posting.closes_at is None and posting.closing_date is None
        assert posting.open_until_filled and posting.status == "open"
        assert posting.employment_types == ["part_time", "consultancy"]
        assert posting.employers == [two_organisations[0]]
        assert [link.role for link in posting.hiring_organisations.all()] == [
            "employer",
            "supporter",
        ]
        assert posting.language_requirements[1]["languages"] == ["fr", "es", "ar", "sw"]
        assert posting.language_codes == ",en,fr,es,ar,sw,"
        assert posting.application_cc_emails == ["hr@example.org"]
        assert posting.reports_to == "Programme Director"
        assert posting.statement is None and not posting.direct_apply

    def test_add_form_offers_checkboxes_for_types(self, admin_client, careers_page):
        soup = BeautifulSoup(admin_client.get(add_url(careers_page)).content, "html.parser")
        boxes = soup.select('input[type="checkbox"][name="employment_types"]')
        assert [box["value"] for box in boxes][:3] == ["full_time", "part_time", "consultancy"]
        assert [box["value"] for box in boxes if box.has_attr("checked")] == ["full_time"]

    @pytest.mark.parametrize(
        "overrides, message",
        [
            ({"open_until_filled": ""}, "Give a closing date"),
            ({"closing_date": "2099-01-01"}, "has no closing date"),
        ],
    )
    def test_a_deadline_or_open_until_filled(
        self, admin_client, careers_page, two_organisations, overrides, message
    ):
        data = self.data(two_organisations, **overrides)
        data["action-publish"] = "action-publish"
        response = admin_client.post(add_url(careers_page), data)
        assert response.status_code == 200
        assert message in field_errors(response)["closing_date"]

    def test_a_supporter_alone_does_not_hire(self, admin_client, careers_page, two_organisations):
        data = form_data([(two_organisations[0], "supporter")])
        data["action-publish"] = "action-publish"
        response = admin_client.post(add_url(careers_page), data)
        assert response.status_code == 200
        assert b"Add at least one hiring organisation" in response.content


@pytest.mark.django_db
class TestPublishWarning:
    def publish(self, admin_client, careers_page, organisations, closing_date, date_posted=""):
        data = form_data(organisations, closing_date=closing_date, date_posted=date_posted)
        data["action-publish"] = "action-publish"
        return admin_client.post(add_url(careers_page), data, follow=True)

    def test_closed_posting_warns(self, admin_client, careers_page, two_organisations):
        response = self.publish(
            admin_client, careers_page, two_organisations, "2020-01-31", "2020-01-01"
        )
        messages = [str(m) for m in response.context["messages"]]
        assert any("closing date has passed" in m for m in messages), messages
        assert JobPostingPage.objects.get().live

    def test_open_posting_does_not_warn(self, admin_client, careers_page, two_organisations):
        response = self.publish(admin_client, careers_page, two_organisations, "2099-01-31")
        messages = [str(m) for m in response.context["messages"]]
        assert not any("closing date has passed" in m for m in messages)


@pytest.mark.django_db
class TestAdminListing:
    def test_postings_listing_shows_closing_and_status(
        self, admin_client, careers_page, make_posting
    ):
        make_posting(title="Open one", closes_in_days=30)
        make_posting(title="Closed one", closes_in_days=-5)
        response = admin_client.get(reverse("careers_postings:index"))
        assert response.status_code == 200
        text = " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())
        assert "Open one" in text and "Closed one" in text
        assert "(UTC)" in text
        response = admin_client.get(reverse("careers_postings:index") + "?closing=closed")
        text = BeautifulSoup(response.content, "html.parser").get_text(" ")
        assert "Closed one" in text and "Open one" not in text

    def test_search(self, admin_client, careers_page, make_posting):
        make_posting(title="Waste pickers organiser")
        make_posting(title="Street vendors researcher")
        response = admin_client.get(reverse("careers_postings:index") + "?q=pickers")
        text = BeautifulSoup(response.content, "html.parser").get_text(" ")
        assert "Waste pickers organiser" in text and "Street vendors" not in text


@pytest.mark.django_db
class TestOrganisationSnippet:
    def add(self, admin_client, website):
        url = reverse("wagtailsnippets_careers_organisation:add")
        data = {"name": "Alliance", "short_name": "", "website": website, "about": rich_text("")}
        return admin_client.post(url, data)

    def test_rejects_non_http_website(self, admin_client):
        response = self.add(admin_client, "javascript:alert(1)")
        assert response.status_code == 200
        assert "http:// or https://" in field_errors(response)["website"]
        assert not Organisation.objects.exists()

    def test_accepts_https_website(self, admin_client):
        response = self.add(admin_client, "https://example.org/")
        assert response.status_code == 302
        assert Organisation.objects.get().website == "https://example.org/"

    def test_deleting_an_organisation_in_use_is_refused(
        self, admin_client, careers_page, make_posting, organisation
    ):
        make_posting()
        url = reverse("wagtailsnippets_careers_organisation:delete", args=[organisation.pk])
        usage_url = reverse("wagtailsnippets_careers_organisation:usage", args=[organisation.pk])
        for method in (admin_client.get, admin_client.post):
            response = method(url, follow=True)
            assert response.redirect_chain[-1][0] == usage_url
            messages = [str(m) for m in response.context["messages"]]
            assert any("cannot be deleted because postings" in m for m in messages)
        assert Organisation.objects.filter(pk=organisation.pk).exists()

    def test_bulk_deleting_is_refused_for_organisations_in_use(
        self, admin_client, careers_page, make_posting, organisation
    ):
        make_posting()
        unused = Organisation.objects.create(name="Unused network")
        url = (
            reverse(
                "wagtail_bulk_action",
                args=["careers", "organisation", "delete"],
            )
            + f"?id={organisation.pk}&id={unused.pk}"
        )
        response = admin_client.post(url, follow=True)
        assert response.status_code == 200
        assert Organisation.objects.filter(pk=organisation.pk).exists()
        assert Organisation.objects.filter(pk=unused.pk).exists()

    def test_an_unused_organisation_can_be_deleted(self, admin_client):
        unused = Organisation.objects.create(name="Unused network")
        url = reverse("wagtailsnippets_careers_organisation:delete", args=[unused.pk])
        response = admin_client.post(url)
        assert response.status_code == 302
        assert not Organisation.objects.filter(pk=unused.pk).exists()
