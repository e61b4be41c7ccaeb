"""Fetching a source: the one entry point, :func:`fetch_source`.

A source is an address an editor gave, such as an allied site's ``…/careers/feed/json/?all=1``. Its
pages are fetched with :class:`~.client.Client` (what may be fetched, how long, how much),
read with :mod:`.parse`, checked item by item, and returned as a
:class:`~careers.syndication.items.FetchResult`: ``OK`` with every posting the source offers
now, ``NOT_MODIFIED``, or ``FAILED`` with nothing, so that what was fetched before is kept. A
failure never raises: its reason is in ``messages``, in words the editor can act on.
"""

import time

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..conf import get_setting
from . import sanitise
from .client import Client, FetchError
from .items import FetchResult
from .parse import FeedError, parse_document

#: A whole fetch (every page, retries and pauses) stops after this many times the timeout.
FETCH_TIME_FACTOR = 10


def fetch_source(
    url, *, etag="", last_modified="", languages=None, organisations=None, sleep=time.sleep
):
    """Fetch the feed at ``url`` and its next pages; see the module's documentation.

    ``etag`` and ``last_modified`` are what the previous fetch returned: the first request is
    conditional on them. ``languages`` (codes) and ``organisations`` (names, short names or
    ids), when given, keep only the postings in one of those languages or naming one of those
    organisations. ``sleep`` is the pause between retries (tests pass one that doesn't wait).
    """
    timeout = get_setting("CAREERS_SYNDICATION_TIMEOUT")
    client = Client(
        timeout=timeout,
        max_bytes=get_setting("CAREERS_SYNDICATION_MAX_BYTES"),
        retries=get_setting("CAREERS_SYNDICATION_RETRIES"),
        allow_private=get_setting("CAREERS_SYNDICATION_ALLOW_PRIVATE"),
        total_time=max(1, timeout) * FETCH_TIME_FACTOR,
        sleep=sleep,
    )
    max_pages = max(1, get_setting("CAREERS_SYNDICATION_MAX_PAGES"))
    conditions = {}
    if sanitise.header_value(etag):
        conditions["If-None-Match"] = etag
    if sanitise.header_value(last_modified):
        conditions["If-Modified-Since"] = last_modified

    result = FetchResult(outcome=FetchResult.OK)
    entries, notes, seen = [], [], set()
    page_url, page = url, 0
    while page_url:
        if page == max_pages:
            notes.append(
                ngettext(
                    "The feed has more than %(pages)s page; only the first was read.",
                    "The feed has more than %(pages)s pages; only the first %(pages)s were read.",
                    max_pages,
                )
                % {"pages": max_pages}
            )
            break
        if page_url in seen:  # a next page that leads back: the feed has ended
            break
        seen.add(page_url)
        try:
            response = client.get(page_url, conditions if page == 0 else None)
        except FetchError as error:
            return _failed(_on_page(error.message, page), error.status)
        if page == 0:
            result.http_status = response.status
            result.etag = sanitise.header_value(response.headers.get("ETag", ""))
            result.last_modified = sanitise.header_value(response.headers.get("Last-Modified", ""))
            if response.status == 304:
                result.outcome = FetchResult.NOT_MODIFIED
                result.etag = result.etag or sanitise.header_value(etag)
                result.last_modified = result.last_modified or sanitise.header_value(last_modified)
                return result
        try:
            document = parse_document(response.body, response.content_type, response.url)
        except FeedError as error:
            return _failed(_on_page(error.message, page), result.http_status)
        entries += document.entries
        notes += [note for note in document.notes if note not in notes]
        page_url, page = document.next_url, page + 1

    items, problems = _checked(entries)
    if entries and not items:
        problems.append(
            ngettext(
                "The feed's only item could not be read, so the postings fetched before are kept.",
                "None of the feed's %(count)s items could be read, so the postings fetched "
                "before are kept.",
                len(entries),
            )
            % {"count": len(entries)}
        )
        return _failed_with(notes + problems, result.http_status)
    result.items = _selected(items, languages, organisations)
    result.messages = notes + problems
    return result


def _failed(message, status):
    return _failed_with([message], status)


def _failed_with(messages, status):
    return FetchResult(outcome=FetchResult.FAILED, messages=messages, http_status=status)


def _on_page(message, page):
    if page == 0:
        return message
    return _("Page %(number)s of the feed: %(problem)s") % {"number": page + 1, "problem": message}


def _checked(entries):
    """The postings of ``entries`` and a message for each item skipped: unreadable, or the
    same posting in the same language as an earlier item (the first is kept)."""
    items, problems, first = [], [], {}
    for number, entry in enumerate(entries, start=1):
        problem = entry.problem
        if entry.item is not None:
            key = (entry.item.origin_id, entry.item.language)
            if key in first:
                problem = _("it repeats item %(number)s (the same posting in the same language).")
                problem %= {"number": first[key]}
            else:
                first[key] = number
                items.append(entry.item)
                continue
        if entry.label:
            message = _('Item %(number)s ("%(title)s") was skipped: %(problem)s')
        else:
            message = _("Item %(number)s was skipped: %(problem)s")
        problems.append(message % {"number": number, "title": entry.label, "problem": problem})
    return items, problems


def _selected(items, languages, organisations):
    """The items in one of ``languages`` ("pt" takes "pt-br" too) and naming one of
    ``organisations`` (by name, short name or id, whatever the case)."""
    if languages:
        codes = {sanitise.language_code(code) for code in languages} - {""}
        items = [
            item for item in items if item.language in codes or item.language.split("-")[0] in codes
        ]
    if organisations:
        wanted = {str(name).strip().casefold() for name in organisations} - {""}
        items = [
            item
            for item in items
            if any(
                value.casefold() in wanted
                for organisation in item.organisations
                for value in (organisation.name, organisation.short_name, organisation.key)
                if value
            )
        ]
    return items
