"""Fetching a source over real HTTP (a server on 127.0.0.1): the limits, retries, conditional
requests, pages, and the hostile answers of issue 17, each ending in a message an editor can
act on and never in an exception."""

import time
import tracemalloc

import pytest

from careers import __version__
from careers.syndication import client
from careers.syndication.fetch import fetch_source
from careers.syndication.items import FetchResult

from .conftest import Canned, json_answer
from .feeds import atom_entry, atom_feed, job_posting, json_feed_with_job_postings, v1_feed, v1_item

MB = 1024 * 1024


def test_a_version_1_feed_gives_its_postings(feed_server):
    feed_server.routes["/feed.json?all=1"] = json_answer(
        v1_feed([v1_item(1), v1_item(2)]), headers={"ETag": '"v1"'}
    )

    result = fetch_source(feed_server.url("/feed.json?all=1"))

    assert result.outcome == FetchResult.OK
    assert result.messages == []
    assert result.http_status == 200
    assert result.etag == '"v1"'
    assert [item.title for item in result.items] == ["Organiser 1", "Organiser 2"]


def test_requests_name_the_app_ask_for_feeds_and_carry_no_cookie(feed_server):
    feed_server.routes["/feed.json"] = json_answer(
        v1_feed([v1_item(1)], next_url=feed_server.url("/feed.json?page=2")),
        headers={"Set-Cookie": "session=abc; Path=/"},
    )
    feed_server.routes["/feed.json?page=2"] = json_answer(v1_feed([v1_item(2)]))

    result = fetch_source(feed_server.url("/feed.json"))

    assert result.outcome == FetchResult.OK
    first, second = feed_server.requests
    assert first.headers["User-Agent"].startswith(f"wagtail-careers/{__version__}")
    assert first.headers["Accept"] == (
        "application/feed+json, application/json, application/atom+xml"
    )
    assert first.headers["Accept-Encoding"] == "identity"
    # The cookie the first answer set is not sent back.
    assert "Cookie" not in second.headers


# Unreachable, slow, errors


def test_a_closed_port_is_retried_then_fails(feed_server, closed_port, sleeps):
    result = fetch_source(f"http://127.0.0.1:{closed_port}/feed.json", sleep=sleeps.sleep)

    assert result.outcome == FetchResult.FAILED
    assert sleeps == [1, 2]
    assert result.messages == [
        "The address could not be reached (the connection was refused). Try again later. "
        "It was tried 3 times."
    ]
    assert result.items == []


def test_a_server_slower_than_the_timeout_is_given_up(feed_server, settings, sleeps):
    settings.CAREERS_SYNDICATION_TIMEOUT = 1
    settings.CAREERS_SYNDICATION_RETRIES = 0
    feed_server.routes["/slow.json"] = json_answer(v1_feed([v1_item()]), delay=3)

    started = time.monotonic()
    result = fetch_source(feed_server.url("/slow.json"), sleep=sleeps.sleep)

    assert time.monotonic() - started < 2.5
    assert result.outcome == FetchResult.FAILED
    assert result.messages == ["The address did not answer within 1 second."]


def test_a_response_trickled_out_is_cut_off_at_three_times_the_timeout(feed_server, settings):
    settings.CAREERS_SYNDICATION_TIMEOUT = 1
    settings.CAREERS_SYNDICATION_RETRIES = 0

    def trickle():
        yield b'{"version": "https://jsonfeed.org/version/1.1", "items": ['
        for _second in range(40):  # each byte comes well within the timeout, but never ends
            time.sleep(0.25)
            yield b" "

    feed_server.routes["/trickle.json"] = Canned(body=trickle)

    started = time.monotonic()
    result = fetch_source(feed_server.url("/trickle.json"))

    assert 2.5 < time.monotonic() - started < 5
    assert result.outcome == FetchResult.FAILED
    assert result.messages == ["The feed did not arrive within 3 seconds, so it was dropped."]


