"""The one owner of what the app caches: keys, how long an entry stays right, and the
``Cache-Control`` of the responses built from it.

**The contract.** Anything cached is described by an :class:`Entry`: the *key parts* (what the
value depends on, besides the app's version and its ``CAREERS_*`` settings, which every key
holds) and *valid until* (a function returning the aware datetime after which the value may be
wrong as time passes, or None when only a change of content can make it wrong; it is called
only when the value is stored, or when a response's ``max-age`` is worked out). An object whose
rendered parts ``{% careers_cache %}`` keeps is :class:`Cacheable`: its
``cache_entry(name, request)`` gives the part's entry, or None to render it afresh. The listing
(``PostingListing``), the posting page (``JobPostingPage``) and the open positions block
(``OpenPositions``) are the three.

**Where entries live.** In Django's default cache, under a *generation* that any change the
app's signal receivers see (``careers.signal_handlers``: a posting or listing page published,
unpublished, moved or deleted, an organisation, statement or site saved or deleted, a page's
privacy changed) replaces, which drops every entry at once; for at most
``CAREERS_CACHE_TIMEOUT`` seconds (0 turns the cache off), and never past the entry's valid
until.

Entries are kept only in a cache every process of the site shares (Redis, Memcached, the
database or file cache), where the generation is shared too: a change committed in any process
(another app server or worker, ``publish_scheduled`` from cron, a management command) is seen
by the next request of every process. Django's default local-memory cache is one per process
and would learn of a change only from a signal in its own process, so with it, as with
``DummyCache``, nothing is kept between requests and everything is worked out afresh
(system check ``careers.I001`` says so).

**In front of the site.** :func:`set_cache_control` gives the listing, posting, feed and
``.ics`` responses a ``max-age`` that ends at their valid until, at most
``CAREERS_CACHE_MAX_AGE`` seconds; previews and signed-in users' responses are private and never
stored. With ``wagtail.contrib.frontend_cache``, the pages' ``get_cached_paths()``
(:func:`listing_cached_paths`, :func:`posting_cached_paths`) say what a purge covers.
"""

import datetime
import hashlib
import math
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol, runtime_checkable

from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.timesince import timeuntil
from django.utils.translation import get_language

from . import __version__
from .conf import DEFAULTS, get_setting

GENERATION_KEY = "careers:generation"

#: Django's caches that each process keeps for itself.
PER_PROCESS_CACHES = (LocMemCache, DummyCache)

ValidUntil = Callable[[], datetime.datetime | None]


def _forever():
    return None


@dataclass(frozen=True)
class Entry:
    """What one cached value depends on, and until when it stays right."""

    #: What the value depends on (the postings a query may show, the address, the language,
    #: the filters…), as strings or numbers.
    parts: Sequence[object]
    #: When the value may change as time passes (a posting closes or starts closing soon), or
    #: None; called only when the value is stored or a response's max-age is worked out.
    valid_until: ValidUntil = field(default=_forever)


@runtime_checkable
class Cacheable(Protocol):
    """An object whose rendered parts ``{% careers_cache object "name" %}`` may keep."""

    def cache_entry(self, name: str, request: HttpRequest | None) -> Entry | None:
        """The entry of the part called ``name`` for ``request``, or None to render it
        afresh (previews)."""


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = uuid.uuid4().hex
        cache.add(GENERATION_KEY, value, timeout=None)
        value = cache.get(GENERATION_KEY, value)
    return value


def new_generation():
    """Drop everything the app keeps in Django's cache, in every process (``signal_handlers``
    calls it; so should code that writes postings without publishing them)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def is_preview(request):
    return getattr(request, "is_preview", False)


def request_parts(request):
    """Key parts for what a response's HTML depends on beyond its content: the app's version
    (templates change with it), the address (links may be absolute) and the language."""
    return [__version__, request.scheme, request.get_host(), get_language()]


def shared():
    """Whether the default cache is one that every process of the site reads and writes."""
    return not isinstance(caches[DEFAULT_CACHE_ALIAS], PER_PROCESS_CACHES)


def enabled():
    """Whether entries are kept at all: not with a timeout of 0, nor with a per-process cache,
    where another process's change would not reach them."""
    return bool(get_setting("CAREERS_CACHE_TIMEOUT")) and shared()


