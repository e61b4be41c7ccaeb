"""Feeds, the open positions block and tag, the API and the sitemap: all on the one query path."""

import json
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.blocks import StreamValue

from careers.blocks import OpenPositionsBlock
from careers.models import JobPostingPage, Organisation
from tests.helpers import move_site
from tests.testapp.models import HostPage


@pytest.fixture
def three(make_posting):
    return [
        make_posting(title="Home-based, Spanish", workplace_type="home_based",
                     languages=("es",), closes_in_days=4, country=None),
        make_posting(title="On-site, English", languages=("en",), closes_in_days=8),
        make_posting(title="Closed", closes_in_days=-1),
    ]  # fmt: skip


@pytest.mark.django_db
class TestFeeds:
    def test_rss(self, client, careers_page, three):
        response = client.get(careers_page.url + "feed/rss/")
        assert response["Content-Type"].startswith("application/rss+xml")
        feed = feedparser.parse(response.content)
        assert feed.bozo == 0
        assert feed.feed.title == "Open positions: Careers"
        assert [entry.title for entry in feed.entries] == [
            "Home-based, Spanish",
            "On-site, English",
        ]
        assert feed.entries[0].link.endswith("/careers/" + three[0].slug + "/")
        assert feed.entries[0].author == "Home Workers Federation"

    def test_atom_honours_filters(self, client, careers_page, three):
        response = client.get(careers_page.url + "feed/atom/?workplace=home_based&language=es")
        feed = feedparser.parse(response.content)
        assert feed.version == "atom10"
        assert [entry.title for entry in feed.entries] == ["Home-based, Spanish"]

    def test_json_feed(self, client, careers_page, three):
        response = client.get(careers_page.url + "feed/json/?language=es")
        assert response["Content-Type"].startswith("application/feed+json")
        data = json.loads(response.content)
        assert data["version"] == "https://jsonfeed.org/version/1.1"
        (item,) = data["items"]
        facts = item["_careers"]
        assert item["title"] == "Home-based, Spanish"
        assert facts["workplace_type"] == "home_based"
        assert facts["applicant_regions"] == ["latin_america"]
        assert facts["languages_required"] == [
            {"language": "es", "languages": ["es"], "level": "fluent", "importance": "essential"}
        ]
        assert facts["organisations"][0]["name"] == "Home Workers Federation"
        assert facts["closes_at"].endswith("+00:00")
        assert facts["apply_email"] == ["jobs@example.org"]

    def test_entries_are_made_from_the_index_each_address_once(self, client, careers_page, three):
        # An RSS or Atom entry is made from the listing index, as a card is: no posting table
        # is read; its link and id are one address, worked out once; its workplace category
        # is the field's label.
        with CaptureQueriesContext(connection) as queries, mock.patch.object(
            JobPostingPage, "get_full_url", autospec=True, side_effect=JobPostingPage.get_full_url
        ) as get_full_url:  # fmt: skip
            response = client.get(careers_page.url + "feed/rss/")
        assert not any('"careers_jobpostingpage"' in query["sql"] for query in queries)
        assert sorted(call.args[0].pk for call in get_full_url.call_args_list) == sorted(
            posting.pk for posting in three[:2]
        )
        feed = feedparser.parse(response.content)
        assert feed.entries[0].id == feed.entries[0].link
        assert [tag.term for tag in feed.entries[0].tags] == ["Full-time", "Home-based or remote"]

    def test_entries_read_from_the_pages_leave_the_bodies_unread(
        self, client, careers_page, three, settings
    ):
        settings.CAREERS_CARDS_FROM_INDEX = False
        with CaptureQueriesContext(connection) as queries:
            client.get(careers_page.url + "feed/rss/")
        columns = '"careers_jobpostingpage"."closes_at"'
        read = [query["sql"] for query in queries if columns in query["sql"]]
        assert read and not any('"careers_jobpostingpage"."body"' in sql for sql in read)

    def test_json_calendar_address_follows_the_posting_address(self, client, careers_page, three):
        data = json.loads(client.get(careers_page.url + "feed/json/").content)
        for item in data["items"]:
            assert item["_careers"]["calendar_url"] == item["url"] + "calendar/"

    def test_feed_limit(self, client, careers_page, make_posting, settings):
        settings.CAREERS_FEED_LIMIT = 2
        for n in range(4):
            make_posting(closes_in_days=n + 1)
        feed = feedparser.parse(client.get(careers_page.url + "feed/rss/").content)
        assert len(feed.entries) == 2

    def test_hostile_title_in_feeds(self, client, careers_page, make_posting):
        make_posting(title="</title><script>alert(1)</script>")
        rss = client.get(careers_page.url + "feed/rss/").content
        assert b"<script>" not in rss
        feed = feedparser.parse(rss)
        assert feed.entries[0].title == "</title><script>alert(1)</script>"
        data = json.loads(client.get(careers_page.url + "feed/json/").content)
        assert data["items"][0]["title"] == "</title><script>alert(1)</script>"

    def test_links_follow_the_site_record_not_the_request(self, client, careers_page, three):
        """Wagtail's rule for absolute links (``Page.get_full_url``): the Site's address."""
        move_site(hostname="jobs.example.org", port=8080)
        root = "http://jobs.example.org:8080/"
        rss = feedparser.parse(client.get(careers_page.url + "feed/rss/").content)
        atom = feedparser.parse(client.get(careers_page.url + "feed/atom/").content)
        data = json.loads(client.get(careers_page.url + "feed/json/").content)
        links = [rss.feed.link, *(link.href for link in rss.feed.links)]
        links += [value for entry in rss.entries for value in (entry.link, entry.id)]
        links += [atom.feed.id, *(link.href for link in atom.feed.links)]
        links += [entry.id for entry in atom.entries]
        links += [link.href for entry in atom.entries for link in entry.links]
        links += [data["home_page_url"], data["feed_url"]]
        links += [
            value
            for item in data["items"]
            for value in (item["id"], item["url"], item["_careers"]["calendar_url"])
        ]
        assert len(links) > 10
        assert [link for link in links if not link.startswith(root)] == []

    @pytest.mark.parametrize("kind", ["rss", "atom", "json"])
    def test_a_filtered_feed_names_itself_with_its_filters(self, client, careers_page, three, kind):
        url = careers_page.url + f"feed/{kind}/?workplace=home_based&language=es&page=2"
        content = client.get(url).content
        if kind == "json":
            self_link = json.loads(content)["feed_url"]
        else:
            feed = feedparser.parse(content)
            (self_link,) = [link.href for link in feed.feed.links if link.rel == "self"]
        parts = urlsplit(self_link)
        assert parts.path == careers_page.url + f"feed/{kind}/"
        assert parse_qs(parts.query) == {"workplace": ["home_based"], "language": ["es"]}

    def test_the_listing_advertises_every_feed_with_its_filters(self, client, careers_page, three):
        html = client.get(careers_page.url + "?workplace=home_based").content
        head = BeautifulSoup(html, "html.parser").head
        links = {link["type"]: link["href"] for link in head.select('link[rel="alternate"][type]')}
        kinds = {"application/rss+xml": "rss", "application/atom+xml": "atom",
                 "application/feed+json": "json"}  # fmt: skip
        assert set(links) == set(kinds)
        for content_type, kind in kinds.items():
            assert links[content_type] == careers_page.url + f"feed/{kind}/?workplace=home_based"
            response = client.get(links[content_type])
            assert response.status_code == 200
            assert response["Content-Type"].startswith(content_type)