def test_a_whole_fetch_has_a_time_bound(feed_server):
    def trickle():
        for _second in range(40):
            time.sleep(0.25)
            yield b" "

    feed_server.routes["/trickle.json"] = Canned(body=trickle)
    fetcher = client.Client(
        timeout=10, max_bytes=MB, retries=2, allow_private=True, total_time=1, sleep=time.sleep
    )

    started = time.monotonic()
    with pytest.raises(client.FetchError) as raised:
        fetcher.get(feed_server.url("/trickle.json"))

    assert time.monotonic() - started < 2
    assert raised.value.message == (
        "Fetching the feed took longer than 1 second, so it was stopped."
    )


def test_not_found_is_not_retried(feed_server, sleeps):
    result = fetch_source(feed_server.url("/missing.json"), sleep=sleeps.sleep)

    assert result.outcome == FetchResult.FAILED
    assert result.http_status == 404
    assert result.messages == ["The address was not found (HTTP 404). Check the address."]
    assert sleeps == []
    assert feed_server.paths() == ["/missing.json"]


def test_a_server_error_is_retried_with_growing_pauses_then_fails(feed_server, sleeps):
    feed_server.routes["/feed.json"] = Canned(status=500, body=b"oops", content_type="text/plain")

    result = fetch_source(feed_server.url("/feed.json"), sleep=sleeps.sleep)

    assert result.outcome == FetchResult.FAILED
    assert result.http_status == 500
    assert sleeps == [1, 2]
    assert feed_server.paths() == ["/feed.json"] * 3
    assert result.messages == [
        "The site answered with an error (HTTP 500). Try again later. It was tried 3 times."
    ]


def test_a_server_error_then_an_answer_is_a_success(feed_server, sleeps):
    answers = iter([Canned(status=503), json_answer(v1_feed([v1_item()]))])
    feed_server.routes["/feed.json"] = lambda request: next(answers)

    result = fetch_source(feed_server.url("/feed.json"), sleep=sleeps.sleep)

    assert result.outcome == FetchResult.OK
    assert len(result.items) == 1
    assert sleeps == [1]


# Broken answers


@pytest.mark.parametrize(
    "answer, message",
    [
        (
            b'HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{"items":',
            "The address gave no usable answer (it broke off before its end). Try again "
            "later. It was tried 3 times.",
        ),
        (
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZZZ\r\nabc\r\n",
            "The address gave no usable answer (it broke off before its end). Try again "
            "later. It was tried 3 times.",
        ),
        (
            b"SSH-2.0-OpenSSH_9.0\r\n",
            "The address gave no usable answer (it was not HTTP). Try again later. It was "
            "tried 3 times.",
        ),
        (
            b"HTTP/1.1 200 OK\r\n" + b"X-Header: x\r\n" * 200 + b"\r\n",
            "The address gave no usable answer (it was not HTTP). Try again later. It was "
            "tried 3 times.",
        ),
        (
            b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\n"
            b"\x1f\x8b\x08\x00",
            "The site sent the feed compressed (gzip) although it was asked not to, so it was "
            "not read.",
        ),
        (
            b"HTTP/1.1 999 Odd\r\nContent-Length: 0\r\n\r\n",
            "The site answered HTTP 999 instead of a feed. Check the address.",
        ),
    ],
    ids=["cut short", "bad chunk", "not http", "200 headers", "compressed", "status 999"],
)
def test_broken_answers_fail_with_a_message(raw_server, sleeps, answer, message):
    result = fetch_source(raw_server(answer), sleep=sleeps.sleep)

    assert result.outcome == FetchResult.FAILED
    assert result.messages == [message]


# Too large


