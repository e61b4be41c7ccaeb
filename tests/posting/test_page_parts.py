"""A posting page shows what was stored when its posting was indexed (careers.page_parts): its
organisations, locations and rendered body, read by its route with its language's default
statement in one query. The page is the same byte for byte as one rendered from the tables,
costs fewer queries, and never shows what is out of date."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers import page_parts, posting_index
from careers.models import EqualOpportunityStatement, ListingEntry, Organisation
from tests.helpers import block, item

pytestmark = pytest.mark.django_db

NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.fixture(autouse=True)
def no_cache(settings):
    settings.CACHES = NO_CACHE


@pytest.fixture
def statement(locale_en):
    return EqualOpportunityStatement.objects.create(
        title="Default", text="<p>We welcome <b>everyone</b>.</p>", is_default=True
    )


@pytest.fixture
def locale_en(db):
    from wagtail.models import Locale

    return Locale.objects.get(language_code="en")


def rich_body(organisation):
    return [
        block("heading", {"text": 'The "position" </script>', "level": "h2"}),
        block("paragraph", '<p>Read <a href="https://example.org">this</a> & that.</p>'),
        block("duties", {
            "heading": "Duties", "intro": "", "list_style": "bulleted",
            "items": [item("Advise local teams"), item("Track <activities>")],
        }),
        block("requirements", {
            "heading": "", "intro": "", "list_style": "bulleted",
            "items": [item({"text": "Strong writing", "importance": "essential"})],
        }),
        block("languages", {"heading": "", "items": [
            item({"language": "es", "level": "fluent", "importance": "essential"}),
        ]}),
        block("about_organisation", {"heading": "", "organisation": organisation.pk}),
    ]  # fmt: skip


@pytest.fixture
def postings(make_posting, organisation, statement):
    partner = Organisation.objects.create(
        name="Waste Pickers' <Alliance>", short_name="WPA", website="https://wpa.example.org"
    )
    own_statement = EqualOpportunityStatement.objects.create(
        title="Own", text="<p>Our own words.</p>"
    )
    return [
        make_posting(
            title="Joint organiser",
            body=rich_body(organisation),
            organisations=[organisation, (partner, "partner")],
            workplace_type="hybrid",
        ),
        make_posting(
            title="Home-based",
            workplace_type="home_based",
            applicant_countries=["KE"],
            body=rich_body(partner),
            equal_opportunity_statement=own_statement,
        ),
        make_posting(title="Closed", closes_in_days=-2, show_statement=False),
        make_posting(title="Nowhere", country=None, organisations=[partner]),
    ]


def served(client, posting):
    url = posting.url
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries.captured_queries)


def test_a_posting_served_from_its_stored_parts_is_the_page_rendered_from_the_tables(
    client, postings
):
    client.get(postings[0].url)  # per-process lookups (content types) out of the count
    stored = [served(client, posting) for posting in postings]
    assert all(
        ListingEntry.objects.filter(page=posting, is_fallback=False)
        .exclude(page_parts=None)
        .exists()
        for posting in postings
    )
    ListingEntry.objects.update(page_parts=None)
    from_tables = [served(client, posting) for posting in postings]
    for (html, queries), (expected, tables_queries) in zip(stored, from_tables, strict=True):
        assert html == expected
        # Organisations and locations, and the organisation an "about" block tells about.
        saved = 3 if "careers-about" in html else 2
        assert queries <= tables_queries - saved, (queries, tables_queries)
    assert "Our own words." in stored[1][0]
    assert "We welcome <b>everyone</b>." in stored[0][0]
    assert "We welcome" not in stored[2][0]


def test_the_stored_body_is_rendered_in_the_postings_language(
    client, make_posting, organisation, settings
):
    """An editor working in Spanish publishes an English posting: its page is in English."""
    from django.utils import translation

    posting = make_posting(title="Organiser", body=rich_body(organisation))
    with translation.override("es"):
        posting.save_revision().publish()
    parts = ListingEntry.objects.get(page=posting, is_fallback=False).page_parts
    assert parts["language"] == "en"
    assert "About HWF" in parts["body"]


def test_parts_of_another_version_or_language_are_not_shown(client, make_posting, organisation):
    posting = make_posting(title="Organiser", body=rich_body(organisation))
    entry = ListingEntry.objects.get(page=posting, is_fallback=False)
    for changed in ({"key": "careers:made-by-an-older-version"}, {"language": "es"}):
        entry.page_parts = {**entry.page_parts, **changed, "body": "<p>Out of date</p>"}
        entry.save()
        html, _queries = served(client, posting)
        assert "Out of date" not in html
        assert "Advise local teams" in html


def test_an_organisation_saved_renders_the_bodies_that_tell_about_it_again(
    client, make_posting, organisation
):
    """The "about" block shows the organisation's text: editing it reaches the stored body of
    a posting that names it only there."""
    other = Organisation.objects.create(name="Union Solidarity Centre")
    posting = make_posting(title="Organiser", body=rich_body(other), organisations=[organisation])
    other.about = "<p>Founded by home-based workers in 1990.</p>"
    other.save()
    html, _queries = served(client, posting)
    assert "Founded by home-based workers in 1990." in html
    parts = ListingEntry.objects.get(page=posting, is_fallback=False).page_parts
    assert "Founded by" in parts["body"]


def test_a_body_saved_on_its_own_is_stored_again(client, make_posting, organisation):
    posting = make_posting(title="Organiser", body=rich_body(organisation))
    posting.body = [block("paragraph", "<p>Only this now.</p>")]
    posting.save(update_fields=["body"])
    html, _queries = served(client, posting)
    assert "Only this now." in html
    assert "Advise local teams" not in html


def test_a_site_template_for_a_block_renders_bodies_on_each_request(
    client, make_posting, organisation, settings, tmp_path
):
    """A site that puts its own template before a block's has its bodies rendered with it (and
    with the request in their context): a body stored before is no longer shown, and none is
    stored."""
    posting = make_posting(title="Organiser", body=rich_body(organisation))
    assert "body" in ListingEntry.objects.get(page=posting, is_fallback=False).page_parts
    templates = tmp_path / "careers" / "blocks"
    templates.mkdir(parents=True)
    (templates / "paragraph.html").write_text("<div class='site-paragraph'>{{ value }}</div>")
    engine = {**settings.TEMPLATES[0]}
    engine["DIRS"] = [str(tmp_path), *engine.get("DIRS", [])]
    settings.TEMPLATES = [engine, *settings.TEMPLATES[1:]]
    html, _queries = served(client, posting)
    assert "site-paragraph" in html
    posting.save_revision().publish()
    parts = ListingEntry.objects.get(page=posting, is_fallback=False).page_parts
    assert "body" not in parts
    assert parts["organisations"]  # the rest is stored as ever
    html, _queries = served(client, posting)
    assert "site-paragraph" in html


def test_the_stock_templates_are_recognised_again_when_the_settings_change(settings, tmp_path):
    from careers.models import JobPostingPage

    assert page_parts.stock_body_templates(JobPostingPage)
    templates = tmp_path / "careers" / "blocks"
    templates.mkdir(parents=True)
    (templates / "heading.html").write_text("{{ value.text }}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [str(tmp_path)]}]
    assert not page_parts.stock_body_templates(JobPostingPage)


@pytest.mark.parametrize("first", ["other backend", "engine without the app's templates"])
def test_bodies_are_not_stored_when_the_first_engine_is_not_one_that_finds_the_apps_own(
    client, settings, make_posting, organisation, first
):
    """Wagtail renders blocks with the first engine that finds their templates: when the first
    configured is not Django's (Jinja2, say) or does not look in apps' directories, bodies are
    rendered on each request, and indexing a posting does not fail."""
    from careers.models import JobPostingPage

    if first == "other backend":
        engine = {"BACKEND": "django.template.backends.dummy.TemplateStrings", "APP_DIRS": True}
    else:
        engine = {**settings.TEMPLATES[0], "APP_DIRS": False, "DIRS": []}
        engine["OPTIONS"] = {**engine.get("OPTIONS", {}), "loaders": []}
    settings.TEMPLATES = [{"NAME": "first", **engine}, *settings.TEMPLATES]
    assert not page_parts.stock_body_templates(JobPostingPage)
    posting = make_posting(title="Organiser", body=rich_body(organisation))
    parts = ListingEntry.objects.get(page=posting, is_fallback=False).page_parts
    assert "body" not in parts and parts["organisations"]
    html, _queries = served(client, posting)
    assert "Advise local teams" in html


def test_a_rebuild_reports_and_mends_parts_out_of_step(make_posting, organisation):
    posting = make_posting(title="Organiser", body=rich_body(organisation))
    ListingEntry.objects.filter(page=posting).update(page_parts=None)
    _missing, _extra, different = posting_index.drift()
    assert different
    posting_index.rebuild()
    assert posting_index.drift() == ([], [], [])
    assert ListingEntry.objects.get(page=posting, is_fallback=False).page_parts["body"]


def test_only_the_postings_own_route_reads_its_stored_parts(
    client, careers_page, postings, organisation
):
    """Each stored part holds a rendered body: the listing, its feeds and the open positions
    tag read many rows, and leave that column unread (a feed of 50 postings read it and was
    about a third slower)."""
    from django.template import Context, Template
    from django.test import RequestFactory

    column = f'"{ListingEntry._meta.db_table}"."page_parts"'
    urls = [careers_page.url, careers_page.url + "?page=1&sort=newest"]
    urls += [careers_page.url + f"feed/{kind}/" for kind in ("rss", "atom", "json")]
    urls += [careers_page.url + "feed/json/?all=1"]
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert not [q["sql"] for q in queries if column in q["sql"]], url
    tag = Template("{% load careers_tags %}{% careers_open_positions listing_page=page %}")
    with CaptureQueriesContext(connection) as queries:
        tag.render(Context({"request": RequestFactory().get("/"), "page": careers_page}))
    assert not [q["sql"] for q in queries if column in q["sql"]]
    # The posting's own route does read them (the test would pass on any spelling otherwise).
    with CaptureQueriesContext(connection) as queries:
        assert client.get(postings[0].url).status_code == 200
    assert any("page_parts" in q["sql"] for q in queries)
