"""The filter choices a listing offers: the facet values its postings have, read from the
listing index and cached until they may change."""

from django.db.models import Count, Min, Q
from django.utils import timezone
from django_countries import countries

from .. import cache
from ..choices import EmploymentType, Region, WorkplaceType
from ..collation import collation_key
from ..languages import language_name
from ..models import Facet, Organisation
from ..status import closing_soon_delta


class ListingOptions:
    """The filter choices that have postings behind them.

    Working them out reads the listing index rows of ``queryset`` (two queries), so the
    result is cached (:mod:`careers.cache`) until ``valid_until(soonest closing)``, by default
    until the next moment a posting among them closes or starts "closing soon" (what its card
    shows changes then); the choices' labels are made for the active language on each request.
    """

    def __init__(self, queryset, locale_id, cache_key, valid_until=None):
        def build():
            facts, soonest, next_change = self._facts(queryset, locale_id)
            facts["valid_until"] = valid_until(soonest) if valid_until else next_change
            return facts, facts["valid_until"]

        facts = cache.cached(cache_key, build)
        #: When these postings' options (and counts) may change as time passes, or None.
        self.valid_until = facts["valid_until"]
        #: How many postings there are before the visitor's filters (None: not known).
        self.count = facts.get("count")
        self.workplace_choices = [c for c in WorkplaceType.choices if c[0] in facts["workplace"]]
        self.employment_choices = [c for c in EmploymentType.choices if c[0] in facts["employment"]]
        self.region_choices = [c for c in Region.choices if c[0] in facts["regions"]]
        self.country_choices = sorted(
            ((code, countries.name(code)) for code in facts["countries"] if code),
            key=lambda choice: collation_key(choice[1]),
        )
        self.language_choices = sorted(
            ((code, language_name(code)) for code in facts["languages"]),
            key=lambda choice: collation_key(choice[1]),
        )
        ordered = sorted(
            facts["organisations"], key=lambda organisation: collation_key(organisation[2])
        )
        self.organisation_choices = [(str(pk), name) for pk, _key, name in ordered]
        self.organisation_keys = {str(pk): key for pk, key, _name in ordered}

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
        rows = (
            queryset.order_by()
            .values_list("facets")
            .annotate(
                soonest=Min("closes_at"),
                next_closing=Min("closes_at", filter=Q(closes_at__gt=now)),
                next_soon=Min("closes_at", filter=Q(closes_at__gt=now + soon)),
                count=Count("pk"),
            )
        )
        values = {facet: set() for facet in Facet.values}
        soonest, changes, count = None, set(), 0
        for row_facets, row_soonest, next_closing, next_soon, row_count in rows:
            count += row_count
            for facet, value in row_facets or []:
                values.setdefault(facet, set()).add(value)
            if row_soonest is not None:
                soonest = row_soonest if soonest is None else min(soonest, row_soonest)
            if next_closing is not None:
                changes.add(next_closing)
            if next_soon is not None:
                changes.add(next_soon - soon)
        organisations = {}
        linked = [int(pk) for pk in values[Facet.ORGANISATION]]
        for organisation in Organisation.objects.filter(pk__in=linked).order_by("pk"):
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
        }
        return facts, soonest, min(changes, default=None)
