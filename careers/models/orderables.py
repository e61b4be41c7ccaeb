from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from ..choices import OrganisationRole, country_name


def organisation_field(related_name):
    return models.ForeignKey(
        "careers.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name=related_name,
    )


class AbstractHiringOrganisation(TranslatableMixin, Orderable):
    """An organisation named on a posting, in the order they should be named, with its role:
    an employer, or one that supports, partners in or hosts the position.

    Translatable so that wagtail-localize relinks each organisation to its translation. A
    posting type of a site's own (a subclass of ``AbstractJobPostingPage``) subclasses it with a
    ``page = ParentalKey(TheirPage, related_name="hiring_organisations")``.
    """

    organisation = organisation_field("+")

    role = models.CharField(
        _("role"),
        max_length=20,
        choices=OrganisationRole.choices,
        default=OrganisationRole.EMPLOYER,
        help_text=_("Only employers are named as hiring to search engines."),
    )

    panels = [FieldPanel("organisation"), FieldPanel("role")]

    override_translatable_fields = [SynchronizedField("role", overridable=False)]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True
        verbose_name = _("hiring organisation")
        verbose_name_plural = _("hiring organisations")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return str(self.organisation)

    @property
    def is_employer(self):
        return self.role == OrganisationRole.EMPLOYER


class HiringOrganisation(AbstractHiringOrganisation):
    page = ParentalKey(
        "careers.JobPostingPage", on_delete=models.CASCADE, related_name="hiring_organisations"
    )
    organisation = organisation_field("hiring_links")

    class Meta(AbstractHiringOrganisation.Meta):
        pass


class AbstractPostingLocation(TranslatableMixin, Orderable):
    """A place the post holder works from or must live in or near. A posting type of a site's
    own subclasses it with a ``page = ParentalKey(TheirPage, related_name="locations")``."""

    city = models.CharField(
        _("city"), max_length=255, blank=True, help_text=_("Leave empty for a whole country.")
    )
    country = CountryField(_("country"))

    panels = [FieldPanel("city"), FieldPanel("country")]

    # The city's name is translated ("Ciudad de México"); the country is the same everywhere.
    override_translatable_fields = [SynchronizedField("country", overridable=False)]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        country = country_name(self.country.code)
        return f"{self.city}, {country}" if self.city else country


class PostingLocation(AbstractPostingLocation):
    page = ParentalKey("careers.JobPostingPage", on_delete=models.CASCADE, related_name="locations")

    class Meta(AbstractPostingLocation.Meta):
        pass
