"""A listing request: visible postings → filters → sort → pagination, for the page and its feeds."""

import datetime
import re
from typing import NamedTuple
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q
from django.http import QueryDict
from django.utils.functional import SimpleLazyObject, cached_property
from wagtail.search.backends import get_search_backend

from .. import cache, postgres_search
from ..conf import get_setting
from ..keywords import keyword_query
from ..models import ListingEntry
from ..syndication.postings import keyword_postings
from ..visibility import ENTRY_CLOSING_ORDER, UNKNOWN, PostingQuery
from .filters import Sort, Status
from .lazy import MadeWhenRead
from .options import ListingOptions

#: Query parameters a listing understands; anything else is ignored.
KNOWN_PARAMETERS = {
    "q", "organisation", "country", "region", "workplace", "type", "language", "status", "sort",
    "page",
}  # fmt: skip

#: Columns a posting card never shows, left unread by the listing's page query.
CARD_DEFERRED = ("body", "application_documents")

#: Longer values are cut here before anything reads them: long enough for any real value (the
#: keyword box takes 200 characters, so a longer search is still reported as not understood),
#: short enough that what a page echoes back in its form and links stays small.
MAX_VALUE_LENGTH = 256


def searched_rows_limit():
    """Most rows a keyword search's listing reads the ids of (:attr:`PostingListing.searched_ids`):
    twice ``CAREERS_SEARCH_LIMIT``, room for as many allied postings as this site's. Beyond it
    the rows are counted by the database."""
    return 2 * get_setting("CAREERS_SEARCH_LIMIT")


def bounded_parameters(data, known=KNOWN_PARAMETERS):
    """The ``known`` parameters of a request, one value each (the last, as ``QueryDict.get``),
    cut to ``MAX_VALUE_LENGTH``: a query string of any size costs a listing the same."""
    bounded = QueryDict(mutable=True)
    for key in sorted(known):
        value = data.get(key)
        if value is not None:
            bounded[key] = value[:MAX_VALUE_LENGTH]
    return bounded


def _split(value):
    if not value:
        return []
    if isinstance(value, str):
        return [part for part in value.split(",") if part]
    return [str(part) for part in value]


class SearchedRows(NamedTuple):
    """A keyword search's rows, in the listing's order: their ids in the listing index
    (``column`` "pk"), or the ids of their pages when the search's matches are the rows
    (``column`` "page_id", with ``truncated``: whether the search stopped at its limit)."""

    column: str
    ids: list
    truncated: bool | None = None


class RowsPaginator(Paginator):
    """A ``Paginator`` of rows made by ``rows()`` when a page of them is first cut, and counted
    by ``count()`` when their number is first needed, not when the paginator is made. The
    listing's rows are always ordered."""

    object_list = MadeWhenRead()

    def __init__(self, rows, per_page, count, **kwargs):
        self._count = count
        super().__init__(rows, per_page, **kwargs)

    @cached_property
    def count(self):
        return self._count()

    def validate_number(self, number):
        # The first page is always there: its number is checked without counting the rows,
        # which Django's paginator does for ``page=1``, and Django 6's for any number.
        try:
            first = not isinstance(number, float) and int(number) == 1
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if first and self.allow_empty_first_page:
            return 1
        return super().validate_number(number)

    def _check_object_list_is_ordered(self):
        pass


class BadCursor(ValueError):
    """A paging cursor that this app did not write."""


EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
MICROSECOND = datetime.timedelta(microseconds=1)


