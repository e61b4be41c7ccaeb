"""Allied sites end to end: a posting published on the network's site reaches an allied site's
listing at its next fetch (a real HTTP fetch of the network's JSON feed) and the embed on a
third origin; closed at the network, it leaves both.

The allied site is a second Wagtail Site served by the same live server under another host name
(127.0.0.1 rather than localhost): another origin, with its own home page and listing."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from home.models import HomePage
from playwright.sync_api import expect
from wagtail.models import Locale, Site

from careers.models import (
    CareersIndexPage,
    HiringOrganisation,
    JobPostingPage,
    Organisation,
    SyndicationSource,
)
from careers.syndication.sync import sync_source

pytestmark = [
    pytest.mark.browser,
    pytest.mark.i18n,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Cooperative organiser (allied test)"


@pytest.fixture
def allied_site(demo, settings):
    """The allied site's address, and its source: the network's listing, every open posting."""
    settings.CAREERS_SYNDICATION_ALLOW_PRIVATE = True  # both sites are on this machine
    port = urlsplit(demo.url).port
    english = Locale.objects.get(language_code="en")
    root = HomePage.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Allied union", slug="allied", locale=english))
    listing = home.add_child(instance=CareersIndexPage(title="Vacancies", slug="vacancies"))
    listing.save_revision().publish()
    Site.objects.create(hostname="127.0.0.1", port=port, root_page=home, site_name="Allied")
    source = SyndicationSource.objects.create(
        name="The network", feed_url=f"{demo.url}/careers/feed/json/?all=1"
    )
    source.listings.set([listing])
    source.save()
    return f"http://127.0.0.1:{port}/vacancies/", source


def publish_posting():
    network = CareersIndexPage.objects.get(
        url_path__endswith="/careers/", locale__language_code="en"
    )
    posting = JobPostingPage(
        title=TITLE,
        slug="cooperative-organiser-allied-test",
        introduction="Organise cooperatives of waste pickers.",
        workplace_type="home_based",
        applicant_regions=["latin_america"],
        employment_types=["full_time"],
        date_posted=timezone.now().date() - datetime.timedelta(days=10),
        closing_date=timezone.now().date() + datetime.timedelta(days=20),
        closing_time=datetime.time(23, 59),
        closing_timezone="America/Bogota",
        application_email="jobs@example.org",
    )
    posting.hiring_organisations = [
        HiringOrganisation(organisation=Organisation.objects.filter(locale=network.locale).first())
    ]
    network.add_child(instance=posting)
    posting.save_revision().publish()
    return posting


def test_a_posting_reaches_the_allied_site_and_the_embed_then_leaves_both(
    new_page, allied_site, other_website
):
    allied_listing, source = allied_site
    posting = publish_posting()
    sync_source(source)
    source.refresh_from_db()
    assert source.last_outcome == "ok", source.last_messages

    page = new_page("desktop")
    page.goto(allied_listing)
    card = page.locator(".careers-card", has_text=TITLE)
    expect(card).to_be_visible()
    # It links to the network's own page: there is no copy of it on the allied site.
    assert card.locator("a", has_text=TITLE).get_attribute("href") == posting.get_full_url()
    page.goto(other_website + "/")
    expect(page.frame_locator("iframe").get_by_text(TITLE)).to_be_visible()

    # Closed at the network: gone from the allied site at its next fetch, and from the embed.
    # Two days back: yesterday's 23:59 in Bogotá is still to come until 05:00 UTC.
    posting.closing_date = timezone.now().date() - datetime.timedelta(days=2)
    posting.save_revision().publish()
    sync_source(source, now=timezone.now())
    source.refresh_from_db()
    assert source.last_outcome == "ok", source.last_messages
    # A new visitor: the first one's browser may keep the listing for its max-age.
    page = new_page("desktop")
    page.goto(allied_listing)
    expect(page.locator("main")).to_be_visible()
    expect(page.locator(".careers-card", has_text=TITLE)).to_have_count(0)
    page.goto(other_website + "/")
    expect(page.frame_locator("iframe").locator(".careers-embed__item").first).to_be_visible()
    expect(page.frame_locator("iframe").get_by_text(TITLE)).to_have_count(0)
