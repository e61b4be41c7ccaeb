import re

import pytest
from bs4 import BeautifulSoup

from careers.models import ListingOrganisation, ListingScope, Organisation
from tests.helpers import tree_root


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".careers-card__title a")]


def count_text(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one(".careers-index__count").get_text(" ", strip=True)


@pytest.mark.django_db
class TestWhatIsListed:
    def test_open_postings_soonest_closing_first(self, client, careers_page, make_posting):
        make_posting(title="Later", closes_in_days=40)
        make_posting(title="Sooner", closes_in_days=3)
        make_posting(title="Closed", closes_in_days=-2)
        response = client.get(careers_page.url)
        assert response.status_code == 200
        assert titles(response) == ["Sooner", "Later"]
        assert count_text(response) == "2 open positions"

    def test_drafts_are_not_listed(self, client, careers_page, make_posting):
        make_posting(title="Draft", publish=False)
        make_posting(title="Live")
        assert titles(client.get(careers_page.url)) == ["Live"]

    def test_recently_closed(self, client, careers_page, make_posting):
        make_posting(title="Open")
        make_posting(title="Closed last week", closes_in_days=-7)
        make_posting(title="Closed long ago", closes_in_days=-400)
        response = client.get(careers_page.url + "?status=closed")
        assert titles(response) == ["Closed last week"]
        assert count_text(response) == "1 recently closed position"

    def test_empty_state_links_to_closed_and_feed(self, client, careers_page):
        response = client.get(careers_page.url)
        soup = BeautifulSoup(response.content, "html.parser")
        empty = soup.select_one(".careers-empty")
        assert "No open positions right now." in empty.get_text()
        hrefs = [a["href"] for a in empty.select("a")]
        assert "?status=closed" in hrefs
        assert careers_page.url + "feed/rss/" in hrefs

    def test_children_scope_lists_only_own_children(
        self, client, site_root, careers_page, make_posting
    ):
        from careers.models import CareersIndexPage

        other = CareersIndexPage(title="Ally careers", slug="ally")
        site_root.add_child(instance=other)
        make_posting(title="Mine")
        make_posting(title="Theirs", parent=other)
        assert titles(client.get(careers_page.url)) == ["Mine"]
        assert titles(client.get(other.url)) == ["Theirs"]

    def test_site_scope_lists_all_postings_of_the_site(
        self, client, site_root, careers_page, make_posting
    ):
        from careers.models import CareersIndexPage

        network = CareersIndexPage(
            title="Network careers", slug="network", listing_scope=ListingScope.SITE
        )
        site_root.add_child(instance=network)
        make_posting(title="A", closes_in_days=5)
        make_posting(title="B", parent=network, closes_in_days=6)
        assert titles(client.get(network.url)) == ["A", "B"]

    def test_organisation_limit(self, client, careers_page, make_posting, organisation):
        other = Organisation.objects.create(name="Waste Pickers Alliance")
        make_posting(title="Federation post")
        make_posting(title="Alliance post", organisations=[other])
        make_posting(title="Joint post", organisations=[organisation, other])
        careers_page.listed_organisations = [ListingOrganisation(organisation=other)]
        careers_page.save_revision().publish()
        careers_page.refresh_from_db()
        assert sorted(titles(client.get(careers_page.url))) == ["Alliance post", "Joint post"]

    def test_the_listed_organisations_are_read_in_one_query(
        self, client, careers_page, make_posting, organisation
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        others = [Organisation.objects.create(name=f"Alliance {n}") for n in range(3)]
        make_posting(title="Alliance post", organisations=others[:1])

        def queries(listed):
            careers_page.listed_organisations = [
                ListingOrganisation(organisation=other) for other in listed
            ]
            careers_page.save_revision().publish()
            client.get(careers_page.url)  # warm per-process caches
            with CaptureQueriesContext(connection) as context:
                response = client.get(careers_page.url)
            assert titles(response) == ["Alliance post"]
            return len(context.captured_queries)

        assert queries(others[:1]) == queries(others)

    def test_other_site_postings_are_not_listed(self, client, careers_page, make_posting):
        from wagtail.models import Page, Site

        from careers.models import CareersIndexPage

        root = tree_root()
        other_home = Page(title="Other home", slug="other-home")
        root.add_child(instance=other_home)
        Site.objects.create(hostname="other.example.org", port=80, root_page=other_home)
        other_careers = CareersIndexPage(
            title="Other", slug="other-careers", listing_scope=ListingScope.SITE
        )
        other_home.add_child(instance=other_careers)
        make_posting(title="Ours")
        make_posting(title="Theirs", parent=other_careers)
        network = CareersIndexPage(title="All", slug="all", listing_scope=ListingScope.SITE)
        careers_page.get_parent().add_child(instance=network)
        assert titles(client.get(network.url)) == ["Ours"]


@pytest.mark.django_db
class TestResultCards:
    def test_card_shows_the_facts(self, client, careers_page, make_posting):
        make_posting(
            title="Organiser",
            workplace_type="home_based",
            employment_type="consultancy",
            time_commitment="3 days per week",
            closes_in_days=3,
        )
        soup = BeautifulSoup(client.get(careers_page.url).content, "html.parser")
        card = soup.select_one(".careers-card")
        text = " ".join(card.get_text(" ", strip=True).split())
        assert "Home Workers Federation" in text
        assert "Home-based: Latin America and the Caribbean" in text
        assert "Consultancy or contract, 3 days per week" in text
        assert card.select_one(".careers-tag--soon").get_text(strip=True) == "Closing soon"
        assert card.select_one("time")["datetime"].endswith("23:59:00+00:00")

    def test_card_shows_the_summary(self, client, careers_page, make_posting):
        make_posting(title="Organiser", introduction="Support <b>waste pickers</b> in Lima.")
        soup = BeautifulSoup(client.get(careers_page.url).content, "html.parser")
        summary = soup.select_one(".careers-card .careers-card__summary")
        assert summary.get_text() == "Support <b>waste pickers</b> in Lima."

    def test_hostile_title_is_escaped(self, client, careers_page, make_posting):
        make_posting(title="</script><script>alert(1)</script>")
        content = client.get(careers_page.url).content
        assert b"<script>alert(1)" not in content
        assert b"&lt;/script&gt;&lt;script&gt;alert(1)" in content


@pytest.mark.django_db
class TestPagination:
    @pytest.fixture
    def twelve(self, careers_page, make_posting):
        careers_page.page_size = 5
        careers_page.save()
        return [make_posting(title=f"P{n:02d}", closes_in_days=n + 1) for n in range(12)]

    def test_pages(self, client, careers_page, twelve):
        assert titles(client.get(careers_page.url)) == ["P00", "P01", "P02", "P03", "P04"]
        assert titles(client.get(careers_page.url + "?page=3")) == ["P10", "P11"]

    @pytest.mark.parametrize("page", ["0", "-1", "abc", "99999999999999999999", "1e3", ""])
    def test_bad_page_numbers_give_a_page_not_an_error(self, client, careers_page, twelve, page):
        response = client.get(careers_page.url, {"page": page})
        assert response.status_code == 200
        assert len(titles(response)) in (5, 2)

    def test_past_the_end_gives_the_last_page(self, client, careers_page, twelve):
        assert titles(client.get(careers_page.url + "?page=40")) == ["P10", "P11"]

    def test_accessible_markup_and_filters_kept(self, client, careers_page, twelve):
        response = client.get(careers_page.url + "?type=full_time&page=2")
        soup = BeautifulSoup(response.content, "html.parser")
        nav = soup.select_one("nav.careers-pagination")
        assert nav["aria-label"] == "Pages of results"
        current = nav.select_one('[aria-current="page"]')
        assert current.get_text(strip=True) == "2"
        assert all("type=full_time" in a["href"] for a in nav.select("a"))

    def test_page_links_stay_few_however_many_pages(self, client, careers_page, make_posting):
        careers_page.page_size = 1
        careers_page.save_revision().publish()
        for n in range(30):
            make_posting(title=f"P{n}", closes_in_days=n + 1, publish=False, live=True)
        soup = BeautifulSoup(client.get(careers_page.url + "?page=15").content, "html.parser")
        nav = soup.select_one("nav.careers-pagination")
        numbers = [a.get_text(strip=True) for a in nav.select("a:not([rel])")]
        # The ends, two pages either side of this one, and a gap mark for each run left out.
        assert numbers == ["1", "2", "13", "14", "15", "16", "17", "29", "30"]
        assert [gap.get_text() for gap in nav.select(".careers-pagination__gap")] == ["…", "…"]
        assert nav.select_one('[aria-current="page"]').get_text(strip=True) == "15"

    def test_page_size_falls_back_to_setting(self, client, careers_page, make_posting, settings):
        settings.CAREERS_PAGE_SIZE = 2
        for n in range(3):
            make_posting(closes_in_days=n + 1)
        assert len(titles(client.get(careers_page.url))) == 2


def test_feed_link_in_head(client, careers_page):
    content = client.get(careers_page.url).content.decode()
    assert re.search(r'<link rel="alternate" type="application/rss\+xml"[^>]+feed/rss/', content)
