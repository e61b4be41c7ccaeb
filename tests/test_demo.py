"""The example site's ``load_demo_data`` command: idempotent, and safe on an emptied database."""

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command
from django.template.backends.django import DjangoTemplates
from wagtail.models import Page, Site

from careers.models import JobPostingPage, Organisation


def load():
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue()


def counts():
    return (Page.objects.count(), Organisation.objects.count(), Site.objects.count())


@pytest.mark.django_db
def test_loading_twice_changes_nothing_and_prints_the_login():
    first = load()
    assert "Demo content loaded." in first
    assert "Login:    admin / changeme" in first
    assert JobPostingPage.objects.live().exists()
    before = counts()

    second = load()

    assert "already loaded; nothing changed" in second
    assert counts() == before


@pytest.mark.django_db
def test_loading_the_allied_site_twice_changes_nothing():
    """``make demo`` loads the allied organisation's site each time it runs (its careers page
    has a slug of its own)."""
    out = io.StringIO()
    call_command("load_allied_demo_data", stdout=out)
    assert "Demo content loaded." in out.getvalue()
    before = counts()

    out = io.StringIO()
    call_command("load_allied_demo_data", stdout=out)

    assert "already loaded; nothing changed" in out.getvalue()
    assert counts() == before


@pytest.mark.django_db(transaction=True)
def test_loads_into_a_flushed_database():
    """``manage.py flush`` removes the tree root that Wagtail's migrations created."""
    call_command("flush", interactive=False, verbosity=0)
    assert not Page.objects.exists()

    assert "Demo content loaded." in load()

    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific.__class__.__name__ == "HomePage"
    assert JobPostingPage.objects.live().child_of(site.root_page).count() == 0
    assert JobPostingPage.objects.live().descendant_of(site.root_page).exists()


def make_demo_address():
    """The address ``make demo`` serves the network's site on (example_site/run_demo.py)."""
    import run_demo

    source = (Path(__file__).resolve().parent.parent / "example_site" / "run_demo.py").read_text()
    assert f'"runserver", "{run_demo.FIRST.removeprefix("http://")}"' in source
    return run_demo.FIRST


@pytest.mark.django_db
def test_the_site_is_on_the_address_make_demo_serves_and_prints():
    output = load()
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == make_demo_address()
    assert f"Site:     {site.root_url}/" in output


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


class DemoVisitor:
    """Follows every absolute link of the demo, from its sitemap, as a visitor on the Site's
    address: pages (their hreflang, feed, JSON-LD and calendar links), feeds and calendar files."""

    def __init__(self, client, root_url):
        self.client = client
        self.root_url = root_url
        self.links = set()
        self.visited = set()

    def get(self, url):
        parts = urlsplit(urljoin(self.root_url + "/", url))
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        response = self.client.get(path, HTTP_HOST=parts.netloc)
        assert response.status_code == 200, url
        return response

    def crawl(self):
        tree = ET.fromstring(self.get("/sitemap.xml").content)
        self.links.update(loc.text for loc in tree.iter(f"{SITEMAP}loc"))
        self.links.update(link.get("href") for link in tree.iter(f"{XHTML}link"))
        while self.links - self.visited:
            url = min(self.links - self.visited)
            self.visited.add(url)
            self.read(url)

    def read(self, url):
        response = self.get(url)
        content_type = response["Content-Type"].split(";")[0]
        if content_type == "text/html":
            self.page(response.content)
        elif content_type == "text/calendar":
            for event in icalendar.Calendar.from_ical(response.content).walk("VEVENT"):
                self.links.add(str(event["URL"]))
        elif content_type == "application/feed+json":
            self.json_feed(json.loads(response.content))
        else:
            self.feed(feedparser.parse(response.content), url)

    def page(self, content):
        soup = BeautifulSoup(content, "html.parser")
        self.links.update(link["href"] for link in soup.select("link[hreflang]"))
        for script in soup.select('script[type="application/ld+json"]'):
            self.links.add(json.loads(script.string)["url"])
        for link in soup.select('head link[rel="alternate"][type]'):
            self.read(link["href"])
        for anchor in soup.select("a[download]"):
            self.read(anchor["href"])

    def json_feed(self, data):
        self.links.update([data["home_page_url"], data["feed_url"]])
        for item in data["items"]:
            # A posting open until filled has no calendar file (calendar_url is null).
            links = [item["id"], item["url"], item["_careers"]["calendar_url"]]
            self.links.update(link for link in links if link)

    def feed(self, feed, url):
        assert not feed.bozo, url
        self.links.update(link.href for link in feed.feed.links)
        self.links.update(value for value in (feed.feed.get("link"), feed.feed.get("id")) if value)
        for entry in feed.entries:
            self.links.update([entry.link, entry.id])
            self.links.update(link.href for link in entry.links)


