"""The filter choices a listing offers: the facet values its postings have, read from the
listing index and cached until they may change."""

from django.db import connections
from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.functional import cached_property

from .. import cache
from ..choices import EmploymentType, Region, WorkplaceType, country_name
from ..collation import collation_key
from ..languages import language_name
from ..models import Facet, ListingEntry, Organisation
from ..status import closing_soon_delta


class ListingOptions:
    """The filter choices that have postings behind them.

    Working them out reads the listing index rows of ``queryset`` (two queries), so the
    result is cached (:mod:`careers.cache`) until ``valid_until(soonest closing)``, by default
    until the next moment a posting among them closes or starts "closing soon" (what its card
    shows changes then); the choices' labels are made for the active language on each request.
    """

    def __init__(self, queryset, locale_id, cache_key, valid_until=None, request=None):
        """``queryset``: the rows, or a function returning them, called only when the options
        are worked out (not when they come from the cache); ``request``: see
        :func:`careers.cache.cached`."""

        def build():
            rows = queryset() if callable(queryset) else queryset
            facts, soonest, next_change = self._facts(rows, locale_id)
            facts["valid_until"] = valid_until(soonest) if valid_until else next_change
            return facts, facts["valid_until"]

        facts = cache.cached(cache_key, build, request)
        self._read_facts = facts
        #: When these postings' options (and counts) may change as time passes, or None.
        self.valid_until = facts["valid_until"]
        #: How many postings there are before the visitor's filters (None: not known).
        self.count = facts.get("count")
        #: ``(facets_key, facet values, count)`` of each combination of facet values; None in
        #: an entry cached by an older version.
        self.groups = facts.get("groups")
        self._organisation_translation_keys = facts.get("organisation_keys", {})

    # Each menu's choices, labelled in the active language, made when first read: a listing
    # served from the cache reads only those of the filters it was given values for.

    @cached_property
    def workplace_choices(self):
        return [c for c in WorkplaceType.choices if c[0] in self._read_facts["workplace"]]

    @cached_property
    def employment_choices(self):
        return [c for c in EmploymentType.choices if c[0] in self._read_facts["employment"]]

    @cached_property
    def region_choices(self):
        return [c for c in Region.choices if c[0] in self._read_facts["regions"]]

    @cached_property
    def country_choices(self):
        return sorted(
            ((code, country_name(code)) for code in self._read_facts["countries"] if code),
            key=lambda choice: collation_key(choice[1]),
        )

    @cached_property
    def language_choices(self):
        return sorted(
            ((code, language_name(code)) for code in self._read_facts["languages"]),
            key=lambda choice: collation_key(choice[1]),
        )

    @cached_property
    def _organisations(self):
        return sorted(self._read_facts["organisations"], key=lambda found: collation_key(found[2]))

    @cached_property
    def organisation_choices(self):
        return [(str(pk), name) for pk, _key, name in self._organisations]

    @cached_property
    def organisation_keys(self):
        return {str(pk): key for pk, key, _name in self._organisations}

    def organisation_values(self, translation_key):
        """The facet values (organisation ids) of every version of the organisation
        ``translation_key``, as the index rows name them."""
        key = str(translation_key)
        return {pk for pk, other in self._organisation_translation_keys.items() if other == key}

    def matching(self, requirements):
        """The ``facets_key`` values, and the number of postings, of the rows that have, for each
        of ``requirements`` (sets of ``(facet, value)`` pairs), at least one of its pairs; None
        when the groups are not known. Filtering on these keys gives the same rows as the facet
        table would, without reading a row per posting."""
        if self.groups is None:
            return None
        keys, count = [], 0
        for key, facets, group_count in self.groups:
            pairs = set(facets)
            if all(pairs & required for required in requirements):
                keys.append(key)
                count += group_count
        return keys, count

    @staticmethod
    def _facts(queryset, locale_id):
        """What the choices are made from, as plain data; the soonest closing time among
        ``queryset`` (rows of the listing index); and the next moment one of them closes or
        starts closing soon. Two queries whatever the number of postings: the facet values,
        closing times and counts, and the names of the organisations."""
        now, soon = timezone.now(), closing_soon_delta()
        # One row per combination of facet values rather than per posting: a network's
        # postings share a few hundred combinations, so this reads the narrow index rows once
        # and returns far fewer rows than there are postings.
        rows = _facet_groups(
            queryset.order_by()
            .values("facets_key")
            .annotate(
                sample=Min("pk"),
                soonest=Min("closes_at"),
                next_closing=Min("closes_at", filter=Q(closes_at__gt=now)),
                next_soon=Min("closes_at", filter=Q(closes_at__gt=now + soon)),
                count=Count("pk"),
            )
        )
        values = {facet: set() for facet in Facet.values}
        soonest, changes, count, groups = None, set(), 0, []
        for key, row_facets, row_soonest, next_closing, next_soon, row_count in rows:
            count += row_count
            groups.append((key, [tuple(pair) for pair in row_facets or []], row_count))
            for facet, value in row_facets or []:
                values.setdefault(facet, set()).add(value)
            if row_soonest is not None:
                soonest = row_soonest if soonest is None else min(soonest, row_soonest)
            if next_closing is not None:
                changes.add(next_closing)
            if next_soon is not None:
                changes.add(next_soon - soon)
        organisations, organisation_keys = {}, {}
        linked = [int(pk) for pk in values[Facet.ORGANISATION]]
        for organisation in Organisation.objects.filter(pk__in=linked).order_by("pk"):
            organisation_keys[str(organisation.pk)] = str(organisation.translation_key)
            current = organisations.get(organisation.translation_key)
            if current is None or organisation.locale_id == locale_id:
                organisations[organisation.translation_key] = organisation
        facts = {
            "workplace": values[Facet.WORKPLACE],
            "employment": values[Facet.EMPLOYMENT],
            "regions": values[Facet.REGION],
            "countries": values[Facet.COUNTRY],
            "languages": values[Facet.LANGUAGE],
            "organisations": [
                (org.pk, org.translation_key, str(org.display_name))
                for org in organisations.values()
            ],
            # Each row is one combination of facet values: together, every posting once.
            "count": count,
            "groups": groups,
            "organisation_keys": organisation_keys,
        }
        return facts, soonest, min(changes, default=None)


