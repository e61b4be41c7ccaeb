"""The peer feed format, version 1: what an allied site reads from a listing's JSON Feed
(docs/syndication.md, "The feed format (version 1)"), its paging, and cross-origin reading."""

import datetime
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from careers.listing.request import Cursor
from careers.models import JobPostingPage, ListingEntry, Organisation
from careers.posting_index import reindex
from tests.helpers import move_site

NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def feed(client, careers_page, query=""):
    response = client.get(careers_page.url + "feed/json/" + query)
    assert response.status_code == 200
    return json.loads(response.content)


@pytest.fixture
def spanish(careers_page):
    locale = Locale.objects.get_or_create(language_code="es")[0]
    careers_page.get_parent().copy_for_translation(locale).save_revision().publish()
    careers_page.copy_for_translation(locale).save_revision().publish()
    return locale


def translate(posting, locale, publish=True):
    translation = posting.copy_for_translation(locale)
    translation.title = f"{posting.title} (es)"
    translation.introduction = "Un puesto en la red."
    if publish:
        translation.save_revision().publish()
    return JobPostingPage.objects.get(pk=translation.pk)


@pytest.mark.django_db
class TestDocument:
    def test_top_level_facts(self, client, careers_page, make_posting):
        make_posting()
        move_site(site_name="Federation jobs")
        data = feed(client, careers_page)
        facts = data["_careers"]
        assert facts["version"] == 1
        assert facts["count"] == 1
        assert facts["site"] == {"name": "Federation jobs", "url": "http://testserver/"}
        assert "all" not in facts
        assert "next_url" not in data
        generated = datetime.datetime.fromisoformat(facts["generated_at"])
        assert abs(generated - timezone.now()) < datetime.timedelta(minutes=1)

    def test_the_site_is_the_pages_whichever_host_asked(self, careers_page, site_root, rf):
        """``page_site``: the Site serving the page, taken from the request when it is that
        Site (no query), else read; its root URL always the Site record's."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext
        from wagtail.models import Page, Site

        from careers.addresses import page_site

        site = move_site(site_name="Federation jobs")
        other_root = Page(title="Other", slug="other-site")
        site_root.get_parent().add_child(instance=other_root)
        Site.objects.create(hostname="other.example.org", root_page=other_root, site_name="Other")
        own = rf.get("/", HTTP_HOST="testserver")
        Site.find_for_request(own)  # as Wagtail's routing does before the view
        careers_page.get_url_parts(own)
        with CaptureQueriesContext(connection) as queries:
            assert page_site(careers_page, own) == (site, "http://testserver")
        assert len(queries) == 0
        other = rf.get("/", HTTP_HOST="other.example.org")
        found, root = page_site(careers_page, other)
        assert (found.site_name, root) == ("Federation jobs", "http://testserver")

    def test_the_document_is_not_indented(self, client, careers_page, make_posting):
        """Written by the C JSON encoder, which indentation turns off (4 ms for 50 postings)."""
        make_posting(title="Organiser, “Ciudad de México”")
        response = client.get(careers_page.url + "feed/json/")
        assert b"\n" not in response.content and "Ciudad de México" in response.content.decode()

    def test_item_identity_and_organisations(
        self, client, careers_page, make_posting, organisation
    ):
        partner = Organisation.objects.create(name="Partner")
        posting = make_posting(organisations=[organisation, (partner, "partner")])
        (item,) = feed(client, careers_page)["items"]
        facts = item["_careers"]
        assert item["id"] == item["url"] == posting.get_full_url()
        assert facts["posting_id"] == str(posting.translation_key)
        assert facts["is_filled"] is False
        assert [(o["name"], o["role"], o["id"]) for o in facts["organisations"]] == [
            ("Home Workers Federation", "employer", str(organisation.translation_key)),
            ("Partner", "partner", str(partner.translation_key)),
        ]  # fmt: skip

    @pytest.mark.i18n
    def test_translations_are_every_live_public_version(
        self, client, careers_page, make_posting, spanish
    ):
        posting = make_posting(title="Organiser")
        translate(posting, spanish)
        draft = make_posting(title="Draft")
        translate(draft, spanish, publish=False)  # a draft translation is not listed
        item, draft_item = feed(client, careers_page)["items"]
        assert [t["language"] for t in draft_item["_careers"]["translations"]] == ["en"]
        assert item["_careers"]["translations"] == [
            {"language": "en", "url": posting.get_full_url(), "title": "Organiser",
             "summary": "A role in the network."},
            {"language": "es", "url": "http://testserver/es/careers/" + posting.slug + "/",
             "title": "Organiser (es)", "summary": "Un puesto en la red."},
        ]  # fmt: skip

    @pytest.mark.i18n
    def test_a_private_translation_is_not_listed(self, client, careers_page, make_posting, spanish):
        posting = make_posting()
        translation = translate(posting, spanish)
        PageViewRestriction.objects.create(page=translation, restriction_type="login")
        reindex([translation.translation_key])
        (item,) = feed(client, careers_page)["items"]
        assert [t["language"] for t in item["_careers"]["translations"]] == ["en"]

    def test_existing_fields_stay(self, client, careers_page, make_posting):
        make_posting()
        (item,) = feed(client, careers_page)["items"]
        for name in ("id", "url", "title", "content_text", "summary", "date_published",
                     "date_modified", "language", "authors", "tags"):  # fmt: skip
            assert name in item
        facts = ("status", "employment_types", "workplace_type", "applicant_regions",
                 "applicant_countries", "locations", "languages_required", "closes_at",
                 "closes_at_local", "closing_timezone", "open_until_filled",
                 "date_posted")  # fmt: skip
        for name in facts:
            assert name in item["_careers"]


@pytest.mark.django_db
class TestPaging:
    def test_all_pages_through_every_open_posting_with_next_url(
        self, client, careers_page, make_posting, settings
    ):
        settings.CAREERS_FEED_LIMIT = 2
        titles = [make_posting(title=f"P{n}", closes_in_days=n + 1).title for n in range(5)]
        make_posting(title="Until filled", open_until_filled=True, closing_date=None)
        make_posting(title="Closed", closes_in_days=-1)
        seen, url, documents = [], careers_page.url + "feed/json/?all=1", 0
        while url:
            data = json.loads(client.get(url).content)
            documents += 1
            assert data["_careers"]["all"] is True
            assert data["_careers"]["count"] == len(data["items"]) <= 2
            assert data["feed_url"] == "http://testserver/careers/feed/json/?all=1"
            seen += [item["title"] for item in data["items"]]
            url = data.get("next_url")
        assert seen == [*titles, "Until filled"]
        assert documents == 3

    def test_all_ignores_filters(self, client, careers_page, make_posting):
        make_posting(title="Home", workplace_type="home_based")
        make_posting(title="Office", workplace_type="on_site")
        data = feed(client, careers_page, "?all=1&workplace=home_based")
        assert {item["title"] for item in data["items"]} == {"Home", "Office"}
        assert [
            i["title"] for i in feed(client, careers_page, "?workplace=home_based")["items"]
        ] == ["Home"]

    def test_the_cursor_does_not_shift_when_a_posting_closes(
        self, client, careers_page, make_posting, settings
    ):
        settings.CAREERS_FEED_LIMIT = 2
        postings = [make_posting(title=f"P{n}", closes_in_days=n + 1) for n in range(4)]
        first = feed(client, careers_page, "?all=1")
        assert [item["title"] for item in first["items"]] == ["P0", "P1"]
        # P0 closes by hand before the reader asks for the next document: an offset would now
        # skip P2; the cursor names P1, so the next document starts right after it.
        postings[0].is_filled = True
        postings[0].save_revision().publish()
        query = urlsplit(first["next_url"]).query
        second = feed(client, careers_page, "?" + query)
        assert [item["title"] for item in second["items"]] == ["P2", "P3"]
        assert parse_qs(query)["all"] == ["1"]

    @pytest.mark.parametrize(
        "after",
        [
            "garbage",
            "1.",
            ".5",
            "none.x",
            "99999999999999999999999999.1",
            "1.2.3",
            "1.99999999999999999999999",
            "\u00b2.1",
            "1.\u0663",
            "999999999999999999.1",
            "-999999999999999999.1",
        ],  # fmt: skip
    )
    def test_a_bad_cursor_is_a_clear_400(self, client, careers_page, make_posting, after):
        make_posting()
        response = client.get(careers_page.url + f"feed/json/?all=1&after={after}")
        assert response.status_code == 400
        assert b"next_url" in response.content

    def test_cursor_round_trip(self):
        moment = datetime.datetime(2030, 5, 1, 12, 30, 1, 5, tzinfo=datetime.UTC)
        for cursor in (Cursor(moment, 42), Cursor(None, 7)):
            parsed = Cursor.parse(str(cursor))
            assert (parsed.closes_at, parsed.page_id) == (cursor.closes_at, cursor.page_id)


def add_translated(make_posting, spanish, count):
    for n in range(count):
        posting = make_posting(closes_in_days=n + 1)
        translate(posting, spanish)


@pytest.mark.i18n
@pytest.mark.django_db
def test_queries_do_not_grow_with_items(client, careers_page, make_posting, spanish, settings):
    """A document's translations, organisations and locations are fetched for all its items at
    once (nothing is cached between requests here)."""
    settings.CACHES = NO_CACHE
    counts = []
    for added in (2, 6):
        add_translated(make_posting, spanish, added)
        for url in ("feed/json/", "feed/json/?all=1"):
            client.get(careers_page.url + url)
            with CaptureQueriesContext(connection) as context:
                response = client.get(careers_page.url + url)
            data = json.loads(response.content)
            assert all(len(i["_careers"]["translations"]) == 2 for i in data["items"])
            counts.append((url, len(context.captured_queries)))
    assert counts[:2] == counts[2:]


@pytest.mark.django_db
class TestCrossOrigin:
    @pytest.mark.parametrize("kind", ["rss", "atom", "json"])
    def test_any_origin_may_read_a_feed(self, client, careers_page, make_posting, kind):
        make_posting()
        response = client.get(careers_page.url + f"feed/{kind}/", HTTP_ORIGIN="https://a.example")
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Credentials" not in response
        assert "Origin" not in response.get("Vary", "")

    def test_a_cached_feed_keeps_the_header(self, client, careers_page, make_posting, shared_cache):
        make_posting()
        with CaptureQueriesContext(connection) as built:
            first = client.get(careers_page.url + "feed/json/")
        with CaptureQueriesContext(connection) as kept:
            second = client.get(careers_page.url + "feed/json/")
        assert second.content == first.content
        assert len(kept.captured_queries) < len(built.captured_queries)  # from the cache
        assert second["Access-Control-Allow-Origin"] == "*"

    @pytest.mark.parametrize("kind", ["rss", "atom", "json"])
    def test_preflight(self, client, careers_page, kind):
        response = client.options(
            careers_page.url + f"feed/{kind}/",
            HTTP_ORIGIN="https://a.example",
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
            HTTP_ACCESS_CONTROL_REQUEST_HEADERS="If-None-Match",
        )
        assert response.status_code == 204
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "GET" in response["Access-Control-Allow-Methods"]
        assert "If-None-Match" in response["Access-Control-Allow-Headers"]
        assert response.content == b""

    def test_other_pages_are_not_opened_to_other_origins(self, client, careers_page):
        response = client.get(careers_page.url, HTTP_ORIGIN="https://a.example")
        assert "Access-Control-Allow-Origin" not in response


@pytest.mark.django_db
@pytest.mark.urls("tests.listing.urls_api")
class TestAPICrossOrigin:
    def test_postings_endpoint(self, client, careers_page, make_posting):
        make_posting()
        response = client.get("/api/v2/postings/", HTTP_ORIGIN="https://a.example")
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Credentials" not in response

    def test_postings_preflight(self, client, careers_page):
        response = client.options(
            "/api/v2/postings/",
            HTTP_ORIGIN="https://a.example",
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        )
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "GET" in response["Access-Control-Allow-Methods"]


def posting_table_reads(client, careers_page):
    """The JSON Feed's first item's translations, and the SELECT lists of its queries of the
    posting table."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(careers_page.url + "feed/json/")
    item = json.loads(response.content)["items"][0]
    reads = [
        query["sql"].split(" FROM ")[0]
        for query in context.captured_queries
        if 'FROM "careers_jobpostingpage"' in query["sql"]
    ]
    return item["_careers"]["translations"], reads


