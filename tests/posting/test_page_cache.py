"""A posting page is served from the cache while it stays the same, and follows publishing,
organisations, statements and the passing of time."""

import datetime

import pytest
import time_machine
from django.test.signals import template_rendered
from django.utils import timezone
from wagtail.models import Locale

from careers.models import EqualOpportunityStatement, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def long_lived_cache(shared_cache, settings):
    settings.CAREERS_CACHE_TIMEOUT = 60 * 60 * 24 * 30  # longer than the waits: time decides
    settings.CAREERS_CLOSING_SOON_DAYS = 7


def get(client, url):
    """The page's HTML and the number of times its cached part was rendered (which renders
    its key facts once; its organisations and body are stored with its listing index row, so
    no query tells a render from a cache hit)."""
    renders = []

    def rendered(sender, template, **kwargs):
        if template.name == "careers/includes/key_facts.html":
            renders.append(template.name)

    template_rendered.connect(rendered)
    try:
        response = client.get(url)
    finally:
        template_rendered.disconnect(rendered)
    assert response.status_code == 200
    return response.content.decode(), len(renders)


def test_a_posting_page_is_served_from_the_cache(client, make_posting):
    posting = make_posting(title="Organiser")
    first, reads = get(client, posting.url)
    assert reads == 1
    again, reads = get(client, posting.url)
    assert reads == 0
    assert again == first
    assert "application/ld+json" in again


def test_a_cached_posting_follows_its_status_as_time_passes(client, make_posting):
    posting = make_posting(title="Organiser", closes_in_days=10)
    html = get(client, posting.url)[0]
    assert "Open: closes in" in html and "ld+json" in html
    now = timezone.now()
    with time_machine.travel(now + datetime.timedelta(days=5)):
        html = get(client, posting.url)[0]
        assert "Closing soon: closes in" in html
    with time_machine.travel(now + datetime.timedelta(days=12)):
        response = client.get(posting.url)
        html = response.content.decode()
        assert "Applications for this position are closed." in html
        assert "ld+json" not in html and "How to apply" not in html
        assert response["X-Robots-Tag"] == "noindex"


def test_a_cached_posting_follows_publishing(client, make_posting):
    posting = make_posting(title="Organiser")
    assert "Organiser" in get(client, posting.url)[0]
    posting.title = "Senior organiser"
    posting.save_revision().publish()
    assert "Senior organiser" in get(client, posting.url)[0]


def test_a_cached_posting_follows_its_organisations(client, make_posting):
    organisation = Organisation.objects.create(name="Old name")
    posting = make_posting(organisations=[organisation])
    assert "Old name" in get(client, posting.url)[0]
    organisation.name = "New name"
    organisation.save()
    html = get(client, posting.url)[0]
    assert "New name" in html and "Old name" not in html


def test_a_cached_posting_follows_its_statement(client, make_posting):
    posting = make_posting()
    statement = EqualOpportunityStatement.objects.create(
        title="Default",
        text="<p>We welcome everyone.</p>",
        is_default=True,
        locale=Locale.get_default(),
    )
    assert "We welcome everyone." in get(client, posting.url)[0]
    statement.text = "<p>We welcome all applicants.</p>"
    statement.save()
    assert "We welcome all applicants." in get(client, posting.url)[0]


def test_previews_of_a_posting_are_not_cached(rf, make_posting):
    posting = make_posting(title="Organiser")
    for title in ("First draft", "Second draft"):
        posting.title = title
        response = posting.make_preview_request(rf.get(posting.url))
        assert f'<h1 class="careers-posting__title">{title}</h1>' in response.rendered_content