def render_block(value_dict, request):
    block = OpenPositionsBlock()
    value = block.to_python(value_dict)
    return block.render(value, context={"request": request})


@pytest.mark.django_db
class TestOpenPositionsBlockAndTag:
    def test_block_lists_open_postings_of_a_listing(self, careers_page, three):
        html = render_block(
            {"heading": "", "listing_page": careers_page.pk, "organisations": [], "limit": 1,
             "show_all_link": True},
            RequestFactory().get("/"),
        )  # fmt: skip
        soup = BeautifulSoup(html, "html.parser")
        assert soup.select_one("h2").get_text(strip=True) == "Open positions"
        assert [a.get_text(strip=True) for a in soup.select(".careers-card__title a")] == [
            "Home-based, Spanish"
        ]
        assert soup.select_one(".careers-open-positions__all a")["href"] == careers_page.url

    def test_block_by_organisation_without_link(self, careers_page, make_posting):
        alliance = Organisation.objects.create(name="Alliance")
        make_posting(title="Federation")
        make_posting(title="Alliance job", organisations=[alliance])
        html = render_block(
            {"heading": "Jobs at the alliance", "listing_page": None,
             "organisations": [alliance.pk], "limit": 5, "show_all_link": False},
            RequestFactory().get("/", HTTP_HOST="testserver"),
        )  # fmt: skip
        soup = BeautifulSoup(html, "html.parser")
        assert soup.select_one("h2").get_text(strip=True) == "Jobs at the alliance"
        assert [a.get_text(strip=True) for a in soup.select(".careers-card__title a")] == [
            "Alliance job"
        ]
        assert soup.select_one(".careers-open-positions__all") is None

    def test_block_in_a_host_page_stream(self, careers_page, three):
        stream = HostPage._meta.get_field("body").stream_block
        value = StreamValue(
            stream,
            [("open_positions", stream.child_blocks["open_positions"].to_python(
                {"listing_page": careers_page.pk, "limit": 5, "show_all_link": True}))],
        )  # fmt: skip
        html = str(value.render_as_block(context={"request": RequestFactory().get("/")}))
        assert "On-site, English" in html and "Closed" not in html

    def test_tag(self, careers_page, three):
        template = Template(
            "{% load careers_tags %}{% careers_open_positions listing_page=page limit=5 %}"
        )
        html = template.render(
            Context({"request": RequestFactory().get("/"), "page": careers_page})
        )
        assert "Home-based, Spanish" in html and "On-site, English" in html
        assert "Closed" not in html

    def render_cards(self, careers_page):
        template = Template(
            "{% load careers_tags %}{% careers_open_positions listing_page=page limit=5 %}"
        )
        with CaptureQueriesContext(connection) as queries:
            html = template.render(
                Context({"request": RequestFactory().get("/"), "page": careers_page})
            )
        assert "Home-based, Spanish" in html
        return [query["sql"] for query in queries]

    def test_cards_are_made_from_the_listing_index(self, careers_page, three):
        read = self.render_cards(careers_page)
        assert not any('"careers_jobpostingpage"' in sql for sql in read)
        assert not any('"careers_postinglocation"' in sql for sql in read)

    def test_cards_read_from_the_pages_leave_the_bodies_unread(self, careers_page, three, settings):
        settings.CAREERS_CARDS_FROM_INDEX = False
        read = self.render_cards(careers_page)
        columns = '"careers_jobpostingpage"."closes_at"'
        read = [sql for sql in read if columns in sql]
        assert read and not any('"careers_jobpostingpage"."body"' in sql for sql in read)

    def test_tag_without_listing_uses_current_site(self, careers_page, three):
        template = Template("{% load careers_tags %}{% careers_open_positions limit=20 %}")
        html = template.render(
            Context({"request": RequestFactory().get("/", HTTP_HOST="testserver")})
        )
        assert "On-site, English" in html

    def test_limit_is_bounded(self, careers_page, make_posting):
        for _ in range(25):
            make_posting(publish=False, live=True)
        template = Template("{% load careers_tags %}{% careers_open_positions limit=100000 %}")
        html = template.render(
            Context({"request": RequestFactory().get("/", HTTP_HOST="testserver")})
        )
        assert html.count('class="careers-card"') == 20


