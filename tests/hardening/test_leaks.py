"""Nothing unpublished leaks: every kind of hidden posting × every public surface, as one table.

Each hidden posting carries a marker in its title and body. Every surface is fetched the way a
visitor or a scraper would, and must not contain the marker. A visible posting beside it must
appear on the surfaces that list open postings, so a surface that shows nothing cannot pass by
accident.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction, Site

from careers.blocks import OpenPositionsBlock
from careers.models import CareersIndexPage, ListingScope
from tests.helpers import block, tree_root

MARKER = "LEAKMARKER"
VISIBLE = "Visible organiser"
VISIBLE_SLUG = "visible-organiser"


def hidden_body(kind):
    return [block("paragraph", f"<p>{MARKER} body of the {kind} posting</p>")]


def restrict(page, restriction_type, **fields):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, **fields
    )
    if restriction_type == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.create(name="Staff only"))


# Each kind makes one posting that no visitor may see, and returns the language prefix of the
# surfaces to check ("" for the default language).


def draft(make_posting, **_):
    make_posting(
        title=f"{MARKER} clandestine draft",
        slug="leakmarker-draft",
        publish=False,
        body=hidden_body("draft"),
    )
    return ""


def password(make_posting, **_):
    page = make_posting(
        title=f"{MARKER} clandestine password",
        slug="leakmarker-password",
        body=hidden_body("password"),
    )
    restrict(page, PageViewRestriction.PASSWORD, password="secret")  # noqa: S106
    return ""


def login(make_posting, **_):
    page = make_posting(
        title=f"{MARKER} clandestine login", slug="leakmarker-login", body=hidden_body("login")
    )
    restrict(page, PageViewRestriction.LOGIN)
    return ""


def groups(make_posting, **_):
    page = make_posting(
        title=f"{MARKER} clandestine groups", slug="leakmarker-groups", body=hidden_body("groups")
    )
    restrict(page, PageViewRestriction.GROUPS)
    return ""


def restricted_section(make_posting, careers_page, **_):
    """A posting in a sub-section under a password: the restriction is on an ancestor."""
    section = Page(title="Internal", slug="internal")
    careers_page.add_child(instance=section)
    section.save_revision().publish()
    restrict(section, PageViewRestriction.PASSWORD, password="secret")  # noqa: S106
    make_posting(
        title=f"{MARKER} clandestine in a restricted section",
        slug="leakmarker-in-a-restricted-section",
        parent=section,
    )
    return ""


def scheduled(make_posting, **_):
    page = make_posting(
        title=f"{MARKER} clandestine scheduled",
        slug="leakmarker-scheduled",
        publish=False,
        body=hidden_body("scheduled"),
    )
    page.go_live_at = timezone.now() + datetime.timedelta(days=3)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live and page.go_live_at
    return ""


def expired(make_posting, **_):
    """Published, then unpublished at its closing time by ``publish_scheduled``."""
    page = make_posting(
        title=f"{MARKER} clandestine expired",
        slug="leakmarker-expired",
        body=hidden_body("expired"),
        closes_in_days=-1,
    )
    page.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    page.save_revision().publish()
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live and page.expired
    return ""


def other_site(make_posting, careers_page, **_):
    root = tree_root()
    home = Page(title="Other home", slug="other-home")
    root.add_child(instance=home)
    Site.objects.create(hostname="other.example.org", root_page=home)
    other_careers = CareersIndexPage(title="Careers", slug="careers")
    home.add_child(instance=other_careers)
    other_careers.save_revision().publish()
    make_posting(
        title=f"{MARKER} clandestine other site",
        slug="leakmarker-other-site",
        parent=other_careers,
        body=hidden_body("other"),
    )
    return ""


def unpublished_translation(make_posting, careers_page, visible, **_):
    """The Spanish version of a live posting, still a draft: Spanish visitors see the English."""
    spanish = Locale.objects.get_or_create(language_code="es")[0]
    careers_page.get_parent().copy_for_translation(spanish).save_revision().publish()
    careers_es = careers_page.copy_for_translation(spanish)
    careers_es.save_revision().publish()
    translation = visible.copy_for_translation(spanish)
    translation.title = f"{MARKER} clandestine borrador"
    translation.slug = "leakmarker-borrador"
    translation.body = hidden_body("translation")
    translation.live = False
    translation.save_revision()
    translation.save()
    return "/es"


KINDS = {
    "draft": draft,
    "password": password,
    "login": login,
    "groups": groups,
    "restricted-section": restricted_section,
    "scheduled": scheduled,
    "expired": expired,
    "other-site": other_site,
    "unpublished-translation": pytest.param(
        unpublished_translation,
        marks=pytest.mark.i18n,  # deselected in the run without translations
    ),
}


# Each surface returns what a visitor or a scraper receives, and says whether the visible
# posting belongs in it.


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def listing(query=""):
    def fetch(client, prefix, world):
        return get(client, f"{prefix}/careers/{query}")

    return fetch


def feed(kind):
    def fetch(client, prefix, world):
        return get(client, f"{prefix}/careers/feed/{kind}/")

    return fetch


def api(client, prefix, world):
    return get(client, "/api/v2/postings/?limit=20")  # every language version at once


def api_pages(client, prefix, world):
    return get(client, "/api/v2/pages/?type=careers.JobPostingPage&limit=20")


def sitemap(client, prefix, world):
    return get(client, "/sitemap.xml")


def request_for(prefix):
    request = RequestFactory().get(f"{prefix}/")
    request.site = Site.objects.get(is_default_site=True)
    return request


def embed_block(client, prefix, world):
    value = OpenPositionsBlock().to_python(
        {"listing_page": None, "organisations": [], "limit": 20, "show_all_link": False}
    )
    return str(OpenPositionsBlock().render(value, context={"request": request_for(prefix)}))


def template_tag(client, prefix, world):
    template = Template("{% load careers_tags %}{% careers_open_positions limit=20 %}")
    return template.render(Context({"request": request_for(prefix)}))


def visible_posting(client, prefix, world):
    """The visible posting's page: its language switcher and hreflang links."""
    return get(client, world["visible"].url)


