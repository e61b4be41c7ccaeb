"""The one query path: which postings a context may show, fetched efficiently.

The listing page, its feeds, the "open positions" block, the template tag and the API all ask
:class:`PostingQuery`; none of them filters live, public, site, locale or status on its own.
"""

import datetime

from django.db.models import F, Min, Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.models import Locale, Page

from . import cache
from .conf import get_setting, i18n_enabled
from .keywords import keyword_query
from .models import HiringOrganisation, JobPostingPage, PostingLocation

#: Closing soonest first; postings open until filled, which have no closing time, last.
CLOSING_ORDER = (F("closes_at").asc(nulls_last=True), "pk")

#: Most untranslated postings handed to the listing's queries as a list of ids (see
#: ``PostingQuery._fallback_ids``); beyond it they stay a subquery.
FALLBACK_LIST_LIMIT = 1000


def _tree_filter(pages, children_only):
    """Postings under any of ``pages`` (directly, or anywhere below)."""
    condition = Q(pk__in=[])
    for path, depth in pages:
        if children_only:
            condition |= Q(path__startswith=path, depth=depth + 1)
        else:
            condition |= Q(path__startswith=path, depth__gt=depth)
    return condition


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
        self.organisations = list(organisations or [])
        self._locale_id = locale_id
        self.all_locales = all_locales
        self.now = now or timezone.now()

    @classmethod
    def for_index_page(cls, index_page, **kwargs):
        organisations = [link.organisation for link in index_page.listed_organisations.all()]
        return cls(index_page=index_page, organisations=organisations, **kwargs)

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
    def _scope(self):
        from .models import ListingScope

        index_page = self.index_page
        if index_page is not None and index_page.listing_scope == ListingScope.CHILDREN:
            return _tree_filter(self._with_translations(index_page), children_only=True)
        site = self.site
        if site is None and index_page is not None:
            site = index_page.get_site()
        if site is not None:
            return _tree_filter(self._with_translations(site.root_page), children_only=False)
        return Q()

    def _with_translations(self, page):
        if not i18n_enabled():
            return [(page.path, page.depth)]
        return list(
            Page.objects.filter(translation_key=page.translation_key).values_list("path", "depth")
        )

    def _organisation_filter(self):
        if not self.organisations:
            return Q()
        keys = {organisation.translation_key for organisation in self.organisations}
        return Q(
            pk__in=Subquery(
                HiringOrganisation.objects.filter(organisation__translation_key__in=keys).values(
                    "page_id"
                )
            )
        )

    def _locale_filter(self, qs):
        """One version of each posting: the active language's, else the first one written."""
        locale_id = self.locale_id
        if locale_id is None:
            return qs
        if not get_setting("CAREERS_SHOW_UNTRANSLATED"):
            return qs.filter(locale_id=locale_id)
        if self._fallback_ids is None:
            return qs.filter(Q(locale_id=locale_id) | Q(pk__in=Subquery(self._first_versions)))
        return qs.filter(Q(locale_id=locale_id) | Q(pk__in=self._fallback_ids))

    @cached_property
    def _first_versions(self):
        """The first version written of each posting in scope with none in this locale."""
        qs = self._visible_all_locales
        in_locale = qs.filter(locale_id=self.locale_id)
        return (
            qs.exclude(translation_key__in=Subquery(in_locale.values("translation_key")))
            .order_by()
            .values("translation_key")
            .annotate(first=Min("pk"))
            .values("first")
        )

    @cached_property
    def _fallback_ids(self):
        """The ids of the untranslated postings shown in their first language, or None when there
        are so many that the database had better work them out inside each query.

        As a short list, the listing's count and page queries can use the locale's index instead
        of reading every language version of every posting; the list is cached like the options.
        """

        def build():
            rows = self._first_versions[: FALLBACK_LIST_LIMIT + 1]
            ids = [row["first"] for row in rows]
            return {"ids": ids if len(ids) <= FALLBACK_LIST_LIMIT else None}, None

        return cache.cached(["fallback", *self.cache_key()], build)["ids"]

    def cache_key(self):
        """What decides which postings this query sees, as parts of a cache key."""
        keys = sorted(str(organisation.translation_key) for organisation in self.organisations)
        return [
            f"page={self.index_page.pk if self.index_page else ''}",
            f"site={self.site.pk if self.site else ''}",
            f"locale={self.locale_id or ''}",
            f"untranslated={get_setting('CAREERS_SHOW_UNTRANSLATED')}",
            "organisations=" + ",".join(keys),
        ]

    @cached_property
    def _visible_all_locales(self):
        qs = JobPostingPage.objects.live().exclude(self.private_q).filter(self._scope)
        return qs.filter(self._organisation_filter())

    @cached_property
    def _visible(self):
        return self._locale_filter(self._visible_all_locales)

    def visible(self):
        """Live, public postings in scope, one language version each, open or not."""
        return self._visible.all()

    def _open_q(self):
        return Q(closes_at__gt=self.now) | Q(closes_at__isnull=True)

    def _recently_closed_q(self):
        since = self.now - datetime.timedelta(days=get_setting("CAREERS_RECENTLY_CLOSED_DAYS"))
        return Q(closes_at__lte=self.now, closes_at__gt=since)

    def open(self):
        return self.visible().filter(self._open_q())

    def recently_closed(self):
        return self.visible().filter(self._recently_closed_q())

    def recently_closed_valid_until(self, oldest):
        """Until when ``recently_closed()`` stays the same, given its ``oldest`` closing time:
        the moment that posting leaves the window, or the next closing of any live posting,
        whichever comes first (None when neither will happen)."""
        moments = []
        if oldest is not None:
            days = get_setting("CAREERS_RECENTLY_CLOSED_DAYS")
            moments.append(oldest + datetime.timedelta(days=days))
        next_closing = (
            JobPostingPage.objects.live()
            .filter(self._open_q())
            .aggregate(next_closing=Min("closes_at"))["next_closing"]
        )
        if next_closing is not None:
            moments.append(next_closing)
        return min(moments, default=None)

    def search(self, terms, *, closed=False, operator="and"):
        """The ids of the open (or recently closed) postings matching ``terms`` that this query
        may show: at most ``CAREERS_SEARCH_LIMIT``, closing soonest first; and whether there
        were more.

        This is where keywords reach the search backend, for every view that searches: any text
        is accepted, quoted phrases searched as phrases (:func:`careers.keywords.keyword_query`).

        The search backend (database full-text, Elasticsearch, OpenSearch) can filter only on a
        model's ``FilterField`` columns, so it is given what narrows the search to about the
        visible set: live, the tree this query covers, the status's closing dates, and the
        language versions the listing shows (the visitor's, and the untranslated postings'
        first versions). Organisations and privacy are applied by the caller, which keeps these
        ids among ``visible()``. Matches are cut in the listing's order rather than by
        relevance, so the limit never drops a posting that closes sooner than one it keeps.
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

    def _search(self, terms, *, closed, operator, limit):
        query = keyword_query(terms, operator)
        if query is None:
            return [], False
        status = self._recently_closed_q() if closed else self._open_q()
        candidates = JobPostingPage.objects.live().filter(self._scope).filter(status)
        locale_id = self.locale_id
        if locale_id is not None:
            languages = Q(locale_id=locale_id)
            if get_setting("CAREERS_SHOW_UNTRANSLATED"):
                if self._fallback_ids is None:
                    # Too many untranslated postings to name: search every language, and leave
                    # the choice of version to the caller's visible() filter.
                    languages = Q()
                elif self._fallback_ids:
                    languages |= Q(id__in=self._fallback_ids)
            candidates = candidates.filter(languages)
        # Only the ids are needed: reading 500 whole postings (bodies included) costs more than
        # the search itself.
        hits = candidates.order_by("closes_at").only("id").search(query, order_by_relevance=False)
        ids = [hit.pk for hit in hits[: limit + 1]]
        return ids[:limit], len(ids) > limit

    # How to fetch them

    @staticmethod
    def with_related(qs):
        """What a posting card shows, fetched in a fixed number of queries."""
        return qs.select_related("locale", "reports_to_organisation").prefetch_related(
            Prefetch(
                "hiring_organisations",
                queryset=HiringOrganisation.objects.select_related(
                    "organisation", "organisation__logo"
                ),
            ),
            Prefetch("locations", queryset=PostingLocation.objects.all()),
        )

    def attach_languages(self, postings):
        """Set ``available_languages`` on each posting: the locales it is live in, one query."""
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
            JobPostingPage.objects.live()
            .exclude(self.private_q)
            .filter(translation_key__in=keys)
            .order_by("locale__language_code")
            .values_list("translation_key", "locale__language_code")
        )
        for key, code in rows:
            languages.setdefault(key, []).append(code)
        for posting in postings:
            posting.available_languages = languages.get(posting.translation_key, [])
        return postings

    def latest_open(self, limit):
        """The ``limit`` open postings closing soonest, ready to render."""
        qs = self.with_related(self.open().order_by(*CLOSING_ORDER))[:limit]
        return self.attach_languages(qs)