def test_a_content_length_above_the_limit_is_refused_before_reading(feed_server):
    def fifty_megabytes():
        piece = b" " * (64 * 1024)
        for _piece in range(50 * MB // len(piece)):
            yield piece

    feed_server.routes["/huge.json"] = Canned(
        body=fifty_megabytes, headers={"Content-Length": str(50 * MB)}
    )

    result = fetch_source(feed_server.url("/huge.json"))

    assert result.outcome == FetchResult.FAILED
    assert result.messages == [
        "The feed is larger than 5.0\xa0MB (it says 50.0\xa0MB), so it was not read. Ask its "
        "site for a feed with fewer postings per page."
    ]
    time.sleep(0.2)
    assert feed_server.sent["/huge.json"] < 50 * MB


def test_a_fifty_megabyte_body_is_dropped_at_the_limit_without_being_kept(feed_server):
    def fifty_megabytes():
        piece = b" " * (64 * 1024)
        for _piece in range(50 * MB // len(piece)):
            yield piece

    # No Content-Length: the body ends when the connection does.
    feed_server.routes["/huge.json"] = Canned(body=fifty_megabytes)

    tracemalloc.start()
    try:
        result = fetch_source(feed_server.url("/huge.json"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert result.outcome == FetchResult.FAILED
    assert result.messages == [
        "The feed is larger than 5.0\xa0MB, so it was not read. Ask its site for a feed with "
        "fewer postings per page."
    ]
    assert peak < 12 * MB
    time.sleep(0.2)
    assert feed_server.sent["/huge.json"] < 50 * MB


# Addresses that are refused


def test_a_loopback_address_is_refused_unless_allowed(feed_server, settings):
    settings.CAREERS_SYNDICATION_ALLOW_PRIVATE = False
    feed_server.routes["/feed.json"] = json_answer(v1_feed([v1_item()]))

    result = fetch_source(feed_server.url("/feed.json"))

    assert result.outcome == FetchResult.FAILED
    assert result.messages == [
        "The address leads to a private network address (127.0.0.1), which is refused: only "
        "sites on the public internet can be fetched. Check the address."
    ]
    assert feed_server.requests == []


def test_a_redirect_to_a_loopback_address_is_refused(feed_server, settings, monkeypatch):
    """The first address passes the check (127.0.0.1 counts as public here, standing in for a
    site on the internet); the address it redirects to is checked again and refused."""
    settings.CAREERS_SYNDICATION_ALLOW_PRIVATE = False
    checked = client.is_public_address
    monkeypatch.setattr(
        client, "is_public_address", lambda address: address == "127.0.0.1" or checked(address)
    )
    feed_server.routes["/feed.json"] = Canned(
        status=302, headers={"Location": f"http://127.0.0.2:{feed_server.port}/internal.json"}
    )
    feed_server.routes["/internal.json"] = json_answer(v1_feed([v1_item()]))

    result = fetch_source(feed_server.url("/feed.json"))

    assert result.outcome == FetchResult.FAILED
    assert "private network address (127.0.0.2)" in result.messages[0]
    assert feed_server.paths() == ["/feed.json"]


def test_a_host_with_one_private_address_among_public_ones_is_refused(monkeypatch):
    def addresses(host, port, **kwargs):
        return [
            (2, 1, 6, "", ("93.184.215.14", port)),
            (2, 1, 6, "", ("10.0.0.7", port)),
        ]

    monkeypatch.setattr(client.socket, "getaddrinfo", addresses)
    fetcher = client.Client(timeout=1, max_bytes=MB, retries=0, allow_private=False, total_time=10)

    with pytest.raises(client.FetchError) as raised:
        fetcher.get("http://two-faced.example.org/feed.json")

    assert "private network address (10.0.0.7)" in raised.value.message


def test_a_host_name_lookup_that_hangs_is_given_up(monkeypatch, settings, sleeps):
    settings.CAREERS_SYNDICATION_TIMEOUT = 1
    settings.CAREERS_SYNDICATION_RETRIES = 0
    monkeypatch.setattr(client.socket, "getaddrinfo", lambda *args, **kwargs: time.sleep(3))

    started = time.monotonic()
    result = fetch_source("http://slow-dns.example.org/feed.json", sleep=sleeps.sleep)

    assert time.monotonic() - started < 2
    assert result.outcome == FetchResult.FAILED
    assert result.messages == [
        "The host name slow-dns.example.org could not be looked up within 1 second."
    ]


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/feed.json",
        "http://[::1]/feed.json",
        "http://0x7f000001/feed.json",  # 127.0.0.1 in hexadecimal,
        "http://2130706433/feed.json",  # as one number,
        "http://0177.0.0.1/feed.json",  # in octal
        "http://169.254.169.254/latest/meta-data/",  # a cloud's metadata service
    ],
)
def test_private_addresses_in_any_spelling_are_refused(url, settings, sleeps):
    settings.CAREERS_SYNDICATION_ALLOW_PRIVATE = False

    result = fetch_source(url, sleep=sleeps.sleep)

    assert result.outcome == FetchResult.FAILED
    assert "private network address" in result.messages[0]
    assert sleeps == []


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
        "0.0.0.0", "224.0.0.1", "239.255.255.250", "255.255.255.255", "192.0.2.1", "::1", "::",
        "fe80::1", "fc00::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
        "2002:7f00:1::1", "64:ff9b::7f00:1", "2001:db8::1",
    ],
)  # fmt: skip
def test_private_loopback_link_local_multicast_and_reserved_addresses_are_not_public(address):
    assert not client.is_public_address(address)


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_are_public(address):
    assert client.is_public_address(address)


