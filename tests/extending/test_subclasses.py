"""A site extends the app by subclassing its pages (tests.testapp does): a posting type with one
more field is listed, fed, served by the API and shown by the block beside the stock postings;
a listing page of the site's own uses its own listing, filter and feed classes."""

import json

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import FieldDoesNotExist
from django.test import RequestFactory
from wagtail.blocks import StreamValue
from wagtail.test.utils.form_data import streamfield

from careers import checks, posting_index
from careers.checks import check_posting_types
from careers.models import (
    AbstractCareersIndexPage,
    AbstractJobPostingPage,
    CareersIndexPage,
    JobPostingPage,
    ListingEntry,
    listing_models,
    posting_models,
    posting_table_models,
)
from tests.helpers import add_url, block, form_data, languages_block, soup_of
from tests.testapp.models import (
    DepartmentPostingPage,
    HostPage,
    QuoteHiringOrganisation,
    QuotePostingPage,
    SiteCareersIndexPage,
    SiteFilterSet,
    SiteListing,
)


@pytest.fixture
def both(make_posting):
    """A stock posting and one of the site's type, both open."""
    return [
        make_posting(title="Stock posting", closes_in_days=4),
        make_posting(
            title="Finance posting", closes_in_days=8, model=DepartmentPostingPage,
            department="Finance",
        ),
    ]  # fmt: skip


@pytest.fixture
def site_listing(site_root):
    page = SiteCareersIndexPage(title="Jobs", slug="jobs", strapline="Work with us")
    site_root.add_child(instance=page)
    page.save_revision().publish()
    return page


def card_titles(html):
    soup = BeautifulSoup(html, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".careers-card__title a")]


def test_the_registry_finds_every_concrete_page_type():
    assert posting_models() == [JobPostingPage, DepartmentPostingPage, QuotePostingPage]
    # Each table of postings once: DepartmentPostingPage's postings are JobPostingPage rows.
    assert posting_table_models() == [JobPostingPage, QuotePostingPage]
    assert listing_models() == [CareersIndexPage, SiteCareersIndexPage]
    assert AbstractJobPostingPage._meta.abstract and AbstractCareersIndexPage._meta.abstract


@pytest.mark.django_db
class TestASubclassedPosting:
    def test_listed_beside_the_stock_postings(self, client, careers_page, both):
        assert card_titles(client.get(careers_page.url).content) == [
            "Stock posting",
            "Finance posting",
        ]

    def test_served_with_its_own_field(self, client, both):
        posting = both[1]
        assert DepartmentPostingPage.objects.get(pk=posting.pk).department == "Finance"
        soup = soup_of(client.get(posting.url))
        assert soup.select_one("h1").get_text(strip=True) == "Finance posting"

    def test_in_the_feeds(self, client, careers_page, both):
        rss = feedparser.parse(client.get(careers_page.url + "feed/rss/").content)
        assert [entry.title for entry in rss.entries] == ["Stock posting", "Finance posting"]
        data = json.loads(client.get(careers_page.url + "feed/json/").content)
        assert [item["title"] for item in data["items"]] == ["Stock posting", "Finance posting"]

    @pytest.mark.urls("tests.listing.urls_api")
    def test_in_the_api(self, client, careers_page, both):
        data = client.get("/api/v2/postings/").json()
        assert [item["title"] for item in data["items"]] == ["Stock posting", "Finance posting"]
        detail = client.get(f"/api/v2/pages/{both[1].pk}/").json()
        assert detail["meta"]["type"] == "testapp.DepartmentPostingPage"
        assert detail["department"] == "Finance"
        assert detail["employment_type"] == "full_time"

    def test_in_the_open_positions_block_of_a_host_page(self, careers_page, both):
        stream = HostPage._meta.get_field("body").stream_block
        value = StreamValue(
            stream,
            [("open_positions", stream.child_blocks["open_positions"].to_python(
                {"listing_page": careers_page.pk, "limit": 5, "show_all_link": True}))],
        )  # fmt: skip
        html = str(value.render_as_block(context={"request": RequestFactory().get("/")}))
        assert card_titles(html) == ["Stock posting", "Finance posting"]

    def test_created_in_the_admin(self, admin_client, careers_page, organisation):
        url = add_url(careers_page, DepartmentPostingPage)
        assert admin_client.get(url).status_code == 200
        data = form_data([organisation], department="Research")
        data["action-publish"] = "action-publish"
        response = admin_client.post(url, data)
        assert response.status_code == 302, response.content[:2000]
        posting = DepartmentPostingPage.objects.get(slug="regional-organiser")
        assert posting.live and posting.department == "Research"
        assert [link.organisation for link in posting.hiring_organisations.all()] == [organisation]
        assert JobPostingPage.objects.live().filter(pk=posting.pk).exists()


