"""Syndicated postings beside this site's own: listing, filters, counts, feeds, block and tag."""

import json

import feedparser
import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from careers.syndication.items import Translation
from careers.syndication.sync import sync_source
from tests.helpers import FakeFetcher, fetched, posting_item, soup_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def allied(source):
    """Two allied postings: one in Brazil closing in 2 days, one home-based closing in 40."""
    items = [
        posting_item(title="Allied organiser", closes_in_days=2, summary="Organise in São Paulo."),
        posting_item(
            title="Allied researcher",
            closes_in_days=40,
            workplace_type="home_based",
            applicant_regions=("latin_america",),
            countries=(),
        ),
    ]
    sync_source(source, fetcher=FakeFetcher(fetched(*items)))
    return items


def card_titles(response):
    return [a.get_text(strip=True) for a in soup_of(response).select(".careers-card__title a")]


def test_listed_beside_local_postings_in_closing_order(client, careers_page, make_posting, allied):
    make_posting(title="Local", closes_in_days=10)
    response = client.get(careers_page.url)
    assert card_titles(response) == ["Allied organiser", "Local", "Allied researcher"]
    assert "3 open positions" in response.content.decode()
    card = soup_of(response).select(".careers-card--syndicated")[0]
    link = card.select_one(".careers-card__title a")
    assert link["href"] == allied[0].url
    assert link["rel"] == ["external"]
    assert card.select_one(".careers-card__origin").get_text(strip=True) == "On allies.example.org"
    assert "Organise in São Paulo." in card.get_text()
    assert "Brazil" in card.get_text()


def test_sorted_newest_first_and_paginated(client, careers_page, make_posting, allied):
    careers_page.page_size = 2
    careers_page.save_revision().publish()
    make_posting(title="Local", closes_in_days=10)
    first = client.get(careers_page.url)
    second = client.get(careers_page.url + "?page=2")
    assert card_titles(first) + card_titles(second) == [
        "Allied organiser",
        "Local",
        "Allied researcher",
    ]
    newest = client.get(careers_page.url + "?sort=newest")
    assert len(card_titles(newest)) == 2


def test_filters_offer_and_apply_their_facets(client, careers_page, make_posting, allied):
    make_posting(title="Local in Mexico", country="MX")
    response = client.get(careers_page.url)
    countries = [option["value"] for option in soup_of(response).select("#id_country option")]
    assert "BR" in countries and "MX" in countries
    assert card_titles(client.get(careers_page.url + "?country=BR")) == ["Allied organiser"]
    assert card_titles(client.get(careers_page.url + "?workplace=home_based")) == [
        "Allied researcher"
    ]
    assert card_titles(client.get(careers_page.url + "?q=researcher")) == ["Allied researcher"]


@pytest.mark.i18n
def test_the_card_links_to_the_visitors_language(client, careers_page, locale_es, source):
    translations = (
        Translation("en", "https://allies.example.org/en/1/", "Organiser"),
        Translation("es", "https://allies.example.org/es/1/", "Organizador"),
    )
    item = posting_item(
        title="Organiser", url="https://allies.example.org/en/1/", translations=translations
    )
    sync_source(source, fetcher=FakeFetcher(fetched(item)))
    es_page = careers_page.copy_for_translation(locale_es, copy_parents=True)
    es_page.save_revision().publish()
    response = client.get(es_page.url)
    link = soup_of(response).select_one(".careers-card--syndicated .careers-card__title a")
    # The Spanish version the feed names: its title, and its page.
    assert link.get_text(strip=True) == "Organizador"
    assert link["href"] == "https://allies.example.org/es/1/"


def test_hostile_values_are_escaped(client, careers_page, source):
    url = 'https://allies.example.org/jobs/1/?a=1&b="><script>'
    item = posting_item(
        title="</script><script>alert(1)</script>",
        summary="<img src=x onerror=alert(1)>",
        url=url,
        translations=(Translation("en", "javascript:alert(1)", "x"),),
    )
    script_link = posting_item(url="javascript:alert(1)")
    sync_source(source, fetcher=FakeFetcher(fetched(item, script_link)))
    response = client.get(careers_page.url)
    body = response.content.decode()
    assert "<script>alert(1)" not in body
    assert "<img src=x" not in body
    assert card_titles(response) == ["</script><script>alert(1)</script>"]
    assert soup_of(response).select_one(".careers-card__title a")["href"] == url
    assert "javascript:" not in body
    # No structured data for another site's posting.
    assert "alert(1)</script>" not in "".join(
        script.get_text() for script in soup_of(response).select("script")
    )


