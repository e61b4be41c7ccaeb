"""The listing's filters, as plain GET parameters so every filtered view has a shareable URL.

Choices are set per request from the postings that are visible, so only options with postings are
offered; a value that is not offered is ignored (and reported), never an error.
"""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import Region
from ..models import Facet, ListingEntry
from ..status import ListingStatus as Status
from ..syndication.postings import keyword_q as syndicated_keyword_q
from ..visibility import (
    ENTRY_CLOSING_ORDER,
    ENTRY_NEWEST_ORDER,
    facet_filter,
    organisation_filter,
)
from .widgets import ListingSelect


class Sort:
    CLOSING = "closing"
    NEWEST = "newest"
    CHOICES = [(CLOSING, _("Closing soonest")), (NEWEST, _("Newest first"))]
    ORDERING = {
        CLOSING: ENTRY_CLOSING_ORDER,
        NEWEST: ENTRY_NEWEST_ORDER,
    }


class PostingFilterSet(django_filters.FilterSet):
    """Filters rows of the listing index (:class:`careers.models.ListingEntry`)."""

    q = django_filters.CharFilter(
        label=_("Keywords"), method="filter_keywords", max_length=200, strip=True
    )
    organisation = django_filters.ChoiceFilter(
        label=_("Organisation"),
        method="filter_organisation",
        empty_label=_("Any organisation"),
        widget=ListingSelect,
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        method="filter_country",
        empty_label=_("Any country"),
        widget=ListingSelect,
    )
    region = django_filters.ChoiceFilter(
        label=_("Applicants living in"),
        method="filter_region",
        empty_label=_("Any region"),
        widget=ListingSelect,
    )
    workplace = django_filters.ChoiceFilter(
        label=_("Workplace"),
        field_name="workplace_type",
        empty_label=_("Any workplace"),
        widget=ListingSelect,
    )
    type = django_filters.ChoiceFilter(
        label=_("Type of employment"),
        method="filter_type",
        empty_label=_("Any type"),
        widget=ListingSelect,
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        method="filter_language",
        empty_label=_("Any language"),
        widget=ListingSelect,
    )
    status = django_filters.ChoiceFilter(
        label=_("Show"),
        choices=Status.choices,
        method="filter_nothing",
        empty_label=None,
        widget=ListingSelect,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=Sort.CHOICES,
        method="filter_nothing",
        empty_label=None,
        widget=ListingSelect,
    )

    class Meta:
        model = ListingEntry
        fields = []

    def __init__(self, data=None, queryset=None, *, options, query, **kwargs):
        self.options = options
        self.query = query
        super().__init__(data, queryset, **kwargs)
        self.filters["organisation"].extra["choices"] = options.organisation_choices
        self.filters["country"].extra["choices"] = options.country_choices
        self.filters["region"].extra["choices"] = options.region_choices
        self.filters["workplace"].extra["choices"] = options.workplace_choices
        self.filters["type"].extra["choices"] = options.employment_choices
        self.filters["language"].extra["choices"] = options.language_choices

    @property
    def chosen_status(self):
        return self._cleaned("status") or Status.OPEN

    @property
    def chosen_sort(self):
        return self._cleaned("sort") or Sort.CLOSING

    def _cleaned(self, name):
        self.errors  # noqa: B018 - validates the form
        return self.form.cleaned_data.get(name)

    @property
    def active(self):
        """The filters a visitor chose, as (filter name, value) pairs, without status and sort."""
        self.errors  # noqa: B018
        return [
            (name, value)
            for name, value in self.form.cleaned_data.items()
            if value and name not in ("status", "sort")
        ]

    def filter_nothing(self, queryset, name, value):
        return queryset

    #: True when a keyword search found more matches than ``CAREERS_SEARCH_LIMIT``.
    search_truncated = False

    def filter_keywords(self, queryset, name, value):
        closed = self.chosen_status == Status.CLOSED
        ids, self.search_truncated = self.query.search(value, closed=closed)
        syndicated = syndicated_keyword_q(value)
        if syndicated is None:
            return queryset.filter(page_id__in=ids)
        return queryset.filter(Q(page_id__in=ids) | syndicated)

    def filter_organisation(self, queryset, name, value):
        key = self.options.organisation_keys.get(value)
        return queryset.filter(organisation_filter([key]))

    def filter_country(self, queryset, name, value):
        return queryset.filter(facet_filter(Facet.COUNTRY, [value]))

    def filter_region(self, queryset, name, value):
        values = [value] if value == Region.WORLDWIDE else [value, Region.WORLDWIDE]
        return queryset.filter(facet_filter(Facet.REGION, values))

    def filter_type(self, queryset, name, value):
        return queryset.filter(facet_filter(Facet.EMPLOYMENT, [value]))

    def filter_language(self, queryset, name, value):
        return queryset.filter(facet_filter(Facet.LANGUAGE, [value]))
