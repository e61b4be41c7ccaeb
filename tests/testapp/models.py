"""What a site builds on the app: a posting page and a listing page of its own, and an ordinary
page that embeds open positions. The tests use these, not the example site."""

import json

import django_filters
from django.db import models
from django.db.models import Subquery
from django.http import HttpResponse
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page

from careers.blocks import OpenPositionsBlock, PostingBodyBlock
from careers.listing import PostingListing
from careers.listing.feeds import PostingsRssFeed, json_feed
from careers.listing.filters import PostingFilterSet
from careers.models import (
    AbstractHiringOrganisation,
    AbstractJobPostingPage,
    AbstractPostingLocation,
    CareersIndexPage,
    JobPostingPage,
    posting_body_field,
)


class HostPage(Page):
    """An ordinary page of a host site that embeds open positions."""

    body = StreamField(
        [("text", blocks.RichTextBlock()), ("open_positions", OpenPositionsBlock())], blank=True
    )

    content_panels = Page.content_panels + [FieldPanel("body")]


class DepartmentPostingPage(JobPostingPage):
    """A posting with one more field: listed, fed and served beside the stock postings."""

    department = models.CharField("department", max_length=100, blank=True)

    content_panels = JobPostingPage.content_panels + [FieldPanel("department")]
    api_fields = JobPostingPage.api_fields + [APIField("department")]

    class Meta:
        verbose_name = "posting with a department"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    name = blocks.CharBlock()

    class Meta:
        icon = "openquote"
        template = "testapp/blocks/quote.html"


class QuoteBodyBlock(PostingBodyBlock):
    """The stock body's blocks and one more."""

    quote = QuoteBlock()


class QuotePostingPage(AbstractJobPostingPage):
    """A posting type of the site's own, made from the abstract model, with a body of more
    blocks, a field of its own and its own organisation and location rows."""

    body = posting_body_field(QuoteBodyBlock())
    quoted_name = models.CharField("name of the person quoted first", max_length=100, blank=True)

    content_panels = AbstractJobPostingPage.content_panels + [FieldPanel("quoted_name")]
    api_fields = AbstractJobPostingPage.api_fields + [APIField("quoted_name")]

    parent_page_types = ["testapp.SiteCareersIndexPage"]

    class Meta:
        verbose_name = "posting with quotes"


class QuoteHiringOrganisation(AbstractHiringOrganisation):
    page = ParentalKey(
        QuotePostingPage, on_delete=models.CASCADE, related_name="hiring_organisations"
    )


class QuotePostingLocation(AbstractPostingLocation):
    page = ParentalKey(QuotePostingPage, on_delete=models.CASCADE, related_name="locations")


class SiteListing(PostingListing):
    """A listing class of the site's own: it says it was used."""

    made_by_site = True


class SiteFilterSet(PostingFilterSet):
    """The stock filters and more, on fields of the site's posting types.

    A filter set filters rows of the listing index, whose ``page`` is a ``Page`` of any posting
    type: a filter on a type's own field keeps the rows whose page is among that type's
    matching pages (the others, of other types, drop out).
    """

    department = django_filters.CharFilter(label="Department", method="filter_department")
    quoted = django_filters.CharFilter(label="Quote by", method="filter_quoted")

    def filter_department(self, queryset, name, value):
        pages = DepartmentPostingPage.objects.filter(department=value)
        return queryset.filter(page__in=Subquery(pages.values("pk")))

    def filter_quoted(self, queryset, name, value):
        # Or through the page's relations: Page -> QuotePostingPage (a table of its own).
        return queryset.filter(page__quotepostingpage__quoted_name=value)


class SiteRssFeed(PostingsRssFeed):
    def title(self, obj):
        return f"Jobs at {obj.title}"


def site_json_feed(index_page, request, listing):
    document = {**json_feed(index_page, request, listing), "title": "Jobs, as JSON"}
    return HttpResponse(json.dumps(document), content_type="application/feed+json")


class SiteCareersIndexPage(CareersIndexPage):
    """A listing page with one more field and its own listing class."""

    strapline = models.CharField("strapline", max_length=100, blank=True)

    content_panels = CareersIndexPage.content_panels + [FieldPanel("strapline")]
    listing_class = SiteListing
    filterset_class = SiteFilterSet
    feed_classes = {**CareersIndexPage.feed_classes, "rss": SiteRssFeed, "json": site_json_feed}

    class Meta:
        verbose_name = "careers listing page of the site"