@pytest.mark.django_db
class TestASubclassedListingPage:
    def test_lists_stock_and_site_postings_with_its_own_listing_class(
        self, client, site_listing, make_posting
    ):
        make_posting(title="Stock posting", parent=site_listing, closes_in_days=4)
        make_posting(
            title="Finance posting", parent=site_listing, closes_in_days=8,
            model=DepartmentPostingPage, department="Finance",
        )  # fmt: skip
        response = client.get(site_listing.url)
        assert isinstance(response.context["listing"], SiteListing)
        assert response.context["listing"].made_by_site
        assert isinstance(response.context["listing"].filterset, SiteFilterSet)
        assert card_titles(response.content) == ["Stock posting", "Finance posting"]

    def test_its_filter_set_adds_a_filter(self, client, site_listing, make_posting):
        make_posting(title="Stock posting", parent=site_listing)
        make_posting(
            title="Finance posting", parent=site_listing, model=DepartmentPostingPage,
            department="Finance",
        )  # fmt: skip
        response = client.get(site_listing.url + "?department=Finance")
        assert card_titles(response.content) == ["Finance posting"]
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.select_one('input[name="department"]')["value"] == "Finance"

    def test_its_feed_classes(self, client, site_listing, make_posting):
        make_posting(title="Stock posting", parent=site_listing)
        rss = feedparser.parse(client.get(site_listing.url + "feed/rss/").content)
        assert rss.feed.title == "Jobs at Jobs"
        assert [entry.title for entry in rss.entries] == ["Stock posting"]
        data = json.loads(client.get(site_listing.url + "feed/json/").content)
        assert data["title"] == "Jobs, as JSON"
        assert [item["title"] for item in data["items"]] == ["Stock posting"]
        atom = feedparser.parse(client.get(site_listing.url + "feed/atom/").content)
        assert atom.feed.title == "Open positions: Jobs"

    def test_the_stock_listing_keeps_the_stock_classes(self, client, careers_page, both):
        response = client.get(careers_page.url + "?department=Finance")
        assert not isinstance(response.context["listing"], SiteListing)
        assert card_titles(response.content) == ["Stock posting", "Finance posting"]
        assert "department=" not in response.context["listing"].filter_querystring

    def test_created_in_the_admin(self, admin_client, site_root):
        url = add_url(site_root, SiteCareersIndexPage)
        assert admin_client.get(url).status_code == 200


QUOTE = {"quote": "The best team I have worked in.", "name": "A colleague"}


@pytest.mark.django_db
class TestAPostingTypeMadeFromTheAbstractModel:
    def test_its_extra_block_renders(self, client, site_listing, make_posting):
        posting = make_posting(
            title="Quote posting", parent=site_listing, model=QuotePostingPage,
            body=[languages_block("en"), block("quote", QUOTE)],
        )  # fmt: skip
        soup = soup_of(client.get(posting.url))
        assert soup.select_one("h1").get_text(strip=True) == "Quote posting"
        quote = soup.select_one("blockquote.testapp-quote")
        assert quote.select_one("p").get_text() == QUOTE["quote"]
        assert posting.language_requirements[0]["languages"] == ["en"]
        assert [link.organisation.name for link in posting.hiring_organisations.all()] == [
            "Home Workers Federation"
        ]

    def test_created_in_the_admin_with_its_extra_block(
        self, admin_client, site_listing, organisation
    ):
        url = add_url(site_listing, QuotePostingPage)
        assert admin_client.get(url).status_code == 200
        data = form_data(
            [organisation],
            body=streamfield([("quote", QUOTE)]),
        )
        data["action-publish"] = "action-publish"
        response = admin_client.post(url, data)
        assert response.status_code == 302, response.content[:2000]
        posting = QuotePostingPage.objects.get(slug="regional-organiser")
        assert posting.live
        assert [child.block_type for child in posting.body] == ["quote"]
        assert QuoteHiringOrganisation.objects.get(page=posting).organisation == organisation

    def test_the_system_check_finds_its_organisation_and_location_rows(self):
        assert check_posting_types(None) == []

    def test_the_system_check_reports_a_type_without_them(self, monkeypatch):
        class Meta:
            label = "yourapp.BarePostingPage"

            @staticmethod
            def get_field(name):
                raise FieldDoesNotExist(name)

        bare = type("BarePostingPage", (), {"_meta": Meta})
        monkeypatch.setattr(checks, "posting_table_models", lambda: [bare])
        errors = check_posting_types(None)
        assert [(error.id, error.obj) for error in errors] == [("careers.E005", bare)] * 2
        assert "AbstractHiringOrganisation" in errors[0].hint
        assert "related_name='locations'" in errors[1].hint


@pytest.fixture
def three_types(site_listing, make_posting):
    """A stock posting, one of a JobPostingPage subclass and one of a type made from the
    abstract model (a table of its own), under the site's listing page, all open."""
    return [
        make_posting(title="Stock posting", parent=site_listing, closes_in_days=4),
        make_posting(
            title="Finance posting", parent=site_listing, closes_in_days=8,
            model=DepartmentPostingPage, department="Finance", workplace_type="hybrid",
        ),
        make_posting(
            title="Quote posting", parent=site_listing, closes_in_days=6, model=QuotePostingPage,
            quoted_name="Ana", workplace_type="hybrid", country="PE",
            introduction="Organise waste pickers' cooperatives.",
        ),
    ]  # fmt: skip


