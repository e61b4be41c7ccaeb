from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from ..fields import HttpURLField


class Organisation(TranslatableMixin, index.Indexed, models.Model):
    """An organisation that hires: one snippet, reused by every posting it takes part in."""

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(
        _("short name"),
        max_length=50,
        blank=True,
        help_text=_("An acronym or short form, such as “WIEGO”. Shown where space is tight."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = HttpURLField(_("website"), blank=True, help_text=_("Starts with https://"))
    about = RichTextField(
        _("about"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("A short description of the organisation, shown on its postings."),
    )

    override_translatable_fields = [
        SynchronizedField("logo", overridable=False),
        SynchronizedField("website", overridable=False),
    ]

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("about"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("short_name"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        if self.short_name and self.short_name != self.name:
            return f"{self.name} ({self.short_name})"
        return self.name


class EqualOpportunityStatement(TranslatableMixin, models.Model):
    """A reusable statement, such as a commitment to diversity, shown at the end of postings."""

    title = models.CharField(
        _("title"),
        max_length=255,
        help_text=_("For editors only, to tell statements apart. Not shown to visitors."),
    )
    text = RichTextField(_("text"), features=["bold", "italic", "link"])
    is_default = models.BooleanField(
        _("use by default"),
        default=False,
        help_text=_("Shown on postings that do not choose a statement of their own."),
    )

    panels = [FieldPanel("title"), FieldPanel("text"), FieldPanel("is_default")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("equal-opportunity statement")
        verbose_name_plural = _("equal-opportunity statements")
        ordering = ["title"]

    def __str__(self):
        return self.title

    @classmethod
    def default_for_locale(cls, locale):
        return cls.objects.filter(is_default=True, locale=locale).order_by("pk").first()
