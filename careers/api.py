"""A Wagtail API v2 endpoint of open postings, through the same query path as the listing.

Register it in your site's API router, with the postings of allied sites that this site's
listings show beside them::

    api_router.register_endpoint("postings", PostingsAPIViewSet)
    api_router.register_endpoint("allied-postings", SyndicatedPostingsAPIViewSet)
"""

from django.conf import settings
from django.db.models import Subquery
from django.http import Http404
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.utils import BadRequestError, parse_fields_parameter
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.models import Site

from . import cors
from .models import Facet, JobPostingPage, ListingEntry, SyndicatedPosting
from .visibility import CLOSING_ORDER, PostingQuery, facet_filter

#: Far more postings than any site holds, and well inside a 64-bit integer.
MAX_OFFSET = 10**9


class PostingSearchFilter(BaseFilterBackend):
    """``?search=`` through the listing's keyword search (:meth:`PostingQuery.search`): any text,
    quoted phrases as phrases, on every search backend; matches in the endpoint's order."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        if not getattr(settings, "WAGTAILAPI_SEARCH_ENABLED", True):
            raise BadRequestError("search is disabled")
        operator = request.GET.get("search_operator") or "and"
        ids, _more = view.posting_query.search(request.GET["search"], operator=operator)
        return queryset.filter(pk__in=ids)


#: The facts every posting type has, as filters of the endpoint (``?workplace_type=home_based``;
#: several values, comma-separated, as "any of"), read from the listing index's facets.
FACT_FILTERS = {
    "workplace_type": Facet.WORKPLACE,
    "employment_type": Facet.EMPLOYMENT,
    "country": Facet.COUNTRY,
    "region": Facet.REGION,
    "language": Facet.LANGUAGE,
}


class PostingFactsFilter(BaseFilterBackend):
    """``?workplace_type=``, ``?employment_type=``, ``?country=``, ``?region=``, ``?language=``:
    what the listing's own filters offer, for postings of every type (Wagtail's field filters
    take only the columns every page has, as the items are pages of several models)."""

    def filter_queryset(self, request, queryset, view):
        for name, facet in FACT_FILTERS.items():
            if name not in request.GET:
                continue
            values = [value.strip() for value in request.GET[name].split(",") if value.strip()]
            if facet == Facet.COUNTRY:
                values = [value.upper() for value in values]
            rows = ListingEntry.objects.filter(facet_filter(facet, values))
            queryset = queryset.filter(pk__in=Subquery(rows.values("page_id")))
        return queryset


class PostingsAPIViewSet(PagesAPIViewSet):
    """Open postings of every posting type, closing soonest first, each as its specific page.

    The listing's items are pages of several models, which share only ``Page``'s columns: its
    field filters and ``?order=`` take those (``title``, ``slug``, ...), as Wagtail's pages
    endpoint does for several ``?type=``; every item is serialised with the posting's fields
    (``model``), which every posting type has.
    """

    model = JobPostingPage
    # Wagtail's search filter must come last (its results cannot be filtered further).
    filter_backends = [
        PostingFactsFilter,
        *(
            PostingSearchFilter if backend is SearchFilter else backend
            for backend in PagesAPIViewSet.filter_backends
        ),
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(FACT_FILTERS)
    listing_default_fields = PagesAPIViewSet.listing_default_fields + [
        "closes_at",
        "open_until_filled",
        "employment_types",
        "workplace_type",
    ]

    def finalize_response(self, request, response, *args, **kwargs):
        """Any origin may read the endpoint (:mod:`careers.cors`); a preflight is answered
        with what it may do."""
        response = super().finalize_response(request, response, *args, **kwargs)
        if cors.is_preflight(request):
            return cors.preflight_headers(response)
        return cors.allow_any_origin(response)

    def get_queryset(self):
        self.check_bounds(self.request.GET)
        site = Site.find_for_request(self.request)
        query = self.posting_query = PostingQuery(site=site, all_locales=True)
        return query.open().order_by(*CLOSING_ORDER)

    def get_serializer_class(self):
        if self.action != "listing_view":
            return super().get_serializer_class()
        fields_config = []
        if "fields" in self.request.GET:
            try:
                fields_config = parse_fields_parameter(self.request.GET["fields"])
            except ValueError as error:
                raise BadRequestError(f"fields error: {error}") from error
        return self._get_serializer_class(
            self.request.wagtailapi_router, self.model, fields_config, show_details=False
        )

    def get_base_queryset(self):
        # Wagtail 7.0 looks up ``?site=`` with ``Site.objects.get`` and lets an unknown host or
        # a port that is not a number through as server errors; answer as Wagtail 8 does.
        try:
            return super().get_base_queryset()
        except Site.DoesNotExist as error:
            raise Http404("no site matches the 'site' parameter") from error
        except ValueError as error:
            raise BadRequestError(str(error)) from error

    @staticmethod
    def check_bounds(params):
        """Refuse what Wagtail's API would pass on unchecked and turn into a server error."""
        # Filters such as ``locale`` go straight into a query; PostgreSQL refuses NUL in text.
        for key, values in params.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                raise BadRequestError("query parameters must not contain NUL characters")
        # The search filter hands this to the search backend, which raises ValueError.
        operator = params.get("search_operator")
        if operator is not None and operator not in ("and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        # The paginator checks only that the offset is a number: a huge one overflows the
        # database's integer (SQLite's "datatype mismatch", PostgreSQL's "out of range").
        offset = params.get("offset", "0")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset must not be more than {MAX_OFFSET}")


class SyndicatedPostingsAPIViewSet(BaseAPIViewSet):
    """The open postings of allied sites that the request's site lists (rows of the listing
    index, as for :class:`PostingsAPIViewSet`), each language version once, closing soonest
    first: where each is from (``origin``, the origin's ``url``) and what a card shows."""

    model = SyndicatedPosting
    body_fields = BaseAPIViewSet.body_fields + [
        "origin",
        "url",
        "title",
        "language",
        "closes_at",
        "posting_id",
        "summary",
        "organisations",
        "workplace_type",
        "employment_types",
        "countries",
        "translations",
    ]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + [
        "origin",
        "url",
        "title",
        "language",
        "closes_at",
    ]

    def get_queryset(self):
        PostingsAPIViewSet.check_bounds(self.request.GET)
        site = Site.find_for_request(self.request)
        entries = PostingQuery(site=site, all_locales=True).open_entries()
        ids = entries.filter(syndicated_posting__isnull=False).values("syndicated_posting_id")
        return SyndicatedPosting.objects.filter(pk__in=ids).order_by(*CLOSING_ORDER)
