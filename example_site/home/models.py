from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from careers.blocks import OpenPositionsBlock


class HomePage(Page):
    """The example site's home page: an ordinary page of a host site that embeds open positions."""

    introduction = RichTextField(blank=True)
    careers_page = models.ForeignKey(
        "careers.CareersIndexPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The careers section this page links to.",
    )
    body = StreamField(
        [
            ("text", blocks.RichTextBlock(template="home/blocks/text.html")),
            ("open_positions", OpenPositionsBlock()),
        ],
        blank=True,
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("careers_page"),
        FieldPanel("body"),
    ]
