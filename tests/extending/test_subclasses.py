"""A site extends the app by subclassing its pages (tests.testapp does): a posting type with one
more field is listed, fed, served by the API and shown by the block beside the stock postings;
a listing page of the site's own uses its own listing, filter and feed classes."""

import json

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from wagtail.blocks import StreamValue
from wagtail.test.utils.form_data import streamfield

from careers.checks import check_posting_types
from careers.models import (
    AbstractCareersIndexPage,
    AbstractJobPostingPage,
    CareersIndexPage,
    JobPostingPage,
    listing_models,
    posting_models,
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

    def test_a_system_check_says_the_listings_do_not_show_it(self):
        warnings = check_posting_types(None)
        assert [(w.id, w.obj) for w in warnings] == [("careers.W004", QuotePostingPage)]
