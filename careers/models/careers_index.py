import functools

from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin, get_page_models
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .. import cache, cors
from ..addresses import remember_site_root_paths
from ..conf import i18n_enabled, template_context
from ..languages import live_translations, translations_entry
from ..panels import EmbedCodePanel
from ..validators import parse_origins, validate_origins
from . import serving


def _resolve(value):
    return import_string(value) if isinstance(value, str) else value


class ListingScope(models.TextChoices):
    CHILDREN = "children", _("Postings under this page")
    SITE = "site", _("All postings on this site")


@functools.cache
def _serving(table):
    """``table``'s postings as served (``PostingQuerySet.for_serving``): made once per posting
    table and cloned for each request, never evaluated itself, as building its subqueries
    anew cost more (about 0.6 ms) than the query's execution."""
    return table._default_manager.for_serving()


class PostingChildRoute:
    """Routes to a posting under a careers page in one query where Wagtail's ``Page.route``
    makes three (the child as a ``Page``, again as its own class, then its locale, which the
    posting's template reads); the query also reads what the posting shows from other tables
    (``PostingQuerySet.for_serving``). Sits between ``RoutablePageMixin`` (this page's own routes
    come first) and ``Page``."""

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        posting = self.child_by_slug(path_components[0])
        if posting is None:
            raise Http404
        # As Page.route does: the parent is known, so the posting need not look it up.
        posting._cached_parent_obj = self
        return posting.route(request, path_components[1:])

    @classmethod
    def _child_table(cls):
        """The one posting model whose table holds every page this page may have as a child,
        or None (several posting tables, or other page types, are allowed here)."""
        from . import posting_table_models  # cycle: careers.models imports this module

        allowed = cls.clean_subpage_models()
        tables = [
            table for table in posting_table_models() if any(issubclass(m, table) for m in allowed)
        ]
        if len(tables) == 1 and all(issubclass(model, tables[0]) for model in allowed):
            return tables[0]
        return None

    def child_by_slug(self, slug):
        """The child page ``slug`` names, as its own class with its locale (a posting as
        ``PostingQuerySet.for_serving`` reads it), or None."""
        table = self._child_table()
        if table is not None:
            if serving.writable(table):
                child = serving.child(table, self, slug)
            else:
                child = _serving(table).child_of(self).filter(slug=slug).first()
            if (
                child is None
                or child.content_type_id == ContentType.objects.get_for_model(table).pk
            ):
                return child
            pk, content_type_id = child.pk, child.content_type_id  # a subclass of that model
        else:
            row = Page.objects.child_of(self).filter(slug=slug).values_list("pk", "content_type_id")
            row = row.first()
            if row is None:
                return None
            pk, content_type_id = row
        model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
        if hasattr(model._default_manager, "for_serving"):
            return _serving(model).get(pk=pk)
        return model._default_manager.select_related("locale").get(pk=pk)


