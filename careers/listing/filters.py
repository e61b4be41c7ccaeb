"""The listing's filters, as plain GET parameters so every filtered view has a shareable URL.

Choices are set per request from the postings that are visible, so only options with postings are
offered; a value that is not offered is ignored (and reported), never an error.
"""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters.conf import settings as filter_settings

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
from .lazy import MadeWhenRead
from .widgets import ListingSelect


class OptionChoices:
    """A menu's choices, read from the listing's options when first asked for. The form's
    fields are deep-copied when it is made, and their choices with them: this is not copied,
    which would copy the options whole (every combination of facet values) once read."""

    def __init__(self, options, attribute):
        self.options = options
        self.attribute = attribute

    def __call__(self):
        return getattr(self.options, self.attribute)

    def __deepcopy__(self, memo):
        return self


def _text(filter_, value):
    """``(accepted, cleaned value)`` of ``value`` for a ``CharFilter``, as ``forms.CharField``
    cleans it."""
    if value is None:
        return True, ""
    value = str(value)
    if filter_.extra.get("strip", True):
        value = value.strip()
    if not value:
        return True, ""
    max_length = filter_.extra.get("max_length")
    if (max_length is not None and len(value) > max_length) or "\x00" in value:
        return False, None
    return True, value


def _choice(filter_, value):
    """``(accepted, cleaned value)`` of ``value`` for a ``ChoiceFilter``, as its form field
    cleans it: empty, or one of its choices."""
    if value is None or value == "":
        return True, ""
    value = str(value)
    choices = filter_.extra.get("choices", ())
    for key, label in choices() if callable(choices) else choices:
        if isinstance(label, list | tuple):
            if any(value == str(inner) for inner, _label in label):
                return True, value
        elif value == str(key):
            return True, value
    return False, None