@pytest.mark.parametrize(
    "address", ["ftp://example.org/feed.json", "file:///etc/passwd", "javascript:alert(1)"]
)
def test_only_http_and_https_are_fetched(address):
    result = fetch_source(address)

    assert result.outcome == FetchResult.FAILED
    assert result.messages[0].startswith("Only http and https addresses can be fetched")


def test_redirects_are_followed_up_to_five(feed_server):
    for hop in range(6):
        feed_server.routes[f"/hop{hop}"] = Canned(
            status=301, headers={"Location": f"/hop{hop + 1}"}
        )
    feed_server.routes["/hop5"] = json_answer(v1_feed([v1_item()]))
    feed_server.routes["/loop"] = Canned(status=302, headers={"Location": "/loop"})

    assert fetch_source(feed_server.url("/hop0")).outcome == FetchResult.OK
    result = fetch_source(feed_server.url("/loop"))

    assert result.outcome == FetchResult.FAILED
    assert result.messages == ["The address redirects more than 5 times, so it was not followed."]


def test_an_address_with_spaces_and_accents_is_encoded(feed_server):
    feed_server.routes["/empleos/b%C3%BAsqueda%20abierta/feed.json?all=1"] = json_answer(
        v1_feed([v1_item()])
    )

    result = fetch_source(feed_server.url("/empleos/búsqueda abierta/feed.json?all=1"))

    assert result.outcome == FetchResult.OK


# Conditional requests


def test_an_unchanged_feed_answers_304_and_keeps_its_etag(feed_server):
    def conditional(request):
        if request.headers.get("If-None-Match") == '"v7"':
            return Canned(status=304, headers={"ETag": '"v7"'}, content_type="")
        return json_answer(
            v1_feed([v1_item()]),
            headers={"ETag": '"v7"', "Last-Modified": "Sat, 28 Nov 2026 04:00:00 GMT"},
        )

    feed_server.routes["/feed.json"] = conditional
    first = fetch_source(feed_server.url("/feed.json"))

    second = fetch_source(
        feed_server.url("/feed.json"), etag=first.etag, last_modified=first.last_modified
    )

    assert (first.outcome, first.etag) == (FetchResult.OK, '"v7"')
    assert first.last_modified == "Sat, 28 Nov 2026 04:00:00 GMT"
    assert second.outcome == FetchResult.NOT_MODIFIED
    assert second.http_status == 304
    assert second.items == []
    assert (second.etag, second.last_modified) == ('"v7"', "Sat, 28 Nov 2026 04:00:00 GMT")
    assert feed_server.requests[1].headers["If-None-Match"] == '"v7"'
    assert feed_server.requests[1].headers["If-Modified-Since"] == "Sat, 28 Nov 2026 04:00:00 GMT"
    assert "If-None-Match" not in feed_server.requests[0].headers