@pytest.mark.django_db
@pytest.mark.urls("example_site.urls")
def test_every_absolute_link_answers_on_the_sites_address(
    client, django_capture_on_commit_callbacks
):
    """hreflang, sitemap, feed, JSON-LD and calendar links of the demo all work on the address
    ``make demo`` serves and prints."""
    with django_capture_on_commit_callbacks(execute=True):
        load()
    root_url = make_demo_address()
    visitor = DemoVisitor(client, root_url)
    visitor.crawl()

    assert sorted(link for link in visitor.links if not link.startswith(root_url + "/")) == []
    parts = ["/feed/rss/", "/feed/atom/", "/feed/json/", "/calendar/"]
    if settings.WAGTAIL_I18N_ENABLED:
        parts += ["/es/", "/fr/"]
    for part in parts:
        assert any(part in link for link in visitor.links), part
    assert len(visitor.visited) >= 10


@pytest.mark.django_db
@pytest.mark.urls("example_site.urls")
def test_the_api_in_docs_developers_md_is_served(client):
    load()
    host = urlsplit(make_demo_address()).netloc
    response = client.get("/api/v2/postings/", HTTP_HOST=host)
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["total_count"] == len(data["items"]) > 0
    assert {item["meta"]["type"] for item in data["items"]} == {"careers.JobPostingPage"}


def google_job_posting_problems(data):
    """What Google's JobPosting rules would refuse: the required properties, one employer, a
    deadline only with a date, and a place (or, for remote work, where applicants may live)."""
    problems = [name for name in ("title", "description", "datePosted") if not data.get(name)]
    employer = data.get("hiringOrganization")
    if not isinstance(employer, dict) or not employer.get("name"):
        problems.append("hiringOrganization")
    if "validThrough" in data and "T" not in data["validThrough"]:
        problems.append("validThrough")
    places = data.get("jobLocation")
    places = places if isinstance(places, list) else [places] if places else []
    if data.get("jobLocationType") != "TELECOMMUTE":
        if not places or any(not p["address"].get("addressCountry") for p in places):
            problems.append("jobLocation")
    elif not places and not data.get("applicantLocationRequirements"):
        problems.append("applicantLocationRequirements")
    types = data.get("employmentType")
    allowed = {"FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER",
               "PER_DIEM", "OTHER"}  # fmt: skip
    if not set(types if isinstance(types, list) else [types]) <= allowed:
        problems.append("employmentType")
    return problems


