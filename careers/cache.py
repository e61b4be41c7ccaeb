"""The listing's filter options, counts and feeds, kept in Django's cache between requests.

Working out which options have postings behind them reads every open posting of a listing, so on
a network-wide site it is the one part of a listing request whose cost grows with the number of
postings. The result is small and changes only when postings change, so it is cached:

- under a *generation* that any publish, unpublish, move or deletion of a page, any change to an
  organisation and any change to a page's privacy replaces, which drops every cached entry at once;
- for at most ``CAREERS_CACHE_TIMEOUT`` seconds (0 turns the cache off), and never past the
  moment the soonest-closing posting closes, when its options may have to go.

Entries are kept only in a cache every process of the site shares (Redis, Memcached, the
database or file cache), where the generation is shared too: a change committed in any process
(another app server or worker, ``publish_scheduled`` from cron, a management command) is seen
by the next request of every process. Django's default local-memory cache is one per process
and would learn of a change only from a signal in its own process, so with it, as with
``DummyCache``, nothing is kept between requests and everything is worked out afresh.
"""

import hashlib
import uuid

from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.utils import timezone
from django.utils.translation import get_language

from . import __version__
from .conf import DEFAULTS, get_setting

GENERATION_KEY = "careers:listing-generation"

#: Django's caches that each process keeps for itself.
PER_PROCESS_CACHES = (LocMemCache, DummyCache)


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = uuid.uuid4().hex
        cache.add(GENERATION_KEY, value, timeout=None)
        value = cache.get(GENERATION_KEY, value)
    return value


def new_generation():
    """Forget every cached listing option (``signal_handlers`` calls it)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


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


def cached(parts, build):
    """``build()``'s ``(value, valid_until)``, from the cache when an entry for ``parts`` is fresh.

    ``valid_until`` is an aware datetime after which the value may be wrong, or None, or a
    function returning one (called only when the value is stored).
    """
    timeout = get_setting("CAREERS_CACHE_TIMEOUT")
    if not enabled():
        return build()[0]
    # Every CAREERS_* setting is part of the key: what is cached depends on many of them (page
    # size, search limit, closing-soon days…), and a deploy that changes one must not be served
    # entries made under the old value. Hashed: the parts may hold many organisations' keys and
    # a filter query string, and some backends (Memcached) refuse long keys or keys with spaces.
    settings = [f"{name}={get_setting(name)!r}" for name in sorted(DEFAULTS)]
    digest = hashlib.sha256("\n".join(map(str, [*parts, *settings])).encode()).hexdigest()
    key = f"careers:{digest}"
    # An entry is stored with the generation it was made in, so that the generation and the
    # entry are read in one round trip to the cache server; an entry of an older generation is
    # as good as missing.
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
