"""Fixed vocabularies of the app. Values are stored; labels are translated at display time."""

from django.conf import global_settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time")
    PART_TIME = "part_time", _("Part-time")
    CONSULTANCY = "consultancy", _("Consultancy or contract")
    TEMPORARY = "temporary", _("Temporary")
    INTERNSHIP = "internship", _("Internship")
    VOLUNTEER = "volunteer", _("Volunteer")
    OTHER = "other", pgettext_lazy("employment type", "Other")


class OrganisationRole(models.TextChoices):
    """What an organisation named on a posting does; only employers hire."""

    EMPLOYER = "employer", _("Employer")
    SUPPORTER = "supporter", _("Supported by")
    PARTNER = "partner", _("In partnership with")
    HOST = "host", _("Hosted by")


class WorkplaceType(models.TextChoices):
    ON_SITE = "on_site", _("On-site")
    HYBRID = "hybrid", _("Hybrid")
    HOME_BASED = "home_based", _("Home-based or remote")


class PayPeriod(models.TextChoices):
    HOUR = "hour", _("per hour")
    DAY = "day", _("per day")
    WEEK = "week", _("per week")
    MONTH = "month", _("per month")
    YEAR = "year", _("per year")


class Region(models.TextChoices):
    """Where home-based applicants may live, when a whole region rather than countries."""

    WORLDWIDE = "worldwide", _("Anywhere in the world")
    AFRICA = "africa", _("Africa")
    ASIA_PACIFIC = "asia_pacific", _("Asia and the Pacific")
    EUROPE = "europe", _("Europe")
    LATIN_AMERICA = "latin_america", _("Latin America and the Caribbean")
    MIDDLE_EAST = "middle_east", _("Middle East and North Africa")
    NORTH_AMERICA = "north_america", _("North America")


class Importance(models.TextChoices):
    ESSENTIAL = "essential", _("Essential")
    DESIRABLE = "desirable", _("Desirable")


class LanguageLevel(models.TextChoices):
    NATIVE = "native", _("Native or bilingual")
    FLUENT = "fluent", _("Fluent")
    WORKING = "working", _("Professional working")
    CONVERSATIONAL = "conversational", _("Conversational")
    READING = "reading", _("Reading and writing")
    BASIC = "basic", _("Basic")


class ListStyle(models.TextChoices):
    NUMBERED = "numbered", _("Numbered")
    BULLETED = "bulleted", _("Bulleted")


class ApplicationDocument(models.TextChoices):
    CV = "cv", _("CV or résumé")
    COVER_LETTER = "cover_letter", _("Cover letter")
    WRITING_SAMPLE = "writing_sample", _("Writing sample")
    PORTFOLIO = "portfolio", _("Portfolio")
    CERTIFICATES = "certificates", _("Copies of certificates")
    APPLICATION_FORM = "application_form", _("Application form")
    OTHER = "other", pgettext_lazy("document", "Other")


def language_choices():
    """Languages a posting may ask for, named by Django's own translated language names."""
    return [(code, _(name)) for code, name in global_settings.LANGUAGES if "-" not in code]
