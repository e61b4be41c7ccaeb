"""The listing index: one narrow row per posting per language a listing may show it in.

Kept up to date by :mod:`careers.posting_index` whenever a posting is published, unpublished,
moved, deleted, translated or changes privacy, as Wagtail keeps its search index; rebuilt (and
checked for drift) by ``manage.py careers_index``. :class:`careers.visibility.PostingQuery`
answers every "which postings" question from it, and fetches only the page of postings shown.
"""

import datetime
import hashlib
import json

from django.db import models
from django.utils.translation import gettext_lazy as _


class Facet(models.TextChoices):
    """What a listing can be filtered on, besides status and keywords."""

    ORGANISATION = "organisation", _("organisation")
    COUNTRY = "country", _("country")
    REGION = "region", _("region")
    WORKPLACE = "workplace", _("workplace")
    EMPLOYMENT = "employment", _("type of employment")
    LANGUAGE = "language", _("language")


def facets_key(facets):
    """A 64-bit digest of a row's facet values (``[facet, value]`` pairs, in any order): rows
    with the same values have the same key."""
    text = json.dumps(sorted(list(pair) for pair in facets or ()), separators=(",", ":"))
    digest = hashlib.blake2b(text.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class DerivedField:
    """A column worked out from the row's other columns whenever the row is written, by
    ``save()`` and ``bulk_create()`` alike (as ``auto_now`` is), so that no writer of the index
    can forget it: ``derive(row)`` gives its value."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("editable", False)
        kwargs.setdefault("default", self.initial)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = self.derive(model_instance)
        setattr(model_instance, self.attname, value)
        return value


class FacetsKeyField(DerivedField, models.BigIntegerField):
    """:func:`facets_key` of the row's ``facets``."""

    initial = 0

    def derive(self, row):
        return facets_key(row.facets)


#: ``open_until`` of a posting open until filled: later than any closing time.
NEVER = datetime.datetime(9999, 12, 31, tzinfo=datetime.UTC)


class OpenUntilField(DerivedField, models.DateTimeField):
    """The row's ``closes_at``, or :data:`NEVER` for a posting with no closing time."""

    initial = NEVER

    def derive(self, row):
        return row.closes_at or NEVER


class ListingEntry(models.Model):
    """A posting as the listings of one locale show it.

    ``page`` is the version to show there: the posting's translation in that locale when it is
    live, else its first version (``is_fallback``), decided here once rather than per request.
    It is a ``Page``, of any posting type (``JobPostingPage``, its subclasses, and the types a
    site made from ``AbstractJobPostingPage``); a filter on a posting type's own field goes
    through that type's relation, such as ``page__departmentpostingpage__department``.
    Rows that are not pages of this site (postings syndicated from elsewhere) leave ``page``
    empty and say where they come from in ``origin`` and ``origin_id``.
    """

    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    #: The posting, the same in every language: its pages' ``translation_key``.
    posting_key = models.UUIDField()
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    is_fallback = models.BooleanField(default=False)
    #: "" for this site's pages; else where the posting comes from.
    origin = models.CharField(max_length=255, blank=True, default="")
    origin_id = models.CharField(max_length=255, blank=True, default="")
    #: The stored copy a syndicated row shows (None for this site's pages); see
    #: :mod:`careers.syndication.index` for how its ``path`` and ``depth`` are chosen.
    syndicated_posting = models.ForeignKey(
        "careers.SyndicatedPosting",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # Where the shown page is in the page tree, for a listing's scope (its children or its site).
    path = models.CharField(max_length=255, blank=True, default="")
    depth = models.PositiveIntegerField(default=0)
    #: The ``translation_key`` of the page the row is below (the parent of the shown page; the
    #: listing page a syndicated row is placed under): a listing of its children finds its rows
    #: in every language by this one value, rather than by each of its versions' paths.
    parent_key = models.UUIDField(null=True, blank=True)
    is_public = models.BooleanField(default=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    #: ``closes_at``, or the far future when there is none: "open" and "closing soonest first"
    #: are then a range and an order of one index, without an ``OR closes_at IS NULL`` that
    #: makes the database read every open row to find the first ten.
    open_until = OpenUntilField()
    is_filled = models.BooleanField(default=False)
    date_posted = models.DateField(null=True, blank=True)
    first_published_at = models.DateTimeField(null=True, blank=True)
    workplace_type = models.CharField(max_length=20, blank=True, default="")
    #: Every facet value, as sorted ``[facet, value]`` pairs: a listing's filter options are
    #: one ``GROUP BY`` on this column (postings share a few hundred combinations), while
    #: filtering uses the :class:`ListingFacet` rows, which any database can index.
    facets = models.JSONField(default=list, blank=True)
    #: :func:`facets_key` of ``facets``: the filter options group the rows on this integer
    #: (cheap to sort or hash), then read the values of one row of each group, instead of
    #: sorting every row on its JSON.
    facets_key = FacetsKeyField()
    #: What a posting card shows besides the page's title and address (which are read from the
    #: page with the row) and the columns above: the shown version's introduction, time
    #: commitment, closing time zone, types of employment, eligible regions and countries, its
    #: employers' names and its locations (:data:`careers.posting_index.CARD_TEXT`). A listing
    #: builds its cards from this, without reading the posting tables
    #: (:func:`careers.specific.from_index`); empty for a row written before it existed, whose
    #: card is read from its page.
    card = models.JSONField(default=dict, blank=True)
    #: What the JSON Feed says of the shown version under ``_careers`` that depends on the
    #: posting alone (:func:`careers.facts.stored_facts`): a feed is made from its rows without
    #: reading the posting tables. None for a row written before it existed (its facts are
    #: read from its page until the index is rebuilt) and for other sites' postings.
    facts = models.JSONField(null=True, blank=True, default=None)
    #: What the posting page of the shown version shows from beyond its own row (its
    #: organisations and locations, its rendered body): see :mod:`careers.page_parts`. Only on
    #: a posting's own rows (not ``is_fallback``); None on the others, on rows written before
    #: it existed and on other sites' postings, whose pages are rendered as before.
    page_parts = models.JSONField(null=True, blank=True, default=None)

    class Meta:
        verbose_name = _("listing entry")
        verbose_name_plural = _("listing entries")
        constraints = [
            models.UniqueConstraint(
                fields=["posting_key", "locale", "origin", "path"], name="careers_entry_unique"
            ),
        ]
        indexes = [
            # A listing's open postings in one language, closing soonest first. On PostgreSQL,
            # migration 0011 makes a covering index (careers_entry_covering_idx) holding
            # everything the filter options read, so they can be index-only scans.
            models.Index(
                fields=["locale", "is_public", "open_until", "page_id", "id"],
                name="careers_entry_open_idx",
            ),
            models.Index(
                fields=["locale", "is_public", "-date_posted"], name="careers_entry_newest_idx"
            ),
            # A listing's children in one language (by parent_key), closing soonest first. On
            # PostgreSQL, migration 0015 makes it covering, as careers_entry_covering_idx.
            models.Index(
                fields=["parent_key", "locale", "is_public", "open_until"],
                name="careers_entry_parent_idx",
            ),
        ]

    def __str__(self):
        return f"{self.posting_key} ({self.locale_id})"


class ListingFacet(models.Model):
    """One facet value of a :class:`ListingEntry`, such as ``country = MX``.

    A narrow side table rather than an array column: filtering is a semi-join on the
    ``(facet, value, entry)`` index on SQLite as on PostgreSQL (where an ``ArrayField`` with a
    GIN index would do, but only there).
    """

    entry = models.ForeignKey(ListingEntry, on_delete=models.CASCADE, related_name="facet_rows")
    facet = models.CharField(max_length=16, choices=Facet.choices)
    value = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("listing facet")
        verbose_name_plural = _("listing facets")
        indexes = [
            models.Index(fields=["facet", "value", "entry"], name="careers_facet_value_idx"),
            models.Index(fields=["entry", "facet", "value"], name="careers_facet_entry_idx"),
        ]

    def __str__(self):
        return f"{self.facet}={self.value}"