def test_feeds_link_to_the_origin(client, careers_page, make_posting, allied):
    make_posting(title="Local", closes_in_days=10)
    rss = feedparser.parse(client.get(careers_page.url + "feed/rss/").content)
    assert [entry.title for entry in rss.entries] == [
        "Allied organiser",
        "Local",
        "Allied researcher",
    ]
    assert rss.entries[0].link == allied[0].url
    atom = feedparser.parse(client.get(careers_page.url + "feed/atom/").content)
    assert atom.entries[0].link == allied[0].url
    data = json.loads(client.get(careers_page.url + "feed/json/").content)
    item = data["items"][0]
    assert (item["id"], item["url"]) == (allied[0].url, allied[0].url)
    assert item["_careers"]["origin"] == "allies.example.org"
    assert item["_careers"]["posting_id"] == allied[0].origin_id
    assert data["items"][1]["title"] == "Local"


def test_open_positions_tag(careers_page, allied, make_posting):
    make_posting(title="Local", closes_in_days=10)
    template = Template(
        "{% load careers_tags %}{% careers_open_positions listing_page=page limit=2 %}"
    )
    request = RequestFactory().get("/")
    html = template.render(Context({"request": request, "page": careers_page}))
    assert "Allied organiser" in html and "Local" in html
    assert "Allied researcher" not in html
    assert 'rel="external"' in html


def test_query_count_does_not_grow_with_syndicated_postings(client, careers_page, source):
    def count():
        client.get(careers_page.url)
        with CaptureQueriesContext(connection) as context:
            assert client.get(careers_page.url).status_code == 200
        return len(context.captured_queries)

    sync_source(source, fetcher=FakeFetcher(fetched(*[posting_item() for _ in range(2)])))
    small = count()
    sync_source(source, fetcher=FakeFetcher(fetched(*[posting_item() for _ in range(30)])))
    assert count() == small


@pytest.mark.urls("tests.listing.urls_api")
def test_api_lists_them_with_their_origin(client, allied, source):
    response = client.get("/api/v2/allied-postings/?fields=posting_id,translations")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["meta"]["total_count"] == 2
    first = data["items"][0]
    assert first["origin"] == "allies.example.org"
    assert first["url"] == allied[0].url
    assert first["title"] == "Allied organiser"
    assert first["posting_id"] == allied[0].origin_id
    assert first["translations"][0]["url"] == allied[0].url
    source.enabled = False
    source.save()
    from careers.syndication.index import reindex_syndicated

    reindex_syndicated()
    assert client.get("/api/v2/allied-postings/").json()["meta"]["total_count"] == 0


def test_a_fetch_drops_what_the_listing_cached(client, careers_page, source, shared_cache):
    sync_source(source, fetcher=FakeFetcher(fetched(posting_item(title="First"))))
    assert card_titles(client.get(careers_page.url)) == ["First"]
    second = posting_item(title="Second", closes_in_days=60)
    sync_source(source, fetcher=FakeFetcher(fetched(posting_item(title="First"), second)))
    assert "2 open positions" in client.get(careers_page.url).content.decode()


def test_a_site_wide_listing_shows_a_posting_once_when_two_listings_take_its_source(
    client, site_root, careers_page, source
):
    """Two listing pages of one site take the same source, so the posting has a row below
    each; a third listing, of the whole site, shows it once, in its feeds too. Each of the two
    still shows it."""
    from careers.models import CareersIndexPage, ListingScope

    partners = CareersIndexPage(title="Partners", slug="partners")
    site_root.add_child(instance=partners)
    partners.save_revision().publish()
    everything = CareersIndexPage(title="All", slug="all", listing_scope=ListingScope.SITE)
    site_root.add_child(instance=everything)
    everything.save_revision().publish()
    source.listings.set([careers_page, partners])
    source.save()
    sync_source(source, fetcher=FakeFetcher(fetched(posting_item(title="Allied organiser"))))

    for listing in (careers_page, partners, everything):
        response = client.get(listing.url)
        assert card_titles(response) == ["Allied organiser"], listing.slug
        assert "1 open position" in response.content.decode()
    feed = json.loads(client.get(everything.url + "feed/json/").content)
    assert [item["title"] for item in feed["items"]] == ["Allied organiser"]


def test_only_a_page_showing_allied_postings_reads_them(client, careers_page, source, make_posting):
    """The page of index rows is read without the syndicated postings' table; a page that
    shows any reads them in one more query, however many."""

    def reads():
        client.get(careers_page.url)
        with CaptureQueriesContext(connection) as context:
            assert client.get(careers_page.url).status_code == 200
        queries = [query["sql"] for query in context.captured_queries]
        return len(queries), [sql for sql in queries if "careers_syndicatedposting" in sql]

    make_posting(title="Local", closes_in_days=10)
    local_count, local_reads = reads()
    assert local_reads == []
    sync_source(source, fetcher=FakeFetcher(fetched(*[posting_item() for _ in range(3)])))
    count, allied_reads = reads()
    assert count == local_count + 1
    assert len(allied_reads) == 1 and "careers_listingentry" not in allied_reads[0]
