"""Listing fixtures: a site with a careers page and postings built through the real models."""

import datetime
import itertools
import json
import uuid

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import TestCase
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from careers.models import (
    CareersIndexPage,
    HiringOrganisation,
    JobPostingPage,
    Organisation,
    PostingLocation,
)

_counter = itertools.count(1)


def block(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def item(value):
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


def languages_block(*codes):
    return block(
        "languages",
        {
            "heading": "",
            "items": [
                item({"language": code, "level": "fluent", "importance": "essential"})
                for code in codes
            ],
        },
    )


def tree_root():
    """Wagtail's tree root, made again when a flush has removed it.

    Transactional tests (the browser's live server) end with a flush that empties every table,
    including the root page and default locale that Wagtail's migrations created.
    """
    root = Page.get_first_root_node()
    if root is None:
        code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        locale, _ = Locale.objects.get_or_create(language_code=code)
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root


@pytest.fixture
def site_root(db):
    root = tree_root()
    home = Page(title="Home", slug=f"home-{next(_counter)}")
    root.add_child(instance=home)
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    return home


def move_site(**fields):
    """Change the default Site (its address, its name) as an administrator would."""
    site = Site.objects.get(is_default_site=True)
    for name, value in fields.items():
        setattr(site, name, value)
    site.save()
    return site


@pytest.fixture
def careers_page(site_root):
    page = CareersIndexPage(title="Careers", slug="careers")
    site_root.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(name="Home Workers Federation", short_name="HWF")


@pytest.fixture
def make_posting(careers_page, organisation):
    def make(
        title=None,
        parent=None,
        closes_in_days=30,
        languages=("en",),
        workplace_type="on_site",
        employment_type="full_time",
        country="MX",
        organisations=None,
        publish=True,
        live=None,
        **fields,
    ):
        number = next(_counter)
        closing = timezone.now() + datetime.timedelta(days=closes_in_days)
        fields.setdefault(
            "date_posted",
            min(timezone.now().date(), fields.get("closing_date") or closing.date())
            - datetime.timedelta(days=10),
        )
        fields.setdefault("employment_types", [employment_type])
        body = fields.pop("body", None)
        fields.setdefault("closing_date", closing.date())
        fields.setdefault("closing_time", datetime.time(23, 59))
        fields.setdefault("closing_timezone", "UTC")
        fields.setdefault("application_email", "jobs@example.org")
        page = JobPostingPage(
            title=title or f"Posting {number}",
            slug=fields.pop("slug", f"posting-{number}"),
            introduction=fields.pop("introduction", "A role in the network."),
            workplace_type=workplace_type,
            body=body or ([languages_block(*languages)] if languages else []),
            **fields,
        )
        if workplace_type == "home_based" and "applicant_regions" not in fields:
            page.applicant_regions = ["latin_america"]
        page.hiring_organisations = [
            HiringOrganisation(organisation=org, role=role, sort_order=index)
            for index, (org, role) in enumerate(
                org if isinstance(org, tuple) else (org, "employer")
                for org in organisations or [organisation]
            )
        ]
        page.locations = [PostingLocation(city="City", country=country)] if country else []
        page.live = publish if live is None else live
        # Search index updates (and wagtail-localize publishing) run on commit, as after a request.
        with TestCase.captureOnCommitCallbacks(execute=True):
            (parent or careers_page).add_child(instance=page)
            if publish:
                page.save_revision().publish()
        return page

    return make


@pytest.fixture
def locale_es(db):
    return Locale.objects.get_or_create(language_code="es")[0]


@pytest.fixture
def shared_cache(settings, tmp_path):
    """A cache all of a site's processes share (Django's file cache), which the app keeps what
    it caches in; it keeps nothing in Django's default local-memory cache, one per process."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }


def soup_of(response):
    """The parsed HTML of a response that must have answered 200."""
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def json_ld(response):
    """Every JSON-LD object a page carries, parsed."""
    scripts = soup_of(response).select('script[type="application/ld+json"]')
    return [json.loads(script.string) for script in scripts]
