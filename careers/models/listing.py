from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from .. import cache
from ..conf import template_context
from ..languages import live_translations


class ListingScope(models.TextChoices):
    CHILDREN = "children", _("Postings under this page")
    SITE = "site", _("All postings on this site")


class CareersIndexPage(RoutablePageMixin, Page):
    """The careers section of a site: the open postings, with filters, pages and feeds."""

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
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    api_fields = [APIField("introduction"), APIField("listing_scope")]

    subpage_types = ["careers.JobPostingPage"]
    template = "careers/careers_index_page.html"

    class Meta:
        verbose_name = _("careers listing page")
        verbose_name_plural = _("careers listing pages")

    def get_context(self, request, *args, **kwargs):
        from ..listing import PostingListing

        context = super().get_context(request, *args, **kwargs)
        listing = PostingListing(self, request)
        context.update(template_context())
        context["listing"] = listing
        context["careers_translations"] = live_translations(
            self, request, private_q=lambda: listing.query.private_q
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
        from ..feeds import PostingsRssFeed, cached_feed

        return cached_feed(
            self, request, "rss", lambda listing: PostingsRssFeed(self, listing)(request)
        )

    @path("feed/atom/", name="feed_atom")
    def atom_feed(self, request):
        from ..feeds import PostingsAtomFeed, cached_feed

        return cached_feed(
            self, request, "atom", lambda listing: PostingsAtomFeed(self, listing)(request)
        )

    @path("feed/json/", name="feed_json")
    def json_feed(self, request):
        from ..feeds import cached_feed, json_feed_response

        return cached_feed(
            self, request, "json", lambda listing: json_feed_response(self, request, listing)
        )

    @property
    def feed_urls(self):
        base = self.url or ""
        return {
            kind: base + self.reverse_subpage(f"feed_{kind}") for kind in ("rss", "atom", "json")
        }


class ListingOrganisation(TranslatableMixin, Orderable):
    """An organisation a listing page is limited to."""

    page = ParentalKey(
        "careers.CareersIndexPage", on_delete=models.CASCADE, related_name="listed_organisations"
    )
    organisation = models.ForeignKey(
        "careers.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="listing_links",
    )

    panels = [FieldPanel("organisation")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("listed organisation")
        verbose_name_plural = _("listed organisations")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return str(self.organisation)