def _facet_groups(grouped):
    """``grouped`` (index rows grouped on ``facets_key``, with a ``sample`` row of each group
    and the aggregates ``soonest``, ``next_closing``, ``next_soon`` and ``count``) as
    ``(facets_key, facets, soonest, next_closing, next_soon, count)`` tuples, in one query:
    each group's values are read from its sample row.

    Grouping on the JSON itself made the database sort every row on it (most of the time of
    a listing of 10,000 postings); the integer key is cheap to group on, and the JSON is read
    once a group.
    """
    names = ("soonest", "next_closing", "next_soon", "count")
    inner, params = grouped.values_list("facets_key", "sample", *names).query.sql_with_params()
    connection = connections[grouped.db]
    quote = connection.ops.quote_name
    table = quote(ListingEntry._meta.db_table)
    # A subquery per group rather than a join, which the planner may answer by reading the
    # whole table to hash it: each group's sample is one primary key lookup.
    # Only quoted names of this app's own table and columns are added to Django's own SQL; the
    # values stay parameters.
    facets_of_sample = f"SELECT entry.{quote('facets')} FROM {table} entry"  # noqa: S608  # nosec B608
    sample = f"({facets_of_sample} WHERE entry.{quote('id')} = groups.{quote('sample')})"
    columns = ", ".join(
        [f"groups.{quote('facets_key')}", sample] + [f"groups.{quote(name)}" for name in names]
    )
    sql = f"SELECT {columns} FROM ({inner}) groups"  # noqa: S608  # nosec B608
    facets = ListingEntry._meta.get_field("facets")
    closes_at = ListingEntry._meta.get_field("closes_at")
    moment = closes_at.get_col(ListingEntry._meta.db_table)
    converters = connection.ops.get_db_converters(moment)

    def as_moment(value):
        for converter in converters:
            value = converter(value, moment, connection)
        return value

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for key, row_facets, soonest, next_closing, next_soon, count in cursor.fetchall():
            yield (
                key,
                facets.from_db_value(row_facets, None, connection),
                as_moment(soonest),
                as_moment(next_closing),
                as_moment(next_soon),
                count,
            )
