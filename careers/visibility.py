"""The one query path: which postings a context may show, fetched efficiently.

The listing page, its feeds, the "open positions" block, the template tag and the API all ask
:class:`PostingQuery`; none of them filters live, public, site, locale or status on its own.

Every "which postings" question is answered from the listing index
(:class:`careers.models.ListingEntry`, kept up to date by :mod:`careers.posting_index`): one
narrow row per posting per language, with the version to show already chosen. Only the page of
postings a response shows is then read from the page tables, with what their cards need.
"""

import datetime
import functools

from django.core.exceptions import EmptyResultSet
from django.db.models import BooleanField, CharField, Expression, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from . import cache, postgres_search, specific
from .addresses import page_site, paths_full_urls
from .conf import get_setting, i18n_enabled
from .instances import partial_instance
from .keywords import keyword_query
from .languages import page_versions
from .models import ListingEntry, ListingFacet, Organisation, posting_table_models
from .models.querysets import recently_closed_since
from .status import closing_soon_delta
from .syndication.postings import attach_syndicated, in_entry_order

#: Closing soonest first; postings open until filled, which have no closing time, last.
CLOSING_ORDER = (F("closes_at").asc(nulls_last=True), "pk")

#: Newest first, by the date posted.
NEWEST_ORDER = ("-date_posted", "-first_published_at", "-pk")

#: The same orders for rows of the listing index, whose columns hold the shown page's values:
#: rows and their pages sort alike.
ENTRY_CLOSING_ORDER = ("open_until", "page_id", "pk")
ENTRY_NEWEST_ORDER = ("-date_posted", "-first_published_at", "-page_id", "-pk")

#: Most untranslated postings a keyword search on Elasticsearch or OpenSearch names as a list of
#: ids (see ``PostingQuery._candidates_from_filter_fields``); beyond it the search covers every
#: language.
FALLBACK_LIST_LIMIT = 1000


def _searches_in_the_database(backend):
    """Whether ``backend`` searches in the database (Wagtail's database backends: PostgreSQL,
    SQLite FTS5, MySQL and the plain fallback). These apply the search to the very QuerySet they
    are given, so it may filter on anything, and their results are a QuerySet
    (``get_queryset()``); a backend with an index of its own (Elasticsearch, OpenSearch) filters
    only on ``FilterField`` columns."""
    return callable(getattr(backend.results_class, "get_queryset", None))


def _ids(found):
    """The ``(pk, closes_at)`` of each search result: read as two columns when the results are
    a QuerySet (nothing else is selected: not the posting, nor PostgreSQL's search vector), else
    from the result objects."""
    get_queryset = getattr(found, "get_queryset", None)
    queryset = get_queryset() if callable(get_queryset) else None
    if isinstance(queryset, QuerySet):
        return queryset.values_list("pk", "closes_at")
    return [(hit.pk, hit.closes_at) for hit in found]


def _tree_filter(pages, children_only):
    """Postings (or index rows) under any of ``pages`` (directly, or anywhere below)."""
    condition = Q(pk__in=[])
    for path, depth in pages:
        if children_only:
            condition |= Q(path__startswith=path, depth=depth + 1)
        else:
            condition |= Q(path__startswith=path, depth__gt=depth)
    return condition


