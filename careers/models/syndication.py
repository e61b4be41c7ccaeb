"""Other sites' postings: the feeds this site takes them from, and the copies it keeps.

A :class:`SyndicationSource` is an allied site's feed, chosen by an editor; each fetch
(:mod:`careers.syndication.sync`) stores what it offers as :class:`SyndicatedPosting` rows, one
per posting and language, and makes them rows of the listing index
(:mod:`careers.syndication.index`), so listings show them beside this site's own postings.
"""

import datetime
from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel

from ..choices import (
    EMPLOYMENT_LABELS,
    REGION_LABELS,
    WORKPLACE_LABELS,
    WorkplaceType,
    country_name,
)
from ..fields import HttpURLField
from ..status import PostingStatus, in_zone, status_at


def listing_pages():
    """Which pages a source can feed: careers listing pages of any type (``limit_choices_to``
    is called when a form is made, once the page models are known)."""
    from . import listing_models  # cycle: careers.models imports this module

    models_ = listing_models()
    return Q(content_type__in=[ContentType.objects.get_for_model(model) for model in models_])


class FetchOutcome(models.TextChoices):
    OK = "ok", _("Fetched")
    NOT_MODIFIED = "not_modified", _("Not modified since the last fetch")
    FAILED = "failed", _("Failed")


