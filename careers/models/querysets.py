"""Which posting pages: the pure filters, as a QuerySet of the posting models' manager.

Each filter is also a ``Q`` builder here, because the listing index's rows
(:class:`careers.models.ListingEntry`) carry the same ``closes_at`` column as the pages they
show: :class:`careers.visibility.PostingQuery` filters rows with the very conditions that
``JobPostingPage.objects.open()`` applies to pages, so "open" has one definition.
"""

import datetime

from django.db.models import JSONField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, JSONObject
from django.utils import timezone
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from ..conf import get_setting


def open_q(now):
    """Open at ``now``: closing later, or open until filled (no closing time)."""
    return Q(closes_at__gt=now) | Q(closes_at__isnull=True)


def closed_q(now):
    """Closed at ``now``: its closing time (or when it was closed by hand) has passed."""
    return Q(closes_at__lte=now)


def recently_closed_since(now):
    """The start of the "recently closed" window at ``now``."""
    return now - datetime.timedelta(days=get_setting("CAREERS_RECENTLY_CLOSED_DAYS"))


def recently_closed_q(now):
    """Closed at ``now``, within the last ``CAREERS_RECENTLY_CLOSED_DAYS``."""
    return closed_q(now) & Q(closes_at__gt=recently_closed_since(now))


class PostingQuerySet(PageQuerySet):
    """Wagtail's page QuerySet (``live()``, ``public()``, ``specific()``, ...) with the
    statuses of postings. ``now`` defaults to the current time."""

    def open(self, now=None):
        return self.filter(open_q(now or timezone.now()))

    def closed(self, now=None):
        return self.filter(closed_q(now or timezone.now()))

    def recently_closed(self, now=None):
        return self.filter(recently_closed_q(now or timezone.now()))

    def for_serving(self):
        """The postings as their page reads them when served, in one query: with their
        locale, their equal-opportunity statement (``careers_statement``: the id and text of
        their own, else of their language's default, or None) and their stored page parts
        (``careers_page_parts``, see :mod:`careers.page_parts`, or None). A posting's route
        reads it in a statement written out (:mod:`careers.models.serving`)."""
        from .listing_index import ListingEntry  # cycle: the models' package imports this
        from .snippets import EqualOpportunityStatement

        default = (
            EqualOpportunityStatement.objects.filter(
                is_default=True, locale_id=OuterRef(OuterRef("locale_id"))
            )
            .order_by("pk")
            .values("pk")[:1]
        )
        statement = EqualOpportunityStatement.objects.filter(
            pk=Coalesce(OuterRef("equal_opportunity_statement_id"), Subquery(default))
        ).values(json=JSONObject(id="id", text="text"))[:1]
        parts = ListingEntry.objects.filter(
            page_id=OuterRef("pk"), is_fallback=False, origin=""
        ).values("page_parts")[:1]
        return self.select_related("locale").annotate(
            careers_statement=Subquery(statement, output_field=JSONField()),
            careers_page_parts=Subquery(parts, output_field=JSONField()),
        )


PostingManager = PageManager.from_queryset(PostingQuerySet)
