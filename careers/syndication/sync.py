"""Storing a fetch of a source: its postings, its bookkeeping, the listing index.

One source, one transaction: an answer that is ``OK`` replaces the source's postings with what
the feed offers now (a posting closed, unpublished or gone at the origin is gone here at the
next fetch); ``NOT_MODIFIED`` only notes the fetch; ``FAILED`` keeps the last good copy, shown
until its postings close (the listings' closing filter drops them then, fetch or not), records
what went wrong and backs off: the next fetch waits twice as long after each failure in a row,
from ``CAREERS_SYNDICATION_INTERVAL`` up to a day. A failure of one source, even an unexpected
error, never stops the others (:func:`sync_due_sources`).
"""

import dataclasses
import datetime
import logging
import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..conf import get_setting
from .index import reindex_syndicated
from .items import FetchResult

logger = logging.getLogger(__name__)

#: The longest wait between two fetches of a failing source.
MAX_INTERVAL = datetime.timedelta(hours=24)


def default_fetcher():
    """``careers.syndication.fetch.fetch_source``, imported when first needed."""
    from .fetch import fetch_source

    return fetch_source


def interval(failures=0):
    """How long to wait before the next fetch, after ``failures`` failed fetches in a row."""
    base = datetime.timedelta(seconds=get_setting("CAREERS_SYNDICATION_INTERVAL"))
    return min(base * 2 ** min(failures, 20), max(MAX_INTERVAL, base))


def posting_key(origin_id):
    """The posting's identity: the origin's posting id when it is a UUID, else a UUID made from
    it (for feeds without one, the intake gives the posting's address)."""
    try:
        return uuid.UUID(str(origin_id))
    except ValueError:
        return uuid.uuid5(uuid.NAMESPACE_URL, str(origin_id))


def _json(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_json(part) for part in value]
    if isinstance(value, dict):
        return {key: _json(part) for key, part in value.items()}
    return value


def item_data(item):
    """A :class:`careers.syndication.items.PostingItem` as JSON, for ``SyndicatedPosting.data``."""
    return _json(dataclasses.asdict(item))


def is_web_address(url):
    """http or https only: what a card links to must never be ``javascript:`` and the like,
    whatever a fetcher lets through."""
    return isinstance(url, str) and url.lower().startswith(("http://", "https://"))


def _wanted(source, item):
    """Whether ``item`` is one of the organisations and languages ``source`` takes."""
    if not is_web_address(item.url):
        return False
    languages = [code.lower() for code in source.languages or []]
    if languages and item.language.lower() not in languages:
        return False
    wanted = set(source.organisation_filters)
    if not wanted:
        return True
    for organisation in item.organisations:
        names = {organisation.name, organisation.short_name, organisation.key}
        if wanted & {name.casefold() for name in names if name}:
            return True
    return False


def _store(source, items, now):
    """Replace ``source``'s postings with ``items``; how many were kept."""
    from ..models import SyndicatedPosting

    kept = {}
    for item in items:
        if item.is_filled or not _wanted(source, item):
            continue
        kept[(item.origin_id, item.language)] = item
    existing = {(posting.origin_id, posting.language): posting for posting in source.postings.all()}
    for key, item in kept.items():
        posting = existing.pop(key, None) or SyndicatedPosting(
            source=source, origin_id=item.origin_id, language=item.language
        )
        posting.posting_key = posting_key(item.origin_id)
        posting.url = item.url
        posting.title = item.title
        posting.closes_at = item.closes_at
        posting.data = item_data(item)
        posting.fetched_at = now
        posting.save()
    SyndicatedPosting.objects.filter(pk__in=[posting.pk for posting in existing.values()]).delete()
    return len(kept)