@pytest.mark.django_db
def test_open_until_filled_posting_passes_googles_rules(client, django_capture_on_commit_callbacks):
    import json

    from bs4 import BeautifulSoup

    # wagtail-localize publishes translations on commit, as after a request.
    with django_capture_on_commit_callbacks(execute=True):
        load()
    posting = JobPostingPage.objects.get(
        slug="communications-and-learning-officer", locale__language_code="en"
    )
    assert posting.open_until_filled and posting.closes_at is None
    assert posting.employment_types == ["part_time", "consultancy"]
    assert [link.role for link in posting.hiring_organisations.all()] == ["employer", "supporter"]
    assert posting.language_requirements[1]["languages"] == ["fr", "es", "ar", "sw"]
    assert posting.application_cc and posting.statement is None
    soup = BeautifulSoup(client.get(posting.url).content, "html.parser")
    (script,) = soup.select('script[type="application/ld+json"]')
    data = json.loads(script.string)
    assert google_job_posting_problems(data) == []
    assert "validThrough" not in data
    assert data["employmentType"] == ["PART_TIME", "CONTRACTOR"]
    assert data["hiringOrganization"]["name"] == "Informal Economy Research Network"
    assert soup.select_one(".careers-posting__statement") is None
    assert "Supported by" in soup.select_one(".careers-facts").get_text()
    spanish = JobPostingPage.objects.filter(
        translation_key=posting.translation_key, locale__language_code="es"
    ).first()
    if spanish is not None:
        assert spanish.live and spanish.title == "Responsable de comunicación y aprendizaje"
        assert spanish.employment_types == posting.employment_types


@pytest.mark.i18n
@pytest.mark.django_db
def test_published_spanish_translations_leave_only_names_in_english():
    """A Spanish visitor of the demo reads Spanish: only names, acronyms and slugs, which
    ``demo_catalog`` leaves out on purpose, keep their source text."""
    from home import demo_content
    from home.demo_catalog import CATALOG
    from wagtail_localize.models import Translation

    load()
    names = {"home", demo_content.CAREERS["slug"]}
    names.update(org["short_name"] for org in demo_content.ORGANISATIONS.values())
    for posting in demo_content.POSTINGS:
        names.add(posting["slug"])
        names.add(posting["fields"].get("contact_name"))
        names.update(city for city, _country in posting.get("locations", []))
    untranslated = {
        entry.msgid
        for translation in Translation.objects.filter(target_locale__language_code="es")
        for entry in translation.export_po()
        if not CATALOG["es"].get(entry.msgid)
    }
    assert untranslated - names == set()


@pytest.mark.django_db
def test_each_demo_site_names_itself_in_its_header(rf, settings):
    """The network's site and the allied organisation's (settings.allied, which shares the base
    template) each show their own name in the header and the window title."""
    templates = Path(__file__).parents[1] / "example_site" / "example_site" / "templates"
    options = {"NAME": "demo", "DIRS": [templates], "APP_DIRS": True, "OPTIONS": {}}
    template = DjangoTemplates(options).get_template("base.html")
    for name, expected in [("", "Allied Workers' Network"), ("Aliança de Catadoras do Sul",) * 2]:
        settings.DEMO_SITE_NAME = name
        html = template.render({}, rf.get("/"))
        soup = BeautifulSoup(html, "html.parser")
        assert soup.select_one(".site-name").get_text() == expected
        assert soup.title.get_text().endswith(f"| {expected}")


@pytest.mark.i18n
@pytest.mark.django_db
def test_the_language_menu_reads_the_root_paths_in_one_query(rf):
    """The demo's language menu (its base template) shows a page's translations before the
    page's content, an open positions block perhaps: it keeps the Sites' root paths on the
    request (``remember_site_root_paths``), as a host page can, rather than Wagtail reading
    every Site and root translation whole."""
    from unittest import mock

    load()
    home = Site.objects.get(is_default_site=True).root_page.specific
    for translation in home.get_translations():
        translation.specific.save_revision().publish()
    templates = Path(__file__).parents[1] / "example_site" / "example_site" / "templates"
    options = {
        "NAME": "demo",
        "DIRS": [templates],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
    template = DjangoTemplates(options).get_template("base.html")
    request = rf.get("/")
    with mock.patch.object(
        Site, "get_site_root_paths", side_effect=AssertionError("Wagtail's root paths read")
    ):
        html = template.render({"page": home}, request)
    links = BeautifulSoup(html, "html.parser").select(".site-languages a")
    assert [link["hreflang"] for link in links] == ["es", "fr"]
    assert all(link["href"].startswith("/") for link in links)