def test_an_etag_with_a_line_break_is_not_sent(feed_server):
    feed_server.routes["/feed.json"] = json_answer(v1_feed([v1_item()]))

    result = fetch_source(feed_server.url("/feed.json"), etag='"a"\r\nX-Injected: 1')

    assert result.outcome == FetchResult.OK
    assert "X-Injected" not in feed_server.requests[0].headers
    assert "If-None-Match" not in feed_server.requests[0].headers


# Pages


def test_next_url_pages_are_followed(feed_server):
    feed_server.routes["/feed.json?all=1"] = json_answer(
        v1_feed([v1_item(1), v1_item(2)], next_url="/feed.json?all=1&after=2")
    )
    feed_server.routes["/feed.json?all=1&after=2"] = json_answer(
        v1_feed([v1_item(3)], next_url=feed_server.url("/feed.json?all=1&after=3"))
    )
    feed_server.routes["/feed.json?all=1&after=3"] = json_answer(v1_feed([v1_item(4)]))

    result = fetch_source(feed_server.url("/feed.json?all=1"))

    assert result.outcome == FetchResult.OK
    assert [item.title for item in result.items] == [f"Organiser {n}" for n in (1, 2, 3, 4)]
    assert len(feed_server.requests) == 3


def test_pages_stop_at_the_limit_with_a_message(feed_server, settings):
    settings.CAREERS_SYNDICATION_MAX_PAGES = 2
    for page in range(1, 4):
        feed_server.routes[f"/p{page}"] = json_answer(
            v1_feed([v1_item(page)], next_url=f"/p{page + 1}")
        )

    result = fetch_source(feed_server.url("/p1"))

    assert result.outcome == FetchResult.OK
    assert [item.title for item in result.items] == ["Organiser 1", "Organiser 2"]
    assert result.messages == ["The feed has more than 2 pages; only the first 2 were read."]
    assert feed_server.paths() == ["/p1", "/p2"]


def test_a_next_url_back_to_an_earlier_page_ends_the_feed(feed_server):
    feed_server.routes["/p1"] = json_answer(v1_feed([v1_item(1)], next_url="/p2"))
    feed_server.routes["/p2"] = json_answer(v1_feed([v1_item(2)], next_url="/p1"))

    result = fetch_source(feed_server.url("/p1"))

    assert result.outcome == FetchResult.OK
    assert len(result.items) == 2
    assert feed_server.paths() == ["/p1", "/p2"]


def test_a_failing_later_page_fails_the_whole_fetch(feed_server, sleeps):
    """Half a feed would withdraw the postings of the other half: keep what was there."""
    feed_server.routes["/p1"] = json_answer(v1_feed([v1_item(1)], next_url="/p2"))

    result = fetch_source(feed_server.url("/p1"), sleep=sleeps.sleep)

    assert result.outcome == FetchResult.FAILED
    assert result.items == []
    assert result.messages == [
        "Page 2 of the feed: The address was not found (HTTP 404). Check the address."
    ]


def test_a_javascript_next_url_fails_the_fetch(feed_server):
    feed_server.routes["/p1"] = json_answer(v1_feed([v1_item(1)], next_url="javascript:alert(1)"))

    result = fetch_source(feed_server.url("/p1"))

    assert result.outcome == FetchResult.FAILED
    assert "next page is not an http or https address" in result.messages[0]


# Formats over HTTP


def test_malformed_json_fails_with_where(feed_server):
    feed_server.routes["/feed.json"] = Canned(
        body=b'{"version": "https://jsonfeed.org/version/1.1",\n "items": [{"title": }'
    )

    result = fetch_source(feed_server.url("/feed.json"))

    assert result.outcome == FetchResult.FAILED
    assert result.messages == ["The feed is not valid JSON (an error at line 2, column 22)."]