@pytest.mark.i18n
@pytest.mark.django_db
def test_translations_come_from_the_index(client, careers_page, make_posting, spanish, settings):
    """Up to four versions of each of 50 postings: each is made from its index row (its
    page's title, address and language, and its card's introduction), without reading the
    posting table, as are the feed's postings with their facts (see test_feed_facts.py)."""
    settings.CACHES = NO_CACHE
    add_translated(make_posting, spanish, 2)
    translations, reads = posting_table_reads(client, careers_page)
    assert {t["language"] for t in translations} == {"en", "es"}
    assert all(t["title"] and t["url"] and t["summary"] for t in translations)
    assert reads == []
    # Rows written before they held facts: the feed's postings are read whole, in one query.
    ListingEntry.objects.update(facts=None)
    without_facts, reads = posting_table_reads(client, careers_page)
    assert without_facts == translations
    assert len(reads) == 1, reads
    assert '"salary_min"' in reads[0]


@pytest.mark.i18n
@pytest.mark.django_db
def test_translations_without_cards_read_only_what_they_show(
    client, careers_page, make_posting, spanish, settings
):
    """Rows written before the index had cards: their versions are read from the posting
    table, only their titles, addresses and introductions, not every column of each."""
    settings.CACHES = NO_CACHE
    add_translated(make_posting, spanish, 2)
    with_cards, _reads = posting_table_reads(client, careers_page)
    ListingEntry.objects.update(card={}, facts=None)
    translations, reads = posting_table_reads(client, careers_page)
    assert translations == with_cards
    # The feed's postings with their facts, then their versions with only what is shown.
    assert len(reads) == 2, reads
    assert '"salary_min"' in reads[0]
    assert '"salary_min"' not in reads[1] and '"closes_at"' not in reads[1]
    assert '"url_path"' in reads[1] and '"introduction"' in reads[1]