class Cursor:
    """Where a document of a listing's open postings ends, in their closing order (soonest
    first, open until filled last, then by id): ``<closing time in microseconds since
    1970, or "none">.<page id>``, opaque to readers."""

    def __init__(self, closes_at, page_id):
        self.closes_at = closes_at
        self.page_id = page_id

    def __str__(self):
        moment = "none" if self.closes_at is None else str((self.closes_at - EPOCH) // MICROSECOND)
        return f"{moment}.{self.page_id}"

    #: ASCII digits only, and no more than a database's 64-bit integer holds.
    PATTERN = re.compile(r"(none|-?[0-9]{1,18})\.([0-9]{1,18})")

    @classmethod
    def parse(cls, value):
        match = cls.PATTERN.fullmatch(value or "")
        if match is None:
            raise BadCursor(value)
        moment, page_id = match.groups()
        if moment == "none":
            return cls(None, int(page_id))
        try:
            return cls(EPOCH + int(moment) * MICROSECOND, int(page_id))
        except OverflowError:
            raise BadCursor(value) from None

    def following(self):
        """Index rows after this cursor in the closing order."""
        if self.closes_at is None:
            return Q(closes_at__isnull=True, page_id__gt=self.page_id)
        return (
            Q(closes_at__gt=self.closes_at)
            | Q(closes_at=self.closes_at, page_id__gt=self.page_id)
            | Q(closes_at__isnull=True)
        )


class PostingListing:
    """Everything a careers listing shows for one request."""

    def __init__(self, index_page, request, query=None):
        self.index_page = index_page
        self.request = request
        self.query = query or PostingQuery.for_index_page(index_page, request)
        # The stock parameters, and the filters a site's filter set adds.
        filters = index_page.get_filterset_class().base_filters
        self.data = bounded_parameters(request.GET, KNOWN_PARAMETERS.union(filters))

    @cached_property
    def base_queryset(self):
        """Visible postings of the chosen status, before the visitor's filters, as rows of the
        listing index."""
        status = self.data.get("status")
        if status == Status.CLOSED:
            return self.query.recently_closed_entries()
        return self.query.open_entries()

    @cached_property
    def options(self):
        # The options change when postings are published, unpublished, moved or deleted (the
        # cache's generation changes), and as time passes: open postings' when the soonest one
        # closes, recently closed postings' when one closes or the oldest leaves the window.
        closed = self.data.get("status") == Status.CLOSED
        return ListingOptions(
            lambda: self.base_queryset,
            self.query.locale_id,
            cache_key=self.options_cache_key,
            valid_until=self.query.recently_closed_valid_until if closed else None,
            request=self.request,
        )

    @property
    def options_cache_key(self):
        """The key parts of :attr:`options` in the cache."""
        closed = self.data.get("status") == Status.CLOSED
        return [*self.query.cache_key(), "closed" if closed else "open"]

    #: The rendered parts of a listing page (``{% careers_cache listing name %}``), read from
    #: the cache in one round trip when the first is asked for (``cache.render_fragment``).
    cache_fragments = ("filters", "results")

    @cached_property
    def filterset(self):
        # The options are read when first needed: to check a filter's value, to show the
        # form, or to count. A feed without filters needs none of these.
        options = SimpleLazyObject(lambda: self.options)
        return self.index_page.get_filterset_class()(
            self.data, lambda: self.base_queryset, options=options, query=self.query
        )

    @property
    def status(self):
        return self.filterset.chosen_status

    @cached_property
    def ignored(self):
        """Parameters that were not understood, so the page can say they were ignored."""
        if getattr(self.filterset, "chose_nothing", False):
            return []  # none of the filters' parameters: nothing to check
        if hasattr(self.filterset, "checked"):
            return sorted(self.filterset.checked[1])
        self.filterset.errors  # noqa: B018
        return sorted(self.filterset.form.errors)

    @cached_property
    def filtered(self):
        """The filtered rows of the listing index, in the chosen order."""
        ordering = Sort.ORDERING[self.filterset.chosen_sort]
        return self.filterset.qs.order_by(*ordering)

    @cached_property
    def page_size(self):
        return self.index_page.page_size or get_setting("CAREERS_PAGE_SIZE")

    @cached_property
    def paginator(self):
        # The rows are filtered, and counted, when first needed: a listing served from the
        # cache needs neither for its first page, and only the count for another.
        def rows():
            # A keyword search: the page is cut from its rows' ids (see searched_ids).
            found = self.searched_ids
            return self.filtered if found is None else found.ids

        return RowsPaginator(rows, self.page_size, count=self._count)

    def _count(self):
        """How many rows the listing shows, counted as little as possible."""
        if not self.filterset.active and self.options.count is not None:
            # No filter chosen: the options counted these postings already.
            return self.options.count
        if self.searched_ids is not None:
            return len(self.searched_ids.ids)
        if self.filterset.facet_count is not None:
            # Only filters on facet values: the options' groups counted them.
            return self.filterset.facet_count
        # Counting reads an index entry per matching posting; the count changes exactly when
        # the options do (or a search's matches), so it is cached with them.
        parts = [*self.query.cache_key(), "count", self.status, self.querystring(page=None)]
        return cache.cached(parts, lambda: (self.filterset.qs.count(), self.valid_until))

    @cached_property
    def searched_ids(self):
        """With the stock keyword search chosen, the ids of every filtered row, in order, when
        there are at most ``searched_rows_limit()`` of them (:class:`SearchedRows`); else None.

        A search finds at most ``CAREERS_SEARCH_LIMIT`` of this site's postings, and allied
        postings match their stored words: its rows are few. Their ids are read once, in one
        query, and the listing counts them and cuts its page from them; counting them in the
        database and then finding the page's rows each carried the search's matches again (an
        ``IN`` of up to 500 ids, built, sent and planned twice). When the search's own matches
        are the rows (:meth:`_matches_are_the_rows`), their page ids serve, and the rows are not
        read again. Kept with the count's lifetime.
        """
        if not self.data.get("q") or not self.filterset.is_stock("q"):
            return None
        keywords = dict(self.filterset.active).get("q")
        if not keywords:
            return None
        limit = searched_rows_limit()

        def read():
            if self._matches_are_the_rows(keywords):
                closed = self.filterset.chosen_status == Status.CLOSED
                ids, truncated = self.query.search(keywords, closed=closed)
                found = SearchedRows("page_id", ids, truncated)
                return (found if len(ids) <= limit else None), self.valid_until
            ids = list(self.filtered.values_list("pk", flat=True)[: limit + 1])
            return (SearchedRows("pk", ids) if len(ids) <= limit else None), self.valid_until

        parts = [*self.query.cache_key(), "rows", self.status, self.querystring(page=None)]
        return cache.cached(parts, read)

    def _matches_are_the_rows(self, keywords):
        """Whether the search's matches (:meth:`PostingQuery.search`, page ids) are this
        listing's rows, in its order: the keywords are the only filter and the order is the
        closing order, with this class's own rows and order; PostgreSQL's database backend
        searches plain words in one statement on the same rows, which gives them in that order
        (:func:`careers.postgres_search.matching`); and no allied posting holds the words (one
        query, of their stored text, where the filtered rows took one with the search's
        matches in it)."""
        cls = type(self)
        if (
            [name for name, _value in self.filterset.active] != ["q"]
            or self.filterset.chosen_sort != Sort.CLOSING
            or cls.filtered is not PostingListing.filtered
            or cls.base_queryset is not PostingListing.base_queryset
        ):
            return False
        if not postgres_search.serves(get_search_backend(), keyword_query(keywords, "and")):
            return False
        allied = keyword_postings(keywords)
        return allied is None or not allied.exists()

    @cached_property
    def page_number(self):
        """The page shown: a bad or too large number gives the first or last page."""
        try:
            return self.paginator.validate_number(self.data.get("page"))
        except PageNotAnInteger:
            return 1
        except EmptyPage:
            return self.paginator.num_pages

    @cached_property
    def page(self):
        page = self.paginator.page(self.page_number)
        found = self.searched_ids
        if found is not None and found.column == "page_id":
            # The search's page ids, as the listing's rows of those pages, in closing order.
            rows = self.base_queryset.filter(page_id__in=page.object_list)
            page.object_list = rows.order_by(*Sort.ORDERING[Sort.CLOSING])
        elif found is not None:
            # The page's ids, as rows of the index in the listing's order.
            ordering = self.filtered.query.order_by
            page.object_list = ListingEntry.objects.filter(pk__in=page.object_list).order_by(
                *ordering
            )
        # Only this page's postings, in its index rows' order, made from the rows (their
        # cards); a row without one is read from the page tables, without the body, which no
        # card shows.
        page.object_list = self.query.pages_for(
            page.object_list, defer=CARD_DEFERRED, cards=get_setting("CAREERS_CARDS_FROM_INDEX")
        )
        return page

    def cache_entry(self, name, request=None):
        """The entry of a rendered part of this listing (``{% careers_cache listing name %}``,
        see :class:`careers.cache.Cacheable`), or None in previews.

        The parts are what the listing's HTML depends on: the postings it may show, the
        address (links may be absolute), the language, the understood filters, the ones that
        were ignored and the page number. The package version drops fragments of older
        templates on upgrade.
        """
        if cache.is_preview(self.request):
            return None
        return cache.Entry(
            parts=[
                *self.query.cache_key(),
                f"fragment={name}",
                *cache.request_parts(self.request),
                self.status,
                self.filter_querystring,
                ",".join(self.ignored),
                self.page_number,
            ],
            valid_until=self.valid_until,
        )

    def valid_until(self):
        """When the listing's HTML and feeds may change as time passes (see
        ``ListingOptions``); for a keyword search, at most ``CAREERS_SEARCH_CACHE_TIMEOUT``
        seconds from now, as long as its matches are kept (:meth:`PostingQuery.search`)."""
        return self._until(self.options.valid_until)

    def feed_valid_until(self):
        """:meth:`valid_until` for a feed, which shows no options: where nothing caches them
        and no filter needs them, the open postings' next change is read from the index
        (:meth:`PostingQuery.open_valid_until`) rather than counting every option for it."""
        if "options" in self.__dict__ or self.status != Status.OPEN or cache.enabled():
            return self.valid_until()
        return self._until(self.query.open_valid_until(self._soonest_open, self._later_open))

    def _until(self, moment):
        if self.data.get("q"):
            seconds = get_setting("CAREERS_SEARCH_CACHE_TIMEOUT")
            moment = cache.next_moment(moment, self.query.now + datetime.timedelta(seconds=seconds))
        return moment

    #: Stands for the page numbers left out of ``page_numbers``.
    ellipsis = Paginator.ELLIPSIS

    @cached_property
    def page_numbers(self):
        """The page links to show: the ends and the pages around this one, with ``ellipsis``
        for the gaps, so that the pagination's size does not grow with the number of pages."""
        return list(self.paginator.get_elided_page_range(self.page.number, on_each_side=2))

    @property
    def count(self):
        return self.paginator.count

    @property
    def search_truncated(self):
        """Whether a keyword search stopped at ``CAREERS_SEARCH_LIMIT`` matches."""
        found = self.searched_ids
        if found is not None and found.truncated is not None:
            return found.truncated  # known without filtering the rows
        self.filterset.qs  # noqa: B018 - runs the filters
        return self.filterset.search_truncated

    @property
    def search_limit(self):
        return get_setting("CAREERS_SEARCH_LIMIT")

    def all_open_items(self, after=None, defer=(), cards=False, facts=False):
        """One document of every open posting of the listing, whatever the filters: at most
        ``CAREERS_FEED_LIMIT`` postings closing soonest first, from ``after`` (a
        :class:`Cursor`), and the cursor of the next document, or None at the end. ``defer``
        names columns the feed does not read; ``cards`` and ``facts``: made from the listing
        index (see :meth:`PostingQuery.pages_for`).

        The cursor names the last posting sent (its closing time and id), not a position: a
        posting that closes or is published meanwhile moves no other one to another document,
        and each document costs the same, however far into the listing it is.
        """
        limit = get_setting("CAREERS_FEED_LIMIT")
        # This site's own postings only: a peer fetches other sites' postings from their origin.
        entries = self.query.open_entries().filter(page__isnull=False)
        entries = entries.order_by(*ENTRY_CLOSING_ORDER)
        if after is not None:
            entries = entries.filter(after.following())
        postings = self.query.pages_for(entries[: limit + 1], defer=defer, cards=cards, facts=facts)
        if len(postings) <= limit:
            return postings, None
        postings = postings[:limit]
        return postings, Cursor(postings[-1].closes_at, postings[-1].pk)

    def feed_items(self, defer=(), cards=False, facts=False):
        """The postings of a feed, ``defer``: columns the feed does not read; ``cards`` and
        ``facts``: made from the listing index (see :meth:`PostingQuery.pages_for`)."""
        limit = get_setting("CAREERS_FEED_LIMIT")
        in_closing_order = limit and self._lists_open_in_closing_order()
        # The open postings, closing soonest first: the first one's closing time is part of the
        # feed's next change (feed_valid_until), and so is the first closing after the "closing
        # soon" window, read with the rows rather than in a query of its own.
        later = {"careers_later_closing": self.query.later_closing()} if in_closing_order else {}
        rows = self.query.rows_for(
            self.filtered[:limit], cards=cards, facts=facts, annotations=later
        )
        if in_closing_order:
            # No rows: no open posting, none closing later either.
            self._soonest_open = rows[0].closes_at if rows else None
            self._later_open = rows[0].careers_later_closing if rows else None
        return self.query.postings_of(rows, defer=defer, cards=cards, facts=facts)

    #: The first open posting's closing time, and the first after the "closing soon" window,
    #: when a feed read them (:meth:`feed_items`).
    _soonest_open = _later_open = UNKNOWN

    def _lists_open_in_closing_order(self):
        """Whether :attr:`filtered` is the query's open postings, unfiltered, in closing
        order: no filter chosen, and this class's own rows and order."""
        cls = type(self)
        return (
            getattr(self.filterset, "chose_nothing", False)
            and cls.filtered is PostingListing.filtered
            and cls.base_queryset is PostingListing.base_queryset
        )

    @cached_property
    def _understood(self):
        ignored = set(self.ignored)
        return {key: value for key, value in self.data.items() if key not in ignored}

    def querystring(self, **changes):
        """The understood filters as a query string, with ``changes`` applied (None removes)."""
        params = dict(self._understood)
        for key, value in changes.items():
            if value is None:
                params.pop(key, None)
            else:
                params[key] = value
        return urlencode(params)

    @cached_property
    def filter_querystring(self):
        return self.querystring(page=None)