@pytest.mark.django_db
@pytest.mark.urls("tests.listing.urls_api")
class TestAPI:
    def test_postings_endpoint_lists_open_postings(self, client, careers_page, three):
        response = client.get("/api/v2/postings/?fields=closes_at,workplace_type,api_organisations")
        assert response.status_code == 200
        data = response.json()
        assert [item["title"] for item in data["items"]] == [
            "Home-based, Spanish",
            "On-site, English",
        ]
        assert data["items"][0]["workplace_type"] == "home_based"
        assert data["items"][0]["api_organisations"][0]["name"] == "Home Workers Federation"

    @pytest.mark.parametrize(
        "query, titles",
        [
            ("workplace_type=home_based", ["Home-based, Spanish"]),
            ("workplace_type=on_site,hybrid", ["On-site, English"]),
            ("language=es", ["Home-based, Spanish"]),
            ("country=mx", ["On-site, English"]),
            ("employment_type=full_time", ["Home-based, Spanish", "On-site, English"]),
            ("workplace_type=nowhere", []),
        ],
    )
    def test_postings_endpoint_filters_on_the_facts_of_every_posting_type(
        self, client, careers_page, three, query, titles
    ):
        """The facts every posting type has are filters of the endpoint, read from the listing
        index, with several values as "any of"; ``?workplace_type=`` as before there were
        several posting types."""
        response = client.get("/api/v2/postings/?" + query)
        assert response.status_code == 200, response.content
        assert [item["title"] for item in response.json()["items"]] == titles

    def test_pages_endpoint_exposes_posting_fields(self, client, careers_page, three):
        response = client.get(f"/api/v2/pages/{three[0].pk}/")
        data = response.json()
        assert data["employment_type"] == "full_time"
        assert data["applicant_region_codes"] == ["latin_america"]
        assert data["status"] in ("open", "closing_soon")


@pytest.mark.django_db
class TestSitemap:
    def test_open_postings_with_lastmod_closed_left_out(self, careers_page, three):
        request = RequestFactory().get("/", HTTP_HOST="testserver")
        open_urls = three[0].get_sitemap_urls(request)
        assert open_urls[0]["location"].endswith(three[0].url)
        assert open_urls[0]["lastmod"] is not None
        assert three[2].get_sitemap_urls(request) == []


@pytest.mark.django_db
class TestCachePurge:
    def test_publishing_purges_listings_and_feeds(self, careers_page, make_posting):
        from unittest import mock

        posting = make_posting(publish=False)
        batch = "wagtail.contrib.frontend_cache.utils.PurgeBatch"
        with (
            mock.patch("careers.signal_handlers.frontend_cache_enabled", return_value=True),
            mock.patch(f"{batch}.purge") as purge,
            mock.patch(f"{batch}.add_urls") as add_urls,
        ):
            posting.save_revision().publish()
        assert purge.called
        urls = [url for call in add_urls.call_args_list for url in call.args[0]]
        assert any(url.endswith(careers_page.url + "feed/rss/") for url in urls)

    def test_nothing_is_purged_without_frontend_cache(self, careers_page, make_posting):
        from unittest import mock

        posting = make_posting(publish=False)
        with mock.patch("wagtail.contrib.frontend_cache.utils.PurgeBatch.purge") as purge:
            posting.save_revision().publish()
        assert not purge.called