class EntryScope(Expression):
    """Index rows in a part of the page tree (below any of ``pages``, ``(path, depth)`` pairs,
    directly or anywhere; None: the whole tree), each allied posting once.

    An allied posting has a row below each listing page that takes its source: a listing
    whose scope covers two of them (its whole site, or a listing and its translations) keeps
    the row with the first path. So a row is in scope when it is in the tree and is a page
    here, or when no other public row of the same posting and language, also in the tree,
    comes before it. As Django's lookups it would be ::

        tree & (Q(page__isnull=False) | ~Exists(rows in tree & same posting, locale & earlier))

    It is written here as SQL instead, because every query of a listing filters on it: Django
    copied that tree of lookups (the tree twice, once per language of the listing) each time a
    QuerySet was filtered, sliced or nested, and compiled it anew for each query, a tenth of
    a listing's time. This expression copies as one object and writes its SQL in a few string
    operations. It follows the row table's alias when the QuerySet is nested in another
    (``relabeled_clone``), as a column does.

    A listing of a page's children (:meth:`children_of`) finds them by the rows'
    ``parent_key`` instead: one condition whatever the number of its languages, which needs
    none of its versions' paths, and which an index leading with it serves.
    """

    conditional = True
    #: The row table's alias inside the ``NOT EXISTS`` subquery; never a table or alias of the
    #: query around it.
    TWIN = "careers_twin"

    def __init__(self, pages, children_only, alias=None, parent_key=None):
        super().__init__(output_field=BooleanField())
        self.pages = None if pages is None else tuple(tuple(page) for page in pages)
        self.children_only = children_only
        self.alias = alias
        self.parent_key = parent_key

    @classmethod
    def children_of(cls, translation_key):
        """Rows directly below any version of a page, by its ``translation_key``: one value in
        every language, where :meth:`__init__` takes each version's path."""
        if translation_key is None:
            raise ValueError("A page's translation_key is needed.")
        return cls(None, True, parent_key=translation_key)

    def __repr__(self):
        if self.parent_key is not None:
            return f"{self.__class__.__name__}.children_of({self.parent_key!r})"
        return f"{self.__class__.__name__}({self.pages!r}, children_only={self.children_only})"

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        if self.alias is not None:
            # Already placed in its query (a QuerySet nested in another resolves its
            # conditions again, in the outer query).
            return self
        if query.model is not ListingEntry:
            raise TypeError("EntryScope filters rows of the listing index only.")
        clone = self.copy()
        clone.alias = query.get_initial_alias()
        return clone

    def relabeled_clone(self, change_map):
        clone = self.copy()
        clone.alias = change_map.get(self.alias, self.alias)
        return clone

    def get_group_by_cols(self):
        return []

    def _tree(self, alias, connection):
        """The tree condition on the rows of ``alias``, and its parameters."""
        if self.parent_key is not None:
            field = ListingEntry._meta.get_field("parent_key")
            column = f"{alias}.{connection.ops.quote_name(field.column)}"
            return f"{column} = %s", [field.get_db_prep_value(self.parent_key, connection)]
        if self.pages is None:
            return None, []
        if not self.pages:
            raise EmptyResultSet
        depth = connection.ops.quote_name("depth")
        # A path prefix, as Django writes ``path__startswith`` on this database.
        path = connection.ops.lookup_cast("startswith", "CharField") % (
            f"{alias}.{connection.ops.quote_name('path')}"
        )
        like = connection.operators["startswith"]
        comparison = "=" if self.children_only else ">"
        parts, params = [], []
        for page_path, page_depth in self.pages:
            parts.append(f"({alias}.{depth} {comparison} %s AND {path} {like})")
            params += [page_depth + 1 if self.children_only else page_depth]
            params += [connection.ops.prep_for_like_query(page_path) + "%"]
        return "(" + " OR ".join(parts) + ")", params

    def as_sql(self, compiler, connection):
        quote = connection.ops.quote_name
        rows = compiler.quote_name_unless_alias(self.alias)
        twin = quote(self.TWIN)
        tree, tree_params = self._tree(rows, connection)
        twin_tree, twin_params = self._tree(twin, connection)

        def column(alias, name):
            return f"{alias}.{quote(name)}"

        twin_conditions = [
            column(twin, "is_public"),
            f"{column(twin, 'page_id')} IS NULL",
            *(
                f"{column(twin, name)} = {column(rows, name)}"
                for name in ("posting_key", "locale_id")
            ),
            f"{column(twin, 'path')} < {column(rows, 'path')}",
        ]
        if twin_tree:
            twin_conditions.insert(0, twin_tree)
        table = quote(ListingEntry._meta.db_table)
        # Only quoted names of this app's own table and columns; the values are parameters.
        twins = f"SELECT 1 FROM {table} {twin} WHERE {' AND '.join(twin_conditions)}"  # noqa: S608  # nosec B608
        once = f"({column(rows, 'page_id')} IS NOT NULL OR NOT EXISTS ({twins}))"
        if tree is None:
            return once, twin_params
        return f"({tree} AND {once})", [*tree_params, *twin_params]