SURFACES = {
    "listing": (listing(), True),
    "listing-newest": (listing("?sort=newest"), True),
    "listing-closed": (listing("?status=closed"), False),
    "listing-keyword": (listing("?q=clandestine"), False),
    "listing-keyword-body": (listing("?q=clandestine%20body"), False),
    "listing-filters": (listing("?workplace=on_site&type=full_time&country=MX"), True),
    "listing-language": (listing("?language=en"), True),
    "rss": (feed("rss"), True),
    "atom": (feed("atom"), True),
    "json-feed": (feed("json"), True),
    "api-postings": (api, True),
    "api-pages": (api_pages, True),
    "sitemap": (sitemap, True),
    "embed-block": (embed_block, True),
    "template-tag": (template_tag, True),
    "posting-page": (visible_posting, True),
}


@pytest.fixture
def world(careers_page, make_posting, settings):
    settings.ROOT_URLCONF = "tests.hardening.urls"
    careers_page.listing_scope = ListingScope.SITE  # the widest listing a site can choose
    careers_page.save_revision().publish()
    visible = make_posting(title=VISIBLE, slug=VISIBLE_SLUG, closes_in_days=20)
    return {"careers_page": careers_page, "visible": visible}


@pytest.mark.django_db
@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("kind", KINDS.values(), ids=KINDS.keys())
def test_hidden_postings_appear_on_no_public_surface(
    client, world, make_posting, careers_page, kind, surface
):
    prefix = kind(make_posting=make_posting, careers_page=careers_page, visible=world["visible"])
    fetch, lists_the_visible_posting = SURFACES[surface]
    content = fetch(client, prefix, world).lower()
    assert MARKER.lower() not in content
    if lists_the_visible_posting:
        assert VISIBLE_SLUG in content
