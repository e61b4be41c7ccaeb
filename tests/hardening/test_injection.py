"""Hostile editor text is inert everywhere it is shown: one table of payloads × surfaces.

One posting carries the payload in every text an editor can type: the title, the introduction,
the position facts, the organisation, every kind of block, how to apply. Rich text holds it as
the editor's rich text widget stores typed text (escaped); plain text fields and blocks hold it
raw. Each surface is read back the way a browser, a feed reader, a calendar or a mail client
would, and must show the text as text, never run it, and never let it add a header or a field.
"""

import html
import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import RequestFactory
from wagtail.models import Site

from careers.models import JobPostingPage, Organisation, PostingLocation
from tests.helpers import block, item

PAYLOADS = {
    "script-close": "</script><script>alert(1)</script>",
    "attribute-break": '"><img src=x onerror=alert(1)>',
    "single-quote-svg": "'><svg/onload=alert(1)>",
    "comment-open": "<!--<script>alert(1)//",
    "upper-case-close": "\u2028</SCRIPT >alert(1)",
    "cdata-close": "]]><script>alert(1)</script>",
    "template-syntax": "{{ 7|add:42 }}{% debug %}",
    "header-injection": "Job\r\nBcc: victim@example.org\r\nSubject: spam",
    "url-text": "javascript:alert(1)",
}

# What a browser would run or load: none of it may come from the payload.
LIVE_MARKUP = re.compile(r"<(script|img|svg|iframe)\b[^>]*?(alert|src=x|onload|onerror)", re.I)


def rich(text):
    """Typed text as the rich text editor stores it."""
    return f"<p>{html.escape(text)}</p>"


def hostile_body(payload):
    return [
        block("heading", {"text": payload, "level": "h2"}),
        block("paragraph", rich(payload)),
        block(
            "duties",
            {
                "heading": payload,
                "intro": rich(payload),
                "list_style": "numbered",
                "items": [item(rich(payload))],
            },
        ),
        block(
            "requirements",
            {
                "heading": payload,
                "intro": rich(payload),
                "list_style": "bulleted",
                "items": [item({"text": rich(payload), "importance": "essential"})],
            },
        ),
        block("what_we_offer", {"heading": payload, "text": rich(payload), "items": [payload]}),
        block("callout", {"tone": "important", "text": rich(payload)}),
    ]


@pytest.fixture
def hostile(request, make_posting, organisation, settings):
    settings.ROOT_URLCONF = "tests.hardening.urls"
    payload = PAYLOADS[request.param]
    organisation.name = payload
    organisation.short_name = payload[:50]
    organisation.about = rich(payload)
    organisation.save()
    posting = make_posting(
        title=payload,
        introduction=payload,
        body=hostile_body(payload),
        contract_length=payload,
        time_commitment=payload,
        remuneration=payload,
        application_reference=payload,
        application_instructions=rich(payload),
        application_documents=[
            block("document", {"kind": "cv", "details": payload}),
            block("referees", {"count": 2, "details": payload}),
        ],
        contact_name=payload,
        contact_role=payload,
    )
    posting.locations = [PostingLocation(city=payload[:100], country="MX")]
    posting.save_revision().publish()
    return JobPostingPage.objects.get(pk=posting.pk), payload


def assert_inert_html(markup, payload, shown=True):
    assert not LIVE_MARKUP.search(markup)
    soup = BeautifulSoup(markup, "html.parser")
    for script in soup.find_all("script"):
        allowed = script.get("type") == "application/ld+json" or script.get("src")
        assert allowed, script
    for tag in soup.find_all(True):
        assert not [name for name in tag.attrs if name.lower().startswith("on")], tag
        for name in ("href", "src", "action", "formaction"):
            value = (tag.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), tag
    if not shown:
        return
    text = soup.get_text()
    if payload.startswith("{{"):
        assert "{{ 7|add:42 }}" in text and "49" not in text  # shown, not evaluated
    assert "alert(1)" in text or "victim@example.org" in text or "{{" in text  # shown as text


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def posting_page(client, posting, payload):
    assert_inert_html(get(client, posting.url).content.decode(), payload)


def listing_page(client, posting, payload):
    assert_inert_html(get(client, posting.get_parent().url).content.decode(), payload)


def template_tag(client, posting, payload):
    request = RequestFactory().get("/")
    request.site = Site.objects.get(is_default_site=True)
    markup = Template("{% load careers_tags %}{% careers_open_positions %}").render(
        Context({"request": request})
    )
    assert_inert_html(markup, payload)