class SyndicationSource(ClusterableModel):
    """An allied site's feed whose postings this site's listings show.

    Not translatable: one source serves every language of the site; ``languages`` says which
    language versions to take. The fields after ``enabled`` are the fetches' bookkeeping,
    written by :func:`careers.syndication.sync.sync_source` and read-only in the admin.
    """

    name = models.CharField(
        _("name"),
        max_length=255,
        help_text=_("A name for editors, such as the allied organisation's."),
    )
    feed_url = HttpURLField(
        _("feed address"),
        max_length=2000,
        help_text=_(
            "The address of the allied site's JSON feed, such as "
            "https://allies.example.org/careers/feed/json/"
        ),
    )
    organisations = models.TextField(
        _("organisations"),
        blank=True,
        help_text=_(
            "Only postings by these organisations: names, short names or the feed's "
            "organisation ids, one per line (capital letters do not matter). Leave empty for "
            "every posting in the feed."
        ),
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_("Only these language versions. Leave empty for every language of this site."),
    )
    listings = ParentalManyToManyField(
        "wagtailcore.Page",
        verbose_name=_("shown on"),
        blank=True,
        limit_choices_to=listing_pages,
        related_name="+",
        help_text=_(
            "The careers listing pages that show these postings (in every language), and the "
            "“open positions” blocks that list a page's postings."
        ),
    )
    enabled = models.BooleanField(
        _("enabled"),
        default=True,
        help_text=_("Untick to stop fetching; postings already fetched are removed."),
    )

    last_fetched_at = models.DateTimeField(_("last fetched"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last successful fetch"), null=True, blank=True)
    last_outcome = models.CharField(
        _("last result"), max_length=20, choices=FetchOutcome.choices, blank=True
    )
    last_messages = models.TextField(_("messages"), blank=True)
    failures = models.PositiveIntegerField(_("failures in a row"), default=0)
    next_fetch_at = models.DateTimeField(_("next fetch"), null=True, blank=True)
    etag = models.CharField(max_length=255, blank=True)
    last_modified = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("syndication source")
        verbose_name_plural = _("syndication sources")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    @property
    def host(self):
        return urlsplit(self.feed_url).hostname or ""

    @property
    def organisation_filters(self):
        """The organisations to take, case-folded, one per non-empty line."""
        return [line.strip().casefold() for line in self.organisations.splitlines() if line.strip()]

    def is_due(self, now=None):
        now = now or timezone.now()
        return self.enabled and (self.next_fetch_at is None or self.next_fetch_at <= now)


class SyndicatedPosting(models.Model):
    """One language version of another site's posting, as its last good fetch gave it.

    ``data`` holds the whole :class:`careers.syndication.items.PostingItem` (see
    :func:`careers.syndication.sync.item_data`); the properties below read it with the names a
    posting card and a feed item read on a page, so templates and feeds take either.
    """

    #: Templates and feeds tell these from pages by this.
    is_syndicated = True

    source = models.ForeignKey(SyndicationSource, on_delete=models.CASCADE, related_name="postings")
    origin_id = models.CharField(max_length=255)
    #: The posting's identity across sources: the origin's posting id when it is a UUID, else a
    #: UUID made from its address.
    posting_key = models.UUIDField()
    language = models.CharField(max_length=35)
    url = models.URLField(max_length=2000)
    title = models.CharField(max_length=500)
    closes_at = models.DateTimeField(null=True, blank=True)
    data = models.JSONField(default=dict)
    fetched_at = models.DateTimeField()

    class Meta:
        verbose_name = _("syndicated posting")
        verbose_name_plural = _("syndicated postings")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "origin_id", "language"], name="careers_syndicated_unique"
            ),
        ]

    def __str__(self):
        return self.title

    # What a card and a feed item read.

    @property
    def origin(self):
        return urlsplit(self.url).hostname or ""

    @property
    def introduction(self):
        shown = getattr(self, "_shown_summary", None)
        return self.data.get("summary", "") if shown is None else shown

    summary = introduction

    def show_in(self, language):
        """Show this posting in ``language`` when the origin publishes that version (the
        feed's ``translations`` name its title, summary and address): a card and a feed item
        then read that version's title, summary and link. Nothing is saved."""
        from ..syndication.index import _matches
        from ..syndication.sync import is_web_address

        self.link = self.url_in(language)
        if _matches(self.language, language):
            return
        for translation in self.translations:
            if _matches(translation.get("language", ""), language) and is_web_address(
                translation.get("url")
            ):
                self.title = translation.get("title") or self.title
                self._shown_summary = translation.get("summary") or ""
                self.link = translation["url"]
                return

    @property
    def posting_id(self):
        return str(self.posting_key)

    @property
    def organisations(self):
        return self.data.get("organisations", [])

    @property
    def countries(self):
        return self.data.get("countries", [])

    @property
    def translations(self):
        return self.data.get("translations") or []

    @property
    def available_languages(self):
        return sorted({translation["language"] for translation in self.translations})

    def url_in(self, language):
        """The origin's page in ``language`` when it publishes one, else this version's."""
        from ..syndication.sync import is_web_address

        for translation in self.translations:
            if translation.get("language") == language and is_web_address(translation.get("url")):
                return translation["url"]
        return self.url

    @cached_property
    def link(self):
        """The address a card links to: set per listing row to the visitor's language."""
        return self.url

    def get_full_url(self, request=None):
        return self.link

    @property
    def closing_timezone(self):
        return self.data.get("closing_timezone") or "UTC"

    @cached_property
    def closes_at_local(self):
        return in_zone(self.closes_at, self.closing_timezone) if self.closes_at else None

    @cached_property
    def status(self):
        return status_at(self.closes_at)

    @property
    def is_closed(self):
        return self.status == PostingStatus.CLOSED

    @property
    def is_closing_soon(self):
        return self.status == PostingStatus.CLOSING_SOON

    @property
    def is_filled(self):
        return bool(self.data.get("is_filled"))

    @property
    def date_posted(self):
        value = self.data.get("date_posted")
        return datetime.date.fromisoformat(value) if value else None

    @property
    def first_published_at(self):
        posted = self.date_posted
        if posted is None:
            return self.fetched_at
        return datetime.datetime.combine(posted, datetime.time(), tzinfo=datetime.UTC)

    last_published_at = first_published_at

    @property
    def employers(self):
        """The organisations it names, as ``name``/``short_name``/``website`` objects."""
        return [Named(**organisation) for organisation in self.data.get("organisations", [])]

    @property
    def employment_types(self):
        return list(self.data.get("employment_types", []))

    @property
    def employment_type_labels(self):
        labels = EMPLOYMENT_LABELS
        return [labels[code] for code in self.employment_types if code in labels]

    @property
    def workplace_type(self):
        return self.data.get("workplace_type", "")

    def get_workplace_type_display(self):
        return WORKPLACE_LABELS.get(self.workplace_type, "")

    @property
    def workplace_type_label(self):
        """As a page's: what the feeds show."""
        return str(self.get_workplace_type_display())

    @property
    def is_home_based(self):
        return self.workplace_type == WorkplaceType.HOME_BASED

    @property
    def applicant_region_labels(self):
        return [REGION_LABELS.get(code, code) for code in self.data.get("applicant_regions", [])]

    @property
    def applicant_countries(self):
        from django_countries.fields import Country

        return [Country(code) for code in self.data.get("applicant_countries", [])]

    @property
    def location_list(self):
        return [country_name(code) for code in self.data.get("countries", [])]


class Named:
    """An organisation a syndicated posting names, for templates (not a snippet here)."""

    def __init__(self, name="", short_name="", website="", role="", key=""):
        self.name, self.short_name, self.website = name, short_name, website
        self.role, self.key = role, key

    @property
    def display_name(self):
        if self.short_name and self.short_name != self.name:
            return f"{self.name} ({self.short_name})"
        return self.name

    def __str__(self):
        return self.name