def _first_closing(entries):
    """The closing time of the first of ``entries`` in closing order (None if none closes): a
    range of the index, where a minimum over the rows read every row (34 ms at N = 50,000)."""
    first = entries.order_by(*ENTRY_CLOSING_ORDER).values_list("closes_at")[:1]
    return next(iter(first), (None,))[0]


#: The columns of the listing index that :meth:`PostingQuery.rows_for` always reads: all but the
#: facet values, the card and the feed facts (read when asked for), and the page parts, which
#: only the posting's own route reads (a rendered body each: reading them made a feed of 50
#: postings about a third slower).
ROW_COLUMNS = [
    field.attname
    for field in ListingEntry._meta.concrete_fields
    if field.attname not in ("facets", "card", "facts", "page_parts")
]


def entry_open_q(now):
    """Index rows open at ``now`` (as :func:`open_q` says of pages): a range of ``open_until``."""
    return Q(open_until__gt=now)


def entry_recently_closed_q(now):
    """Index rows closed at ``now`` within ``CAREERS_RECENTLY_CLOSED_DAYS`` (as
    :func:`recently_closed_q` says of pages)."""
    return Q(open_until__lte=now, open_until__gt=recently_closed_since(now))


def facet_filter(facet, values):
    """Index rows with any of ``values`` for ``facet``: a semi-join on the facet table."""
    return Q(
        pk__in=Subquery(
            ListingFacet.objects.filter(facet=facet, value__in=values).values("entry_id")
        )
    )


def organisation_filter(keys):
    """Index rows naming an organisation whose ``translation_key`` is among ``keys``."""
    ids = (
        Organisation.objects.filter(translation_key__in=keys)
        .annotate(value=Cast("pk", CharField()))
        .values("value")
    )
    return facet_filter("organisation", Subquery(ids))


#: Stands for a value not read yet.
UNKNOWN = object()


