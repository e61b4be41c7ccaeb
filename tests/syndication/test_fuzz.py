"""Any JSON in any place of a feed: reading it either gives postings of plain text and http(s)
addresses, or skips items, or fails with a message; it never raises anything else."""

import dataclasses
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careers.syndication.items import PostingItem
from careers.syndication.parse import FeedError, parse_document

from .feeds import job_posting, json_feed_with_job_postings, v1_feed, v1_item

HOSTILE_TEXT = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "javascript:alert(1)",
        "&lt;script&gt;",
        "\u202e\x00",
        "31/12/2026",
        "2026-12-31",
        "2026-12-31T25:61",
        "",
        " ",
        "x" * 5000,
    ]
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | HOSTILE_TEXT,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=8) | HOSTILE_TEXT, children, max_size=4)
    ),
    max_leaves=12,
)
FACT_KEYS = list(v1_item()["_careers"]) + ["id", "url", "title", "summary", "language"]
POSTING_KEYS = list(job_posting()) + ["hiringOrganizations", "jobLocation"]


def check(document):
    for entry in document.entries:
        if entry.item is None:
            assert entry.problem
            continue
        assert isinstance(entry.item, PostingItem)
        assert entry.item.url.startswith(("http://", "https://"))
        for value in dataclasses.astuple(entry.item):
            assert "<script" not in str(value)
            assert "onerror" not in str(value)


def parse(data):
    body = json.dumps(data).encode()
    try:
        return parse_document(body, "application/feed+json", "https://origin.example.org/")
    except FeedError as error:
        assert error.message
        return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(FACT_KEYS), JSON_VALUES, max_size=6))
def test_any_careers_facts(changes):
    item = v1_item()
    for key, value in changes.items():
        if key in item:
            item[key] = value
        else:
            item["_careers"][key] = value
    document = parse(v1_feed([item]))
    if document is not None:
        check(document)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(POSTING_KEYS), JSON_VALUES, max_size=6))
def test_any_job_posting(changes):
    document = parse(json_feed_with_job_postings([job_posting(**changes)]))
    if document is not None:
        check(document)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(JSON_VALUES)
def test_any_document(data):
    document = parse(data)
    if document is not None:
        check(document)