def json_ld(client, posting, payload):
    soup = BeautifulSoup(get(client, posting.url).content, "html.parser")
    (script,) = soup.select('script[type="application/ld+json"]')
    raw = script.string
    assert "</" not in raw and "<!--" not in raw and "\u2028" not in raw
    data = json.loads(raw)
    assert data["title"] == payload
    assert data["hiringOrganization"]["name"] == payload


def xml_feed(kind):
    def check(client, posting, payload):
        body = get(client, f"{posting.get_parent().url}feed/{kind}/").content
        tree = ET.fromstring(body)  # well-formed whatever the text
        (entry,) = [e for e in tree.iter() if e.tag.endswith(("}entry", "item"))]
        fields = {element.tag.rpartition("}")[2]: element.text or "" for element in entry}
        assert fields["title"].replace("\r\n", "\n") == payload.replace("\r\n", "\n")
        # Feed readers show an item's description (RSS) or summary (Atom) as HTML.
        assert_inert_html(fields.get("description") or fields["summary"], payload)
        inside_entry = set(entry.iter())  # titles, author names: text constructs, shown as text
        for element in set(tree.iter()) - inside_entry:  # the channel's texts hold no markup
            assert not LIVE_MARKUP.search(element.text or "")

    return check


def json_feed(client, posting, payload):
    data = json.loads(get(client, f"{posting.get_parent().url}feed/json/").content)
    (entry,) = data["items"]
    assert entry["title"] == payload
    # Plain text only: JSON Feed readers never interpret content_text or summary as HTML.
    assert "content_html" not in entry
    assert entry["summary"] == payload
    assert entry["content_text"].startswith(payload)


def api(client, posting, payload):
    data = json.loads(get(client, "/api/v2/postings/?fields=introduction").content)
    (entry,) = data["items"]
    assert entry["title"] == payload
    assert entry["introduction"] == payload


def calendar(client, posting, payload):
    parsed = icalendar.Calendar.from_ical(get(client, posting.calendar_url).content)
    (event,) = parsed.walk("VEVENT")
    properties = "UID DTSTAMP DTSTART DTEND TRANSP SUMMARY DESCRIPTION URL"
    assert set(event) <= set(properties.split())
    assert "BCC" not in event and "ATTENDEE" not in event
    assert payload.replace("\r\n", "") in str(event["SUMMARY"]).replace("\n", "").replace("\r", "")


def mailto(client, posting, payload):
    soup = BeautifulSoup(get(client, posting.url).content, "html.parser")
    links = [a["href"] for a in soup.select('a[href^="mailto:"]') if "subject=" in a["href"]]
    assert links
    for href in links:
        assert not re.search(r"[\s<>\"']", href), href
        parts = urlsplit(href)
        assert parts.path == "jobs@example.org"
        query = parse_qs(parts.query, keep_blank_values=True)
        assert list(query) == ["subject"]  # no bcc, cc, body or second subject
        assert query["subject"] == [payload]


SURFACES = {
    "posting-html": posting_page,
    "listing-html": listing_page,
    "template-tag": template_tag,
    "json-ld": json_ld,
    "rss": xml_feed("rss"),
    "atom": xml_feed("atom"),
    "json-feed": json_feed,
    "api": api,
    "ics": calendar,
    "mailto": mailto,
}


@pytest.mark.django_db
@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("hostile", PAYLOADS, indirect=True)
def test_hostile_text_is_inert(client, hostile, surface):
    posting, payload = hostile
    SURFACES[surface](client, posting, payload)


@pytest.mark.django_db
class TestWebAddresses:
    """Every web address field accepts http(s) only, so no link can run script."""

    @pytest.mark.parametrize(
        "address",
        ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
         "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
         "ftp://example.org/form", "mailto:jobs@example.org", "file:///etc/passwd"],
    )  # fmt: skip
    @pytest.mark.parametrize(
        "model, field", [(JobPostingPage, "application_url"), (Organisation, "website")]
    )
    def test_non_web_schemes_are_refused(self, model, field, address):
        model_field = model._meta.get_field(field)
        with pytest.raises(ValidationError):
            model_field.clean(address, None)
        with pytest.raises(ValidationError):
            model_field.formfield().clean(address)

    @pytest.mark.parametrize(
        "model, field", [(JobPostingPage, "application_url"), (Organisation, "website")]
    )
    def test_web_addresses_are_accepted(self, model, field):
        address = "https://example.org/apply?ref=a%20b"
        assert model._meta.get_field(field).formfield().clean(address) == address