def _how_it_filters(filter_):
    """What decides which rows a filter keeps: its class, field, lookup and method, whether it
    excludes, and its form field's settings but the choices (the listing sets them per
    request)."""
    return (
        type(filter_),
        filter_.field_name,
        filter_.lookup_expr,
        filter_.method,
        filter_.exclude,
        filter_.distinct,
        {key: value for key, value in filter_.extra.items() if key != "choices"},
    )


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

    #: The stock filters whose choices are the listing's options: filter name -> attribute of
    #: :class:`~careers.listing.options.ListingOptions`.
    OPTION_CHOICES = {
        "organisation": "organisation_choices",
        "country": "country_choices",
        "region": "region_choices",
        "workplace": "workplace_choices",
        "type": "employment_choices",
        "language": "language_choices",
    }

    def __init__(self, data=None, queryset=None, *, options, query, **kwargs):
        """``queryset``: the rows to filter, or a function returning them, called when they are
        first filtered (a listing served from the cache only checks the values it was given).
        ``options``: the listing's :class:`~careers.listing.options.ListingOptions`, or an
        object that reads them when first asked (``SimpleLazyObject``): the choices are read
        only when the form needs them (to check a value given, or to be shown)."""
        self.options = options
        self.query = query
        rows = queryset
        super().__init__(data, ListingEntry.objects.none() if callable(rows) else rows, **kwargs)
        self.queryset = rows
        for name, attribute in self.OPTION_CHOICES.items():
            self.filters[name].extra["choices"] = OptionChoices(options, attribute)

    #: The rows this filter set filters, or a function making them when first read.
    queryset = MadeWhenRead()

    @cached_property
    def chose_nothing(self):
        """Whether the request gave none of this filter set's parameters, and its filters are
        the stock ones, each of which then keeps its default and leaves the rows as they are:
        the form is then neither made nor checked for the status, the order or the rows (a feed
        without filters reads ``qs`` without it; the listing page still makes it, to show it).

        A filter set with filters of its own, or with its own ``filter_queryset``, is not
        shortcut: a filter's field may clean a missing parameter to a value that filters (a
        ``BooleanFilter`` with a checkbox gives False), and only the form can tell.
        """
        if any(name in self.data for name in self.filters):
            return False
        if type(self).filter_queryset is not PostingFilterSet.filter_queryset:
            return False
        return all(self.is_stock(name) for name in self.filters)

    def is_stock(self, name):
        """Whether this filter set's filter ``name`` is the stock one, filtering as it does: not
        a site's own filter, nor one a subclass redefined (with another field, lookup or
        settings) or whose method it overrode. Only stock filters are shortcut
        (:attr:`chose_nothing`, :meth:`facet_pairs`): any other is left to its own code."""
        stock = PostingFilterSet.base_filters.get(name)
        mine = self.filters.get(name)
        if stock is None or mine is None or _how_it_filters(mine) != _how_it_filters(stock):
            return False
        return not stock.method or getattr(type(self), stock.method) is getattr(
            PostingFilterSet, stock.method
        )

    @property
    def qs(self):
        if self.chose_nothing and not hasattr(self, "_qs"):
            self._qs = self.queryset.all()
        return super().qs

    @property
    def chosen_status(self):
        return self._cleaned("status") or Status.OPEN

    @property
    def chosen_sort(self):
        return self._cleaned("sort") or Sort.CLOSING

    def _cleaned(self, name):
        if self.chose_nothing:
            return None
        return self.checked[0].get(name)

    @property
    def active(self):
        """The filters a visitor chose, as (filter name, value) pairs, without status and sort."""
        if self.chose_nothing:
            return []
        return [
            (name, value)
            for name, value in self.checked[0].items()
            if value and name not in ("status", "sort")
        ]

    @cached_property
    def checked(self):
        """``(cleaned, refused)``: the cleaned value of each filter whose value the form
        accepts, by name, in the form's order; and the names of those whose values it refuses
        (which the listing ignores, and says so).

        While every filter is a stock one on django-filter's own form, they are worked out here
        as the form's fields clean them, without making the form (django-filter makes a form
        class and copies every field on each request; a listing served from the cache needs
        only the values): keywords stripped, at most ``max_length`` characters and no NUL
        character; a menu's value one of its choices, or empty. ``tests/listing/
        test_filters.py`` compares the two on what visitors and robots send."""
        if not self._checks_like_its_form():
            self.errors  # noqa: B018 - validates the form
            return self.form.cleaned_data, set(self.form.errors)
        cleaned, refused = {}, set()
        for name, filter_ in self.filters.items():
            check = _choice if isinstance(filter_, django_filters.ChoiceFilter) else _text
            accepted, value = check(filter_, self.data.get(name))
            if accepted:
                cleaned[name] = value
            else:
                refused.add(name)
        return cleaned, refused

    def _checks_like_its_form(self):
        """Whether :attr:`checked` may check the values itself: stock filters only, on
        django-filter's form class (no prefix, no form of the site's own), with no "null"
        choice added to the menus (``FILTERS_NULL_CHOICE_LABEL``)."""
        return (
            self.form_prefix is None
            and self._meta.form is forms.Form
            and type(self).get_form_class is PostingFilterSet.get_form_class
            and type(self).form is PostingFilterSet.form
            and filter_settings.NULL_CHOICE_LABEL is None
            and all(self.is_stock(name) for name in self.filters)
        )

    def filter_nothing(self, queryset, name, value):
        return queryset

    @cached_property
    def _facets(self):
        """``(requirements, matched)``: the ``(facet, value)`` pairs each chosen stock facet
        filter needs (by filter name), and the options' ``(facets_key values, count)`` of the
        rows that meet them all (None when no such filter is chosen or the groups are not
        known)."""
        requirements = {}
        for name, value in self.checked[0].items():
            pairs = self.facet_pairs(name, value) if value else None
            if pairs is not None:
                requirements[name] = pairs
        matched = self.options.matching(list(requirements.values())) if requirements else None
        return requirements, matched

    @property
    def facet_count(self):
        """How many postings the chosen facet filters leave, from the options' groups (so the
        listing need not count them), when they are the only filters chosen and this class
        filters as :meth:`filter_queryset` does; else None."""
        if type(self).filter_queryset is not PostingFilterSet.filter_queryset:
            return None
        requirements, matched = self._facets
        if matched is None:
            return None
        if any(name not in requirements for name, _value in self.active):
            return None
        return matched[1]

    def filter_queryset(self, queryset):
        """The chosen filters; those on facet values as one condition on the rows'
        ``facets_key`` (the combinations of values the options found that match them all),
        rather than a semi-join on the facet table per filter, which reads a row per matching
        posting (tens of milliseconds for 10,000 postings)."""
        requirements, matched = self._facets
        if matched is not None:
            queryset = queryset.filter(facets_key__in=matched[0])
        for name, value in self.checked[0].items():
            if matched is not None and name in requirements:
                continue
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    #: The stock filters on facet values, and the facet each reads.
    FACETS = {
        "organisation": Facet.ORGANISATION,
        "country": Facet.COUNTRY,
        "region": Facet.REGION,
        "workplace": Facet.WORKPLACE,
        "type": Facet.EMPLOYMENT,
        "language": Facet.LANGUAGE,
    }

    def facet_pairs(self, name, value):
        """The ``(facet, value)`` pairs of which a row needs one to pass the filter ``name`` set
        to ``value``; None for a filter that is not a stock facet filter (a site's own, or one
        a subclass redefined or whose method it overrode)."""
        facet = self.FACETS.get(name)
        if facet is None or not self.is_stock(name):
            return None
        facet = facet.value
        if name == "organisation":
            key = self.options.organisation_keys.get(value)
            return {(facet, pk) for pk in self.options.organisation_values(key)}
        if name == "region" and value != Region.WORLDWIDE:
            return {(facet, value), (facet, Region.WORLDWIDE)}
        return {(facet, value)}

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