ALL_THREE = ["Stock posting", "Quote posting", "Finance posting"]


@pytest.mark.django_db
class TestEveryPostingTypeIsListed:
    """A posting type made from the abstract model is indexed, listed, filtered, fed, shown by
    the block and served by the API beside the stock postings."""

    def test_indexed(self, three_types):
        quote = three_types[2]
        entry = ListingEntry.objects.get(page=quote)
        assert entry.page.specific_class is QuotePostingPage
        assert ["country", "PE"] in entry.facets
        assert ["organisation", str(quote.hiring_organisations.get().organisation_id)] in (
            entry.facets
        )
        assert posting_index.drift() == ([], [], [])
        assert posting_index.rebuild() == ListingEntry.objects.count()
        assert ListingEntry.objects.get(page=quote).facets == entry.facets

    def test_listed_in_closing_order_each_as_its_own_type(self, client, site_listing, three_types):
        response = client.get(site_listing.url)
        assert card_titles(response.content) == ALL_THREE
        postings = response.context["listing"].page.object_list
        assert [type(posting) for posting in postings] == [
            JobPostingPage,
            QuotePostingPage,
            DepartmentPostingPage,
        ]
        newest = client.get(site_listing.url + "?sort=newest")
        assert sorted(card_titles(newest.content)) == sorted(ALL_THREE)

    def test_filtered(self, client, site_listing, three_types):
        hybrid = client.get(site_listing.url + "?workplace=hybrid")
        assert card_titles(hybrid.content) == ["Quote posting", "Finance posting"]
        peru = client.get(site_listing.url + "?country=PE")
        assert card_titles(peru.content) == ["Quote posting"]
        found = client.get(site_listing.url + "?q=cooperatives")
        assert card_titles(found.content) == ["Quote posting"]

    def test_filtered_on_the_fields_of_the_site_types(self, client, site_listing, three_types):
        finance = client.get(site_listing.url + "?department=Finance")
        assert card_titles(finance.content) == ["Finance posting"]
        quoted = client.get(site_listing.url + "?quoted=Ana")
        assert card_titles(quoted.content) == ["Quote posting"]
        nobody = client.get(site_listing.url + "?quoted=Nobody")
        assert card_titles(nobody.content) == []

    def test_in_the_feeds(self, client, site_listing, three_types):
        rss = feedparser.parse(client.get(site_listing.url + "feed/rss/").content)
        assert [entry.title for entry in rss.entries] == ALL_THREE
        atom = feedparser.parse(client.get(site_listing.url + "feed/atom/").content)
        assert [entry.title for entry in atom.entries] == ALL_THREE
        data = json.loads(client.get(site_listing.url + "feed/json/").content)
        assert [item["title"] for item in data["items"]] == ALL_THREE

    def test_in_the_open_positions_block(self, site_listing, three_types):
        stream = HostPage._meta.get_field("body").stream_block
        value = StreamValue(
            stream,
            [("open_positions", stream.child_blocks["open_positions"].to_python(
                {"listing_page": site_listing.pk, "limit": 5, "show_all_link": True}))],
        )  # fmt: skip
        html = str(value.render_as_block(context={"request": RequestFactory().get("/")}))
        assert card_titles(html) == ALL_THREE

    @pytest.mark.urls("tests.listing.urls_api")
    def test_in_the_api(self, client, three_types):
        data = client.get("/api/v2/postings/?fields=closes_at,api_organisations").json()
        assert [item["title"] for item in data["items"]] == ALL_THREE
        assert [item["meta"]["type"] for item in data["items"]] == [
            "careers.JobPostingPage",
            "testapp.QuotePostingPage",
            "testapp.DepartmentPostingPage",
        ]
        assert data["items"][1]["api_organisations"][0]["name"] == "Home Workers Federation"
        assert data["meta"]["total_count"] == 3
        second = client.get("/api/v2/postings/?offset=1&limit=1").json()
        assert [item["title"] for item in second["items"]] == ["Quote posting"]
        found = client.get("/api/v2/postings/", {"search": "cooperatives"}).json()
        assert [item["title"] for item in found["items"]] == ["Quote posting"]
        by_title = client.get("/api/v2/postings/", {"title": "Quote posting"}).json()
        assert [item["title"] for item in by_title["items"]] == ["Quote posting"]
        detail = client.get(f"/api/v2/postings/{three_types[2].pk}/").json()
        assert detail["meta"]["type"] == "testapp.QuotePostingPage"
        assert detail["quoted_name"] == "Ana"

    def test_dropped_on_unpublish(self, client, site_listing, three_types):
        quote = three_types[2]
        quote.unpublish()
        assert not ListingEntry.objects.filter(page=quote).exists()
        assert card_titles(client.get(site_listing.url).content) == [
            "Stock posting",
            "Finance posting",
        ]
        quote.save_revision().publish()
        assert card_titles(client.get(site_listing.url).content) == ALL_THREE