class AbstractCareersIndexPage(RoutablePageMixin, PostingChildRoute, Page):
    """The careers section of a site: the open postings, with filters, pages and feeds.

    Subclass it to add fields, or to swap the classes that do the work: ``listing_class``
    (parameters, filters, options, pagination), ``filterset_class`` (the filters) and
    ``feed_classes`` (the RSS and Atom feeds, and the function that writes the JSON Feed).
    Each is a class or its dotted path: the defaults are paths because the request-time code
    imports the models.
    """

    #: The request-time listing, made as ``listing_class(page, request)``.
    listing_class = "careers.listing.PostingListing"
    #: The filters the listing applies to its postings, given the request's parameters.
    filterset_class = "careers.listing.filters.PostingFilterSet"
    #: The feeds, by kind: RSS and Atom ``Feed`` classes, made as ``cls(page, listing)``; the
    #: JSON Feed a function ``(page, request, listing)`` that returns the response.
    feed_classes = {
        "rss": "careers.listing.feeds.PostingsRssFeed",
        "atom": "careers.listing.feeds.PostingsAtomFeed",
        "json": "careers.listing.feeds.json_feed_response",
    }

    introduction = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("Shown above the list of postings."),
    )
    listing_scope = models.CharField(
        _("postings to list"),
        max_length=20,
        choices=ListingScope.choices,
        default=ListingScope.CHILDREN,
        help_text=_(
            "A site that hosts several careers pages can list every posting on the site here."
        ),
    )
    page_size = models.PositiveSmallIntegerField(
        _("postings per page"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Leave empty for the site's default."),
    )

    embed_allowed_origins = models.TextField(
        _("websites that may embed this list"),
        blank=True,
        default="",
        validators=[validate_origins],
        help_text=_(
            "One address per line, such as https://www.allied-union.org (no path). "
            "Only these websites may show the list of open positions in a frame; "
            "leave empty to turn embedding off."
        ),
    )
    embed_filters = models.BooleanField(
        _("let visitors filter the embedded list"),
        default=False,
        help_text=_("Websites that embed the list may then show its filters too."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("listing_scope"),
                InlinePanel(
                    "listed_organisations",
                    label=_("Organisation"),
                    heading=_("Only postings by these organisations"),
                    help_text=_("Leave empty to list postings by every organisation."),
                ),
                FieldPanel("page_size"),
            ],
            heading=_("What this page lists"),
        ),
    ]
    promote_panels = Page.promote_panels + [
        MultiFieldPanel(
            [
                FieldPanel("embed_allowed_origins"),
                FieldPanel("embed_filters"),
                EmbedCodePanel(),
            ],
            heading=_("Embed on other websites"),
        ),
    ]
    # Which websites may embed the list is a decision for the listing, not words to translate.
    override_translatable_fields = [
        SynchronizedField("embed_allowed_origins", overridable=False),
        SynchronizedField("embed_filters", overridable=False),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    api_fields = [APIField("introduction"), APIField("listing_scope")]

    #: None: any posting type (any concrete subclass of AbstractJobPostingPage).
    subpage_types = None
    template = "careers/careers_index_page.html"

    def get_template(self, request, *args, **kwargs):
        """The page type's own template (Wagtail names one after each subclass), else the stock
        one: a subclass needs a template of its own only to look different."""
        template = super().get_template(request, *args, **kwargs)
        stock = "careers/careers_index_page.html"
        return template if template == stock else [template, stock]

    class Meta:
        abstract = True
        verbose_name = _("careers listing page")
        verbose_name_plural = _("careers listing pages")

    @classmethod
    def clean_subpage_models(cls):
        if cls.subpage_types is None:
            from . import posting_models  # cycle: careers.models imports this module

            return posting_models()
        return super().clean_subpage_models()

    def route(self, request, path_components):
        # What is served from here (this listing, its feeds, a posting under it) shows other
        # pages' addresses: their Sites' root paths are read in one query when first needed.
        remember_site_root_paths(request)
        return super().route(request, path_components)

    @property
    def lists_whole_site(self):
        """Whether this page lists every posting of its site, rather than its children's."""
        return self.listing_scope != ListingScope.CHILDREN

    @classmethod
    def get_listing_class(cls):
        return _resolve(cls.listing_class)

    @classmethod
    def get_filterset_class(cls):
        return _resolve(cls.filterset_class)

    @classmethod
    def get_feed_class(cls, kind):
        return _resolve(cls.feed_classes[kind])

    def get_listing(self, request):
        """The request's listing of this page's postings."""
        return self.get_listing_class()(self, request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = self.get_listing(request)
        if not cache.is_preview(request):
            # What the page reads from the cache before its parts, in one round trip.
            entries = [listing.options_cache_key]
            if i18n_enabled():
                entries.append(translations_entry(self, request).parts)
            cache.prefetch(request, entries)
        context.update(template_context())
        context["listing"] = listing
        context["careers_translations"] = live_translations(
            self, request, versions=lambda: listing.query.index_page_versions
        )
        return context

    @path("")
    def listing_view(self, request):
        response = self.render(request)
        listing = response.context_data["listing"]
        return cache.set_cache_control(response, request, listing.valid_until)

    def get_cached_paths(self):
        return cache.listing_cached_paths(self)

    @path("feed/rss/", name="feed_rss")
    def rss_feed(self, request):
        feed_class = self.get_feed_class("rss")
        return self._cached_feed(request, "rss", lambda listing: feed_class(self, listing)(request))

    @path("feed/atom/", name="feed_atom")
    def atom_feed(self, request):
        feed_class = self.get_feed_class("atom")
        return self._cached_feed(
            request, "atom", lambda listing: feed_class(self, listing)(request)
        )

    @path("feed/json/", name="feed_json")
    def json_feed(self, request):
        write = self.get_feed_class("json")
        return self._cached_feed(request, "json", lambda listing: write(self, request, listing))

    def _cached_feed(self, request, kind, render):
        from ..listing.feeds import cached_feed  # cycle: careers.listing imports careers.models

        return cached_feed(self, request, kind, render)

    #: Routes that other websites' scripts may read (:mod:`careers.cors`).
    cross_origin_routes = ("feed_rss", "feed_atom", "feed_json")

    def handle_options_request(self, request, *args, **kwargs):
        match = getattr(request, "routable_resolver_match", None)
        if match is not None and match.url_name in self.cross_origin_routes:
            return cors.options_response()
        return super().handle_options_request(request, *args, **kwargs)

    @property
    def embed_origins(self):
        """The origins allowed to frame the embed (``embed_allowed_origins``); none: off."""
        return parse_origins(self.embed_allowed_origins)

    @path("embed/", name="embed")
    def embed_view(self, request):
        from ..embed import embed_response  # cycle: careers.embed reads the listing

        return embed_response(self, request)

    @property
    def feed_urls(self):
        base = self.url or ""
        return {
            kind: base + self.reverse_subpage(f"feed_{kind}") for kind in ("rss", "atom", "json")
        }


class CareersIndexPage(AbstractCareersIndexPage):
    """The stock careers listing page."""

    class Meta:
        verbose_name = _("careers listing page")
        verbose_name_plural = _("careers listing pages")


def listing_models():
    """Every concrete careers listing page model: ``CareersIndexPage`` and a site's subclasses."""
    return [model for model in get_page_models() if issubclass(model, AbstractCareersIndexPage)]


class AbstractListingOrganisation(TranslatableMixin, Orderable):
    """An organisation a listing page is limited to. A listing page type made from
    ``AbstractCareersIndexPage`` subclasses it with a
    ``page = ParentalKey(TheirPage, related_name="listed_organisations")``."""

    organisation = models.ForeignKey(
        "careers.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    panels = [FieldPanel("organisation")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True
        verbose_name = _("listed organisation")
        verbose_name_plural = _("listed organisations")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return str(self.organisation)


class ListingOrganisation(AbstractListingOrganisation):
    page = ParentalKey(
        "careers.CareersIndexPage", on_delete=models.CASCADE, related_name="listed_organisations"
    )
    organisation = models.ForeignKey(
        "careers.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="listing_links",
    )
