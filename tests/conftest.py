"""Fixtures every test may use: a site with a careers page, postings built through the real
models, organisations, a logged-in editor. Helpers that are not fixtures are in
``tests/helpers.py``."""

import datetime

import pytest
from django.core.cache import cache
from django.test import TestCase
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from careers.models import (
    CareersIndexPage,
    JobPostingPage,
    Organisation,
)
from tests.helpers import counter, languages_block, tree_root


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the database is rolled back between tests, the
    cache is not, and what the app cached, keyed by page ids, must not outlive their pages."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def admin_client(client, django_user_model):
    """A client logged in to the Wagtail admin as a superuser."""
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def site_root(db):
    root = tree_root()
    home = Page(title="Home", slug=f"home-{next(counter)}")
    root.add_child(instance=home)
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    return home


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
        model=JobPostingPage,
        **fields,
    ):
        number = next(counter)
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
        page = model(
            title=title or f"Posting {number}",
            slug=fields.pop("slug", f"posting-{number}"),
            introduction=fields.pop("introduction", "A role in the network."),
            workplace_type=workplace_type,
            body=body or ([languages_block(*languages)] if languages else []),
            **fields,
        )
        if workplace_type == "home_based" and "applicant_regions" not in fields:
            page.applicant_regions = ["latin_america"]
        # The stock rows, or those of a posting type made from the abstract model.
        organisation_row = model._meta.get_field("hiring_organisations").related_model
        location_row = model._meta.get_field("locations").related_model
        page.hiring_organisations = [
            organisation_row(organisation=org, role=role, sort_order=index)
            for index, (org, role) in enumerate(
                org if isinstance(org, tuple) else (org, "employer")
                for org in organisations or [organisation]
            )
        ]
        page.locations = [location_row(city="City", country=country)] if country else []
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


@pytest.fixture
def source(careers_page):
    """An allied site's feed, shown on the careers page."""
    from careers.models import SyndicationSource

    source = SyndicationSource.objects.create(
        name="Allies", feed_url="https://allies.example.org/careers/feed/json/"
    )
    source.listings.set([careers_page])
    source.save()
    return source