def test_malformed_xml_fails_with_where(feed_server):
    feed_server.routes["/feed.atom"] = Canned(
        body=b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</entry></feed>',
        content_type="application/atom+xml",
    )

    result = fetch_source(feed_server.url("/feed.atom"))

    assert result.outcome == FetchResult.FAILED
    assert result.messages == ["The feed is not valid XML (an error at line 1, column 60)."]


def test_atom_with_job_postings(feed_server):
    feed_server.routes["/feed.atom"] = Canned(
        body=atom_feed(
            [atom_entry(job_posting(1)), atom_entry(job_posting(2), content_type="html")]
        ),
        content_type="application/atom+xml",
    )

    result = fetch_source(feed_server.url("/feed.atom"))

    assert result.outcome == FetchResult.OK
    assert [item.origin_id for item in result.items] == ["JOB-1", "JOB-2"]


def test_json_feed_with_a_job_posting_extension(feed_server):
    feed_server.routes["/jobs.json"] = json_answer(
        json_feed_with_job_postings([job_posting(1), job_posting(2)]),
        content_type="application/json",
    )

    result = fetch_source(feed_server.url("/jobs.json"))

    assert result.outcome == FetchResult.OK
    assert [item.title for item in result.items] == ["Researcher 1", "Researcher 2"]


def test_a_web_page_is_not_a_feed(feed_server):
    feed_server.routes["/careers/"] = Canned(
        body=b"<!DOCTYPE html><html><body>Careers</body></html>", content_type="text/html"
    )

    result = fetch_source(feed_server.url("/careers/"))

    assert result.outcome == FetchResult.FAILED
    assert result.messages[0].startswith("The address gives a web page, not a feed.")


def test_a_json_feed_served_as_html_is_still_read(feed_server):
    feed_server.routes["/feed.json"] = json_answer(v1_feed([v1_item()]), content_type="text/html")

    assert fetch_source(feed_server.url("/feed.json")).outcome == FetchResult.OK


def test_filters_by_language_and_organisation(feed_server):
    other = v1_item(
        2,
        organisations=[{"name": "Street Vendors Alliance", "role": "employer", "id": "abc"}],
    )
    feed_server.routes["/feed.json"] = json_answer(v1_feed([v1_item(1), other]))
    url = feed_server.url("/feed.json")

    assert [i.title for i in fetch_source(url, organisations=["hwf"]).items] == ["Organiser 1"]
    assert [i.title for i in fetch_source(url, organisations=["ABC"]).items] == ["Organiser 2"]
    assert [
        i.title for i in fetch_source(url, organisations=["home workers federation"]).items
    ] == ["Organiser 1"]
    assert len(fetch_source(url, languages=["EN"]).items) == 2
    assert fetch_source(url, languages=["es"]).items == []


# https


def test_https_checks_the_certificate_against_the_host_name(
    tls_feed_server, certificate, monkeypatch
):
    """The connection goes to the checked address, and TLS still verifies the host's name."""
    tls_feed_server.routes["/feed.json"] = json_answer(v1_feed([v1_item()]))
    trusted = client.ssl.create_default_context
    monkeypatch.setattr(
        client.ssl, "create_default_context", lambda: trusted(cafile=certificate[0])
    )

    result = fetch_source(tls_feed_server.url("/feed.json", host="localhost"))

    assert result.outcome == FetchResult.OK
    assert len(result.items) == 1


def test_https_with_an_untrusted_certificate_fails(tls_feed_server, sleeps):
    tls_feed_server.routes["/feed.json"] = json_answer(v1_feed([v1_item()]))

    result = fetch_source(tls_feed_server.url("/feed.json"), sleep=sleeps.sleep)

    assert result.outcome == FetchResult.FAILED
    assert result.messages[0].startswith("The secure connection to 127.0.0.1 failed")
    assert sleeps == []