def _key(parts):
    """The cache key of an entry's ``parts``.

    Every CAREERS_* setting is part of the key: what is cached depends on many of them (page
    size, search limit, closing-soon days…), and a deploy that changes one must not be served
    entries made under the old value. Hashed: the parts may hold many organisations' keys and
    a filter query string, and some backends (Memcached) refuse long keys or keys with spaces.
    """
    settings = [f"{name}={get_setting(name)!r}" for name in sorted(DEFAULTS)]
    digest = hashlib.sha256("\n".join(map(str, [*parts, *settings])).encode()).hexdigest()
    return f"careers:{digest}"


def stored_key():
    """What a value kept outside the cache, in the database, is checked against before it is
    shown (a posting's stored parts, :mod:`careers.page_parts`): it changes with the app's
    version, whose templates rendered it. Unlike the cache's keys it does not hold the
    ``CAREERS_*`` settings, which nothing stored there depends on."""
    return f"careers:stored:{__version__}"


#: Where :func:`prefetch` keeps, on the request, what it read for the request's later lookups.
PREFETCHED = "_careers_prefetched"

#: Marks, among what :func:`prefetch` kept, that a page's rendered parts were read.
FRAGMENTS_KEY = "careers:fragments"

#: An entry :func:`prefetch` looked for and did not find.
_MISSING = object()


def prefetch(request, parts_lists):
    """Read the entries of ``parts_lists`` (each the key parts :func:`cached` is given), with
    the generation, in one round trip to the cache, for ``request``'s later :func:`cached`
    calls with these parts (``request=``): a page that knows the entries it will look up
    makes one round trip for them rather than one each. Each is used once; nothing is read
    when entries are not kept (:func:`enabled`) or without a request."""
    if request is None or not enabled():
        return
    keys = [_key(parts) for parts in parts_lists]
    found = cache.get_many([GENERATION_KEY, *keys])
    store = request.__dict__.setdefault(PREFETCHED, {})
    store.update({key: found.get(key, _MISSING) for key in keys})
    if found.get(GENERATION_KEY) is not None:
        store[GENERATION_KEY] = found[GENERATION_KEY]


def cached(parts, build, request=None):
    """``build()``'s ``(value, valid_until)``, from the cache when an entry for ``parts`` is fresh.

    ``valid_until`` is an aware datetime after which the value may be wrong, or None, or a
    function returning one (called only when the value is stored). With the ``request``, an
    entry :func:`prefetch` read for it is used rather than read again.
    """
    timeout = get_setting("CAREERS_CACHE_TIMEOUT")
    if not enabled():
        return build()[0]
    key = _key(parts)
    # An entry is stored with the generation it was made in, so that the generation and the
    # entry are read in one round trip to the cache server; an entry of an older generation is
    # as good as missing.
    store = getattr(request, PREFETCHED, None) or {}
    if key in store and GENERATION_KEY in store:
        current, entry = store[GENERATION_KEY], store.pop(key)
        entry = None if entry is _MISSING else entry
    else:
        found = cache.get_many([GENERATION_KEY, key])
        current = found.get(GENERATION_KEY) or generation()
        entry = found.get(key)
    if entry is not None and entry[0] == current:
        return entry[1]
    value, valid_until = build()
    if callable(valid_until):
        valid_until = valid_until()
    if valid_until is not None:
        seconds = int((valid_until - timezone.now()).total_seconds())
        timeout = min(timeout, seconds)
    if timeout > 0:
        cache.set(key, (current, value), timeout=timeout)
    return value


def cached_entry(entry, build, request=None):
    """``build()``, from the cache while ``entry`` (an :class:`Entry`, or None: not cached)
    stays fresh (``request``: see :func:`cached`)."""
    if entry is None:
        return build()
    return cached(entry.parts, lambda: (build(), entry.valid_until), request)


def _fragment_entry(source, name, request, site):
    entry = source.cache_entry(name, request)
    if entry is not None:
        entry = replace(entry, parts=[*entry.parts, f"site={site.pk if site else ''}"])
    return entry