def _fetch(source, fetcher):
    try:
        fetcher = fetcher or default_fetcher()
        return fetcher(
            source.feed_url,
            etag=source.etag,
            last_modified=source.last_modified,
            languages=list(source.languages or []),
            organisations=source.organisation_filters,
        )
    except Exception as error:  # noqa: BLE001 - any failure of one source is that source's
        logger.exception("Fetching syndication source %s failed", source.pk)
        return FetchResult(
            FetchResult.FAILED,
            messages=[_("The feed could not be read: %(error)s") % {"error": error}],
        )


def sync_source(source, *, now=None, fetcher=None):
    """Fetch ``source`` and store the result; returns the :class:`FetchResult`."""
    now = now or timezone.now()
    result = _fetch(source, fetcher)
    messages = list(result.messages)
    with transaction.atomic():
        source.last_fetched_at = now
        source.last_outcome = result.outcome
        if result.outcome == FetchResult.FAILED:
            source.failures += 1
            if source.last_success_at is not None:
                messages.append(
                    _("The postings of the last successful fetch are shown until they close.")
                )
        else:
            source.failures = 0
            source.last_success_at = now
            source.etag = result.etag or source.etag
            source.last_modified = result.last_modified or source.last_modified
        if result.outcome == FetchResult.OK:
            kept = _store(source, result.items, now)
            left_out = len(result.items) - kept
            summary = ngettext("%(count)d posting taken.", "%(count)d postings taken.", kept) % {
                "count": kept
            }
            if left_out:
                summary += " " + ngettext(
                    "%(count)d left out (filled, or not among the organisations or languages "
                    "chosen).",
                    "%(count)d left out (filled, or not among the organisations or languages "
                    "chosen).",
                    left_out,
                ) % {"count": left_out}
            messages.insert(0, summary)
        source.last_messages = "\n".join(str(message) for message in messages)
        source.next_fetch_at = now + interval(source.failures)
        source.save()
        if result.outcome == FetchResult.OK:
            reindex_syndicated()
            transaction.on_commit(lambda: purge_listings(source))
    return result


def purge_listings(source):
    """With ``wagtail.contrib.frontend_cache``, purge the listing pages that show ``source``'s
    postings (in every language, and the site-wide listings of their sites), as publishing a
    posting purges the listings that show it."""
    from .. import signal_handlers
    from ..models import ListingScope, listing_models

    if not signal_handlers.frontend_cache_enabled():
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    pages = {}
    for listing in source.listings.all():
        site = listing.get_site()
        roots = site.root_page.get_translations(inclusive=True) if site is not None else []
        for model in listing_models():
            live = model.objects.live()
            pages.update(
                {page.pk: page for page in live.filter(translation_key=listing.translation_key)}
            )
            for root in roots:
                site_wide = live.descendant_of(root).filter(listing_scope=ListingScope.SITE)
                pages.update({page.pk: page for page in site_wide})
    batch = PurgeBatch()
    batch.add_pages(pages.values())
    batch.purge()


def sync_due_sources(*, now=None, fetcher=None, force=False, sources=None):
    """Fetch every enabled source whose next fetch is due (all of ``sources`` with ``force``);
    returns ``(source, FetchResult or None)`` pairs, None for a source that could not be stored
    (its error is logged)."""
    from ..models import SyndicationSource

    now = now or timezone.now()
    if sources is None:
        sources = SyndicationSource.objects.filter(enabled=True).order_by("pk")
    done = []
    for source in sources:
        if not force and not source.is_due(now):
            continue
        try:
            done.append((source, sync_source(source, now=now, fetcher=fetcher)))
        except Exception:  # noqa: BLE001 - one source's failure never stops the others
            logger.exception("Storing syndication source %s failed", source.pk)
            done.append((source, None))
    return done


def describe(source, result):
    """One line about a source's fetch, for people reading cron's mail."""
    if result is None:
        return _("%(name)s: the fetch could not be stored (see the log).") % {"name": source.name}
    messages = source.last_messages.replace("\n", " ")
    return f"{source.name}: {source.get_last_outcome_display()}. {messages}".rstrip()
