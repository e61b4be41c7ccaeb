"""Items written to harm: markup and scripts in every text, ``javascript:`` addresses, dates
that are not dates, the same posting twice. What is kept is plain text and http(s) addresses;
what is dropped is named in a message."""

import dataclasses

import pytest

from careers.syndication import sanitise
from careers.syndication.fetch import fetch_source
from careers.syndication.items import FetchResult

from .conftest import json_answer
from .feeds import job_posting, json_feed_with_job_postings, v1_feed, v1_item

SCRIPT = '<script>alert("x")</script>'
IMG = '<img src="x" onerror="alert(1)">'
TRACES = ("<", ">", "script", "onerror", "javascript", "alert", "&lt;", "&#")


def strings_in(value):
    """Every string an item holds, however deep."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from strings_in(getattr(value, field.name))
    elif isinstance(value, tuple | list):
        for part in value:
            yield from strings_in(part)


def hostile_item():
    raw = v1_item(
        1,
        title=f"{SCRIPT}Finance <b>officer</b>{IMG}",
        organisations=[
            {
                "name": f'<a href="javascript:alert(1)">Union</a>{SCRIPT}',
                "short_name": IMG,
                "website": "javascript:alert(document.cookie)",
                "role": "employer",
                "id": f"{SCRIPT}id",
            }
        ],
        translations=[
            {"language": "es", "url": "javascript:alert(1)", "title": "Evil", "summary": ""},
            {
                "language": "fr",
                "url": "https://origin.example.org/fr/1/",
                "title": f"&lt;script&gt;alert(1)&lt;/script&gt;Agent{IMG}",
                "summary": f"<p onclick='alert(1)'>Texte</p>{SCRIPT}",
            },
        ],
    )
    raw["summary"] = (
        f"<p>Organise <a href='javascript:alert(1)'>home workers</a>.</p>{IMG}"
        f"<style>body{{display:none}}</style>&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;"
    )
    return raw


def test_markup_scripts_and_javascript_addresses_leave_nothing_behind(feed_server):
    feed_server.routes["/feed.json"] = json_answer(v1_feed([hostile_item()]))

    result = fetch_source(feed_server.url("/feed.json"))

    assert result.outcome == FetchResult.OK
    [item] = result.items
    assert item.title == "Finance officer"
    assert item.summary == "Organise home workers."
    [organisation] = item.organisations
    assert (organisation.name, organisation.short_name, organisation.website) == ("Union", "", "")
    assert organisation.key == "id"
    assert [(t.language, t.title) for t in item.translations] == [
        ("en", "Finance officer"),
        ("fr", "Agent"),
    ]
    assert item.translations[1].summary == "Texte"
    for text in strings_in(item):
        for trace in TRACES:
            assert trace not in text.lower(), (trace, text)


def test_a_job_posting_with_scripts_leaves_nothing_behind(feed_server):
    posting = job_posting(
        title=f"Researcher{SCRIPT}",
        description=f"<p>Research</p>{IMG}{SCRIPT}",
        hiringOrganization={"name": f"Union{IMG}", "sameAs": "javascript:alert(1)"},
    )
    feed_server.routes["/jobs.json"] = json_answer(json_feed_with_job_postings([posting]))

    [item] = fetch_source(feed_server.url("/jobs.json")).items

    assert (item.title, item.summary) == ("Researcher", "Research")
    assert item.organisations[0].name == "Union"
    assert item.organisations[0].website == ""
    for text in strings_in(item):
        for trace in TRACES:
            assert trace not in text.lower(), (trace, text)


def test_an_item_at_a_javascript_address_is_dropped_with_a_message(feed_server):
    bad = v1_item(2)
    bad["url"] = "javascript:alert(1)"
    feed_server.routes["/feed.json"] = json_answer(v1_feed([v1_item(1), bad]))

    result = fetch_source(feed_server.url("/feed.json"))

    assert [item.title for item in result.items] == ["Organiser 1"]
    assert result.messages == [
        'Item 2 ("Organiser 2") was skipped: it has no web address starting with http:// or '
        "https://."
    ]


def test_dates_in_the_wrong_format_skip_the_item_with_a_message(feed_server):
    feed_server.routes["/p1"] = json_answer(v1_feed([v1_item(1), v1_item(2)], next_url="/p2"))
    feed_server.routes["/p2"] = json_answer(
        v1_feed([v1_item(3, closes_at="31/12/2026"), "not an item"])
    )

    result = fetch_source(feed_server.url("/p1"))

    assert result.outcome == FetchResult.OK
    assert len(result.items) == 2
    # Items are numbered across pages; an item without a title is named by its number only.
    assert result.messages == [
        "Item 3 (\"Organiser 3\") was skipped: its closing date '31/12/2026' is not a date.",
        "Item 4 was skipped: it is not a JSON object.",
    ]


def test_duplicate_ids_keep_the_first_with_a_message(feed_server):
    first = v1_item(1, title="First")
    again = v1_item(1, title="Again")
    feed_server.routes["/feed.json"] = json_answer(v1_feed([first, v1_item(2), again]))

    result = fetch_source(feed_server.url("/feed.json"))

    assert [item.title for item in result.items] == ["First", "Organiser 2"]
    assert result.messages == [
        'Item 3 ("Again") was skipped: it repeats item 1 (the same posting in the same language).'
    ]


def test_a_feed_of_which_no_item_can_be_read_fails(feed_server):
    """Rather than withdraw every posting fetched before because the source broke its feed."""
    feed_server.routes["/feed.json"] = json_answer(
        v1_feed([v1_item(1, closes_at="soon"), v1_item(2, closes_at="later")])
    )

    result = fetch_source(feed_server.url("/feed.json"))

    assert result.outcome == FetchResult.FAILED
    assert result.items == []
    assert result.messages[-1] == (
        "None of the feed's 2 items could be read, so the postings fetched before are kept."
    )


def test_an_empty_feed_is_a_success_with_no_postings(feed_server):
    feed_server.routes["/feed.json"] = json_answer(v1_feed([]))

    result = fetch_source(feed_server.url("/feed.json"))

    assert (result.outcome, result.items, result.messages) == (FetchResult.OK, [], [])


@pytest.mark.parametrize(
    "value, expected",
    [
        ("<b>bold</b> &amp; <i>true</i>", "bold & true"),
        ("a < b and c > d", "a < b and c > d"),
        ("&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;x", "x"),
        ("line\u202eevil\u200b one\x00\x07", "lineevil one"),
        ("  many \n\t spaces  ", "many spaces"),
        (42, ""),
        (None, ""),
    ],
)
def test_plain_text(value, expected):
    assert sanitise.plain_text(value) == expected


def test_plain_text_is_cut_at_a_word():
    assert sanitise.plain_text("word " * 100, max_length=22) == "word word word word…"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("https://example.org/a?b=c#d", "https://example.org/a?b=c#d"),
        ("HTTP://example.org/", "http://example.org/"),
        ("javascript:alert(1)", ""),
        ("JaVaScRiPt:alert(1)", ""),
        ("data:text/html,<script>alert(1)</script>", ""),
        ("vbscript:x", ""),
        ("//example.org/path", ""),
        ("https://user:secret@example.org/", ""),
        ("https://exa mple.org/", ""),
        ("https://example.org:99999999/", ""),
        ("https://example.org/\x00", ""),
        ("https://" + "a" * 3000 + ".org/", ""),
        (["https://example.org/"], ""),
        # Markup in an address is percent-encoded, as a browser sends it; the rest is kept.
        (
            "https://example.org/<script>alert(1)</script>",
            "https://example.org/%3Cscript%3Ealert(1)%3C/script%3E",
        ),
        (
            'https://example.org/?q="x"&y={1}|`^',
            "https://example.org/?q=%22x%22&y=%7B1%7D%7C%60%5E",
        ),
        ("https://example.org/vagas/são-paulo?p=%20", "https://example.org/vagas/são-paulo?p=%20"),
    ],
)
def test_http_url(value, expected):
    assert sanitise.http_url(value) == expected


def test_a_relative_address_with_markup_is_encoded_once_joined():
    # Found by tests/syndication/test_fuzz.py: an item whose address was this, relative.
    url = sanitise.http_url("<script>alert(1)</script>", base="https://origin.example.org/")
    assert url == "https://origin.example.org/%3Cscript%3Ealert(1)%3C/script%3E"