def render_fragment(source, name, request, render, site=None):
    """A rendered part of a page, ``render()``, kept under ``source``'s entry for ``name`` on
    ``site`` (``{% careers_cache %}``). None renders it afresh; anything else must be
    :class:`Cacheable`.

    A source whose ``cache_fragments`` names the parts its page shows has them all read in one
    round trip when the first is asked for (:func:`prefetch`)."""
    if source is None:
        return render()
    if not isinstance(source, Cacheable):
        raise TypeError(
            f"{{% careers_cache %}} needs an object with cache_entry(name, request) "
            f"(careers.cache.Cacheable), not {type(source).__name__}"
        )
    entry = _fragment_entry(source, name, request, site)
    names = getattr(source, "cache_fragments", ())
    if entry is not None and request is not None and name in names and enabled():
        prefetched = request.__dict__.setdefault(PREFETCHED, {})
        if FRAGMENTS_KEY not in prefetched:
            prefetched[FRAGMENTS_KEY] = True
            others = [_fragment_entry(source, other, request, site) for other in names]
            prefetch(request, [other.parts for other in others if other is not None])
    return cached_entry(entry, render, request)


# Moments


def next_moment(*moments):
    """The soonest of ``moments`` that are not None, or None."""
    return min((moment for moment in moments if moment is not None), default=None)


#: Django's time units, untranslated: the hint changes when its number or unit does, in any
#: language, and formatting them costs nothing.
_UNCOUNTED_UNITS = {
    unit: f"%(num)d {unit}" for unit in ("year", "month", "week", "day", "hour", "minute")
}


def next_time_left_change(closes_at, now=None):
    """The first moment after ``now`` at which the "closes in 3 days" hint (one unit, as
    :func:`careers.status.time_left` writes it) reads differently, or None when it never will
    (no closing time, or closed). The hint only counts down, so a search finds it."""
    now = now or timezone.now()
    if closes_at is None or closes_at <= now:
        return None

    def hint(moment):
        return timeuntil(closes_at, moment, time_strings=_UNCOUNTED_UNITS, depth=1)

    shown = hint(now)
    low, high = 0, math.ceil((closes_at - now).total_seconds())
    while high - low > 1:
        middle = (low + high) // 2
        if hint(now + datetime.timedelta(seconds=middle)) == shown:
            low = middle
        else:
            high = middle
    return now + datetime.timedelta(seconds=high)


# Responses


def max_age(valid_until, now=None):
    """Seconds a response stays right: until ``valid_until`` (None: no end in time), at most
    ``CAREERS_CACHE_MAX_AGE``, never negative."""
    cap = max(0, get_setting("CAREERS_CACHE_MAX_AGE"))
    if valid_until is None:
        return cap
    now = now or timezone.now()
    return max(0, min(cap, math.floor((valid_until - now).total_seconds())))


def is_personal(request, response):
    """Whether a response may hold something for one reader only: a preview, a signed-in
    user's page (Wagtail's user bar), or one that sets a cookie."""
    if is_preview(request) or response.cookies:
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def set_cache_control(response: HttpResponse, request, valid_until=None):
    """Give ``response`` a ``Cache-Control`` for browsers, proxies and CDNs: ``public`` with a
    ``max-age`` ending at ``valid_until`` (see :func:`max_age`) for an anonymous visitor;
    ``private`` and never stored for previews and signed-in users, as Wagtail does for pages with
    view restrictions (which it marks so itself, after this). ``valid_until`` may be a function,
    called only for a public response."""
    if is_personal(request, response):
        add_never_cache_headers(response)
        return response
    if callable(valid_until):
        valid_until = valid_until()
    patch_cache_control(response, public=True, max_age=max_age(valid_until))
    return response


# Front-end cache purging (``get_cached_paths()`` of the page models)


def listing_cached_paths(page):
    """The paths under a listing page a front-end cache should drop when what it shows changes:
    the page itself, its recently closed postings, its feeds, the first document of every open
    posting that allied sites read, and, where other websites may embed it, the embed as the
    admin's code shows it. Other filters, page numbers and documents run out with their
    ``max-age``."""
    paths = [
        "/",
        "?status=closed",
        *(page.reverse_subpage(f"feed_{kind}") for kind in ("rss", "atom", "json")),
        page.reverse_subpage("feed_json") + "?all=1",
    ]
    if getattr(page, "embed_allowed_origins", ""):
        embed = page.reverse_subpage("embed")
        paths += [embed, f"{embed}?filters=1"] if page.embed_filters else [embed]
    return paths


def posting_cached_paths(page):
    """The paths under a posting page a front-end cache should drop when it changes: the page
    and its ``.ics`` (which a posting that no longer has a deadline answers with a 404)."""
    return ["/", page.reverse_subpage("deadline_ics")]