class PostingQuery:
    """The postings one context may show.

    ``index_page`` limits them to what that careers page lists (its children, or its whole site,
    and its organisations); ``site`` to a site; ``organisations`` to postings by any of these.
    ``locale_id`` (default: the index page's locale, else the active one) picks one language
    version per posting, falling back to the source language for postings not translated yet.
    """

    def __init__(
        self,
        *,
        index_page=None,
        site=None,
        organisations=None,
        locale_id=None,
        all_locales=False,
        now=None,
    ):
        self.index_page = index_page
        self.site = site
        self.organisations = organisations
        self._locale_id = locale_id
        self.all_locales = all_locales
        self.now = now or timezone.now()

    @classmethod
    def for_index_page(cls, index_page, request=None, **kwargs):
        """What ``index_page`` lists. With the ``request``, a site-wide listing's Site is the
        request's when it serves the page (:func:`careers.addresses.page_site`: no query),
        rather than read by ``Page.get_site()`` (every site's root path, the Site, its root).

        The page's organisations are read when first needed when it is served (with the
        ``request``, not in a preview): what the cache holds for it is kept under its id (see
        :meth:`cache_key`), so a request served from the cache does not read them. A preview
        shows the organisations of the draft, which are read at once and named in the keys."""
        if request is not None and index_page.lists_whole_site and "site" not in kwargs:
            kwargs["site"] = page_site(index_page, request)[0]
        query = cls(index_page=index_page, **kwargs)
        query._listed_by = index_page
        query._organisations = query._organisation_keys = None
        if request is None or cache.is_preview(request):
            query.organisations = query.organisations  # read now, named in the cache keys
        return query

    #: The served listing page whose organisations :attr:`organisation_keys` reads when first
    #: needed.
    _listed_by = None

    @property
    def organisations(self):
        """The organisations whose postings this query shows (empty: every organisation)."""
        if self._organisations is None:
            links = self._listed_by.listed_organisations.select_related("organisation")
            self._organisations = [link.organisation for link in links]
        return self._organisations

    @organisations.setter
    def organisations(self, value):
        self._organisations = list(value or [])
        self._organisation_keys = {org.translation_key for org in self._organisations}
        self._listed_by = None

    @property
    def organisation_keys(self):
        """The translation keys of :attr:`organisations`; a served listing page's, read when
        first needed (one query of the keys alone)."""
        if self._organisation_keys is None:
            links = self._listed_by.listed_organisations.all()
            self._organisation_keys = set(
                links.values_list("organisation__translation_key", flat=True)
            )
        return self._organisation_keys

    # Which postings

    @cached_property
    def locale_id(self):
        if self.all_locales or not i18n_enabled():
            return None
        if self._locale_id is not None:
            return self._locale_id
        if self.index_page is not None:
            return self.index_page.locale_id
        return Locale.get_active().pk

    @cached_property
    def private_q(self):
        """Pages under a view restriction, looked up once for everything this query does."""
        return Page.objects.all().private_q()

    @cached_property
    def _tree(self):
        """The part of the page tree this query covers: ``(pages, children_only)``, the pages
        as ``(path, depth)`` pairs, or None for the whole tree."""
        index_page = self.index_page
        if index_page is not None and not index_page.lists_whole_site:
            return self._with_translations(index_page), True
        site = self.site
        if site is None and index_page is not None:
            site = index_page.get_site()
        if site is not None:
            return self._with_translations(site.root_page), False
        return None, False

    @cached_property
    def _scope(self):
        """The part of the page tree this query covers, as a filter on ``path`` and ``depth``:
        what a keyword search's candidate pages are filtered on (index rows are filtered on
        :attr:`_entry_scope`)."""
        pages, children_only = self._tree
        return Q() if pages is None else _tree_filter(pages, children_only)

    @cached_property
    def index_page_versions(self):
        """The index page in every language, live or not (:func:`careers.languages.page_versions`,
        which the listing's language switcher reads), for a keyword search's scope."""
        return page_versions(self.index_page)

    def _with_translations(self, page):
        if not i18n_enabled():
            return [(page.path, page.depth)]
        if page is self.index_page and "index_page_versions" in self.__dict__:
            # Already read for the listing's language switcher. Feeds and blocks, which have
            # none, read only these two columns (and only for a keyword search or a site-wide
            # listing: a listing's children are found by its translation_key).
            return [(version.path, version.depth) for version in self.index_page_versions]
        return list(
            Page.objects.filter(translation_key=page.translation_key).values_list("path", "depth")
        )

    def _organisation_q(self):
        keys = self.organisation_keys
        if not keys:
            return Q()
        return organisation_filter(keys)

    def cache_key(self):
        """What decides which postings this query sees, as parts of a cache key. The
        organisations of a served listing page, not read yet, are named by the page's id: they
        change only when it is published, or when its organisation links are saved or deleted,
        each of which renews the cache's generation (:mod:`careers.signal_handlers`)."""
        if self._listed_by is not None:
            keys = ["listed"]
        else:
            keys = sorted(map(str, self._organisation_keys))
        return [
            f"page={self.index_page.pk if self.index_page else ''}",
            f"site={self.site.pk if self.site else ''}",
            f"locale={self.locale_id or ''}",
            f"untranslated={get_setting('CAREERS_SHOW_UNTRANSLATED')}",
            "organisations=" + ",".join(keys),
        ]

    @cached_property
    def _entries(self):
        # This site's pages, and other sites' postings (careers.syndication.index).
        qs = ListingEntry.objects.filter(is_public=True)
        locale_id = self.locale_id
        if locale_id is None:
            # Every language version once: each is its own locale's row.
            qs = qs.filter(is_fallback=False)
        else:
            qs = qs.filter(locale_id=locale_id)
            if not get_setting("CAREERS_SHOW_UNTRANSLATED"):
                qs = qs.filter(is_fallback=False)
        return qs.filter(self._entry_scope).filter(self._organisation_q())

    @cached_property
    def _entry_scope(self):
        """:attr:`_tree` as a condition on index rows: a listing of its children finds them
        by its ``translation_key``, the same in every language (its versions are not read)."""
        index_page = self.index_page
        if index_page is not None and not index_page.lists_whole_site and i18n_enabled():
            return EntryScope.children_of(index_page.translation_key)
        # Without i18n, a listing shows its own children only, not those of pages that were
        # its translations (their rows would be shown in every language at once).
        return EntryScope(*self._tree)

    def entries(self):
        """Index rows of the live, public postings in scope, one language version each."""
        return self._entries.all()

    def open_entries(self):
        return self.entries().filter(entry_open_q(self.now))

    def recently_closed_entries(self):
        return self.entries().filter(entry_recently_closed_q(self.now))

    @staticmethod
    def _pages(entries):
        """The pages of ``entries``, of every posting type, as a ``Page`` QuerySet whose items
        are the specific pages. It carries the rows' ``closes_at`` and ``date_posted`` (each
        page has one row among ``entries``), so ``CLOSING_ORDER`` and ``NEWEST_ORDER`` sort
        it as they sort the pages."""
        row = entries.filter(page_id=OuterRef("pk")).order_by()
        pages = Page.objects.filter(pk__in=Subquery(entries.values("page_id"))).annotate(
            closes_at=Subquery(row.values("closes_at")[:1]),
            date_posted=Subquery(row.values("date_posted")[:1]),
        )
        return specific.specific_postings(pages)

    def visible(self):
        """Live, public postings in scope, one language version each, open or not."""
        return self._pages(self.entries())

    def open(self):
        return self._pages(self.open_entries())

    def recently_closed(self):
        return self._pages(self.recently_closed_entries())

    def recently_closed_valid_until(self, oldest):
        """Until when ``recently_closed()`` stays the same, given its ``oldest`` closing time:
        the moment that posting leaves the window, or the next closing of one of this query's
        open postings, whichever comes first (None when neither will happen)."""
        moments = []
        if oldest is not None:
            days = get_setting("CAREERS_RECENTLY_CLOSED_DAYS")
            moments.append(oldest + datetime.timedelta(days=days))
        next_closing = _first_closing(self.open_entries())
        if next_closing is not None:
            moments.append(next_closing)
        return min(moments, default=None)

    def open_valid_until(self, soonest=UNKNOWN, later=UNKNOWN):
        """The next moment one of this query's open postings closes or starts "closing soon"
        (what their options' ``valid_until`` is, without counting the options), from two
        ranges of the index: the first posting to close, and the first to close after the
        "closing soon" window. ``soonest`` and ``later``: those two closing times (None: none),
        when the caller has read them (a feed without filters reads them with its rows, see
        :meth:`later_closing`); they are then not read again."""
        soon = closing_soon_delta()
        if soonest is UNKNOWN:
            soonest = _first_closing(self.open_entries())
        if later is UNKNOWN:
            later = _first_closing(self._closing_later())
        moments = [soonest]
        if later is not None:
            moments.append(later - soon)
        return min((moment for moment in moments if moment is not None), default=None)

    def _closing_later(self):
        # A range of the index's open_until (a posting open until filled sorts after every
        # closing time, and has none): filtering on closes_at skipped every row closing soon.
        return self.open_entries().filter(open_until__gt=self.now + closing_soon_delta())

    def later_closing(self):
        """The closing time of the first open posting to close after the "closing soon" window
        (see :meth:`open_valid_until`) as an expression: read as a column of a page of rows, it
        costs the database one range of the index, and no query of its own."""
        first = self._closing_later().order_by(*ENTRY_CLOSING_ORDER).values("closes_at")[:1]
        return Subquery(first)

    def search(self, terms, *, closed=False, operator="and"):
        """The ids of the open (or recently closed) postings matching ``terms`` that this query
        may show: at most ``CAREERS_SEARCH_LIMIT``, closing soonest first; and whether there
        were more.

        This is where keywords reach the search backend, for every view that searches: any text
        is accepted, quoted phrases searched as phrases (:func:`careers.keywords.keyword_query`).

        A database backend (PostgreSQL's or SQLite's full-text search, the plain fallback) searches
        inside one SQL statement per posting table whose candidates are the pages of this query's
        listing index rows: live, public, in its part of the tree and its organisations, of the
        status, one language version each (the visitor's, or an untranslated posting's first).
        Only ids and closing times are read. Elasticsearch and OpenSearch can filter only on a
        model's ``FilterField`` columns, so they are given what narrows the search to about the
        visible set: live, the tree, the status's closing dates, and the language versions the
        listing shows; organisations and privacy are then applied by the caller, which keeps
        these ids among the index rows it shows. Matches are cut in the listing's order rather
        than by relevance, so the limit never drops a posting that closes sooner than one it
        keeps.
        """

        def build():
            matches = self._search(terms, closed=closed, operator=operator, limit=limit)
            seconds = get_setting("CAREERS_SEARCH_CACHE_TIMEOUT")
            return matches, self.now + datetime.timedelta(seconds=seconds)

        # Cached for a short while only: the search index may be updated after the publish that
        # renews the cache's generation (by a task queue), and a posting that closes is dropped
        # by the caller's status filter, but one that just closed joins "recently closed" late.
        limit = get_setting("CAREERS_SEARCH_LIMIT")
        status = "closed" if closed else "open"
        parts = ["search", *self.cache_key(), status, operator, limit, terms]
        return cache.cached(parts, build)

    def _fallback_ids(self, status):
        """The ids of the untranslated postings this query shows in their first language, or
        None when there are more than ``FALLBACK_LIST_LIMIT``."""
        rows = (
            ListingEntry.objects.filter(
                locale_id=self.locale_id, is_fallback=True, page__isnull=False
            )
            .filter(status, self._entry_scope)
            .values_list("page_id", flat=True)
        )
        ids = list(rows[: FALLBACK_LIST_LIMIT + 1])
        return ids if len(ids) <= FALLBACK_LIST_LIMIT else None

    def _search(self, terms, *, closed, operator, limit):
        query = keyword_query(terms, operator)
        if query is None:
            return [], False
        backend = get_search_backend()
        entries = self.recently_closed_entries() if closed else self.open_entries()
        entries = entries.filter(page__isnull=False)
        matching = postgres_search.matching(backend, query, entries, posting_table_models())
        if matching is not None:
            # PostgreSQL's database backend and plain words: the backend's match, written so
            # that PostgreSQL's indexes serve it, in one statement on the listing index rows.
            # The statement gives them in the listing's closing order (``open_until`` is the
            # closing time, or later than any for a posting open until filled): only the ids
            # are read, not 500 closing times to order them again.
            rows = matching.order_by(*ENTRY_CLOSING_ORDER).values_list("page_id", flat=True)
            ids = list(rows[: limit + 1])
            return ids[:limit], len(ids) > limit
        hits = self._search_each_table(backend, query, entries, closed, limit)
        ids = [pk for _none, _closes_at, pk in sorted(hits)[: limit + 1]]
        return ids[:limit], len(ids) > limit

    def _search_each_table(self, backend, query, entries, closed, limit):
        """Each posting table searched by the backend (a search backend searches one model and
        its subclasses), the first ``limit + 1`` matches of each in the listing's order."""
        if _searches_in_the_database(backend):
            tables = self._candidates_from_the_index(entries, closed)
        else:
            tables = self._candidates_from_filter_fields(closed)
        hits = []
        for candidates in tables:
            candidates = candidates.order_by("closes_at")
            found = backend.search(query, candidates, order_by_relevance=False)[: limit + 1]
            hits.extend((closes_at is None, closes_at, pk) for pk, closes_at in _ids(found))
        return hits

    def _candidates_from_the_index(self, entries, closed):
        """The postings of each table that this query shows, for a search backend that searches
        in the database: the pages of its listing index rows, one language version each, public,
        of its organisations (a subquery in the search's own SQL statement)."""
        pages = Subquery(entries.values("page_id"))
        tables = []
        for model in posting_table_models():
            # The status again, on the posting's own closing time: its index serves the order.
            candidates = model.objects.filter(id__in=pages)
            candidates = (
                candidates.recently_closed(self.now) if closed else candidates.open(self.now)
            )
            tables.append(candidates)
        return tables

    def _candidates_from_filter_fields(self, closed):
        """The candidates of each table for a search backend with an index of its own
        (Elasticsearch, OpenSearch), which filters only on a model's ``FilterField`` columns."""
        status = entry_recently_closed_q(self.now) if closed else entry_open_q(self.now)
        locale_id = self.locale_id
        languages = Q()
        if locale_id is not None:
            languages = Q(locale_id=locale_id)
            if get_setting("CAREERS_SHOW_UNTRANSLATED"):
                fallback_ids = self._fallback_ids(status)
                if fallback_ids is None:
                    # Too many untranslated postings to name: search every language, and leave
                    # the choice of version to the caller's index rows.
                    languages = Q()
                elif fallback_ids:
                    languages |= Q(id__in=fallback_ids)
        tables = []
        for model in posting_table_models():
            candidates = model.objects.live().filter(self._scope, languages)
            candidates = (
                candidates.recently_closed(self.now) if closed else candidates.open(self.now)
            )
            # Only the ids are needed: reading 500 whole postings (bodies included) costs more
            # than the search itself.
            tables.append(candidates.only("id", "closes_at"))
        return tables

    # How to fetch them

    with_related = staticmethod(specific.with_related)

    def pages_for(self, entries, defer=(), cards=False, facts=False):
        """The postings of ``entries`` (index rows, ordered and sliced), in the rows' order, with
        what their cards show and ``available_languages``: this site's pages, each as its
        specific class, and other sites' postings (:class:`careers.models.SyndicatedPosting`).

        One query for the rows with their pages' types, and one for their syndicated postings
        when there are any; per posting type shown, one for its pages and one per related set;
        one for their languages. With ``cards``, postings whose rows have a card are made from
        the rows alone (:func:`careers.specific.from_index`: what a card shows, its languages
        included, the rest deferred): the posting tables are read only for rows written before
        the index had cards, and the languages only for cards written before they held them.
        With ``facts`` too, they also carry their rows' feed facts (``index_facts``, see
        :mod:`careers.facts`), and rows written before those existed are read from their pages.
        """
        rows = self.rows_for(entries, cards=cards, facts=facts)
        return self.postings_of(rows, defer=defer, cards=cards, facts=facts)

    def rows_for(self, entries, cards=False, facts=False, annotations=None):
        """The rows of ``entries`` (index rows, ordered and sliced) as :meth:`pages_for` reads
        them, with their syndicated postings: one query, and one more when there are any. A
        caller that needs something of the rows themselves (their closing times) reads them
        with this, then makes their postings with :meth:`postings_of`. ``annotations``: more
        values to read with each row, ``{attribute name: expression}``."""
        if entries.query.is_sliced and entries.query.low_mark:
            # A page after the first is found on the index alone, and only its rows are joined
            # with what they show (joined first, every row the database skips to reach it
            # would be joined too: the last page of 10,000 postings took 25 ms instead of 7).
            # The first rows are read in one statement: the database joins only the rows it
            # returns, and the nested statement cost more to write than it saved.
            ordering = entries.query.order_by
            entries = ListingEntry.objects.filter(pk__in=Subquery(entries.values("pk")))
            entries = entries.order_by(*ordering)
        # Their facet values are for filtering and counting the options: no posting shown
        # reads them, so the rows of a page (50 in a feed) are read without decoding them; nor
        # their cards and feed facts unless asked for. What is not read is deferred.
        columns = [
            *ROW_COLUMNS,
            *(["card"] if cards else []),
            *(["facts"] if cards and facts else []),
        ]
        expressions = {"page_type": F("page__content_type_id")}
        if cards:
            expressions.update(
                {name: F(column) for name, column in specific.CARD_PAGE_COLUMNS.items()}
            )
        expressions.update(annotations or {})
        annotations = list(expressions)
        values = entries.annotate(**expressions)
        values = values.values_list(*columns, *annotations, "locale__language_code")
        # Read as values and made with partial_instance: Django's model instances, with their
        # locale joined, cost about three times as much to make (a feed reads 50 rows).
        db, count, rows, locales = values.db, len(columns), [], {}
        for row in values:
            entry = partial_instance(ListingEntry, dict(zip(columns, row[:count], strict=True)), db)
            for name, value in zip(annotations, row[count:-1], strict=True):
                setattr(entry, name, value)
            locale = locales.get(entry.locale_id)
            if locale is None:
                values_of_locale = {"id": entry.locale_id, "language_code": row[-1]}
                locale = locales[entry.locale_id] = partial_instance(Locale, values_of_locale, db)
            entry.locale = locale
            rows.append(entry)
        return attach_syndicated(rows)

    def postings_of(self, rows, defer=(), cards=False, facts=False):
        """The postings of ``rows`` (read by :meth:`rows_for` with the same ``cards`` and
        ``facts``), in their order: see :meth:`pages_for`."""
        made = specific.from_index(rows, facts=facts) if cards else {}
        pages = specific.fetch(
            [
                (row.page_id, row.page_type)
                for row in rows
                if row.page_id is not None and row.page_id not in made
            ],
            defer,
        )
        # Cards hold their languages; pages read from their tables (and cards written before
        # migration 0013) are given theirs in one query.
        unknown = [
            posting for posting in made.values() if not hasattr(posting, "available_languages")
        ]
        self.attach_languages([*unknown, *pages])
        return in_entry_order(rows, [*made.values(), *pages])

    def attach_languages(self, postings):
        """Set ``available_languages`` on each posting: the locales it is live and public in,
        from the listing index, one query."""
        postings = list(postings)
        if not postings:
            return postings
        if not i18n_enabled():
            for posting in postings:
                posting.available_languages = []
            return postings
        keys = {posting.translation_key for posting in postings}
        languages = {}
        rows = (
            ListingEntry.objects.filter(
                posting_key__in=keys, is_fallback=False, is_public=True, page__isnull=False
            )
            .order_by("locale__language_code")
            .values_list("posting_key", "locale__language_code")
        )
        for key, code in rows:
            languages.setdefault(key, []).append(code)
        for posting in postings:
            posting.available_languages = languages.get(posting.translation_key, [])
        return postings

    #: What :meth:`attach_translations` reads of a language version whose row has no card
    #: (written before the index had cards): its address is made from ``url_path``, and
    #: ``summary`` is its introduction.
    TRANSLATION_FIELDS = ("title", "url_path", "translation_key", "introduction")

    def attach_translations(self, postings, request=None):
        """Set ``translations`` on each of this site's postings: its live, public language
        versions (itself included), as ``{"language", "url", "title", "summary"}`` dicts, in
        one query however many postings and languages the list holds (a feed of 50 postings has
        up to 200 versions): each version is read from its index row's page title, address and
        language and its card's introduction, and made as a page
        (:func:`careers.specific.language_version`) only where its address needs one
        (:func:`careers.addresses.paths_full_urls`).
        Rows written before the index had cards are read from their pages
        (``TRANSLATION_FIELDS``), one query per posting type. Other sites' postings keep the
        translations their origin gave."""
        postings = list(postings)
        pages = [posting for posting in postings if not getattr(posting, "is_syndicated", False)]
        keys = {page.translation_key for page in pages}
        versions = {}
        if keys:
            # Each posting's versions in language order (a row's own language is its page's).
            rows = ListingEntry.objects.filter(
                posting_key__in=keys, is_fallback=False, is_public=True, page__isnull=False
            ).values_list(*specific.VERSION_COLUMNS, KT("card__introduction"))
            rows = sorted(rows, key=lambda row: (row[5], row[0]))
            db, models, locales = ListingEntry.objects.db, specific.PostingModels(), {}
            read = specific.fetch(
                [(row[0], row[1]) for row in rows if row[-1] is None or models[row[1]] is None],
                related=False,
                only=self.TRANSLATION_FIELDS,
            )
            read = {version.pk: version for version in read}
            # (translation key, language, title, summary) and how to make each's address: the
            # versions made from rows are made as pages only where their addresses need one.
            shown, addressed = [], []
            for row in rows:
                page_id, page_type, title, url_path, _locale, code, key, introduction = row
                model = models[page_type]
                if introduction is not None and model is not None:
                    shown.append((key, code, title, introduction))
                    make = functools.partial(specific.language_version, model, row, db, locales)
                    addressed.append((model, url_path, make))
                elif page_id in read:
                    version = read[page_id]
                    shown.append(
                        (
                            version.translation_key,
                            version.locale.language_code,
                            version.title,
                            version.introduction,
                        )
                    )
                    addressed.append((type(version), version.url_path, version))
            urls = paths_full_urls(addressed, request)
            for (key, code, title, summary), url in zip(shown, urls, strict=True):
                versions.setdefault(key, []).append(
                    {"language": code, "url": url, "title": title, "summary": summary}
                )
        for page in pages:
            page.translations = versions.get(page.translation_key, [])
        return postings

    def latest_open(self, limit, defer=(), cards=False):
        """The ``limit`` open postings closing soonest, ready to render (``defer``: columns
        left unread; ``cards``: see :meth:`pages_for`)."""
        entries = self.open_entries().order_by(*ENTRY_CLOSING_ORDER)[:limit]
        return self.pages_for(entries, defer=defer, cards=cards)
