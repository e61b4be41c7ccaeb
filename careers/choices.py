"""Fixed vocabularies of the app. Values are stored; labels are translated at display time."""

import functools

import django_countries
from django.conf import global_settings
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries


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


# Labels of stored values, for code that shows many of them (every card, every filter menu):
# ``Choices.choices`` builds a new list on each call. The labels are lazy, translated when shown.

#: Each type of employment's label.
EMPLOYMENT_LABELS = dict(EmploymentType.choices)
#: Each workplace's label.
WORKPLACE_LABELS = dict(WorkplaceType.choices)
#: Each region's label.
REGION_LABELS = dict(Region.choices)


def country_name(code):
    """The name of the country ``code`` in the active language ("" for an unknown code), as
    ``Country(code).name`` gives it: a card, a filter menu and a feed name the same few
    countries again and again, and django-countries looks each name up anew (about 30 µs).
    Like django-countries, which builds its names once (``COUNTRIES_OVERRIDE`` included), this
    keeps each name once per language; inside a ``countries_context`` (which may rename or
    leave out countries for a while) it asks django-countries each time."""
    if getattr(getattr(django_countries, "_countries_context", None), "options", None):
        return str(countries.name(code))
    return _country_name(get_language(), str(code))


@functools.lru_cache(maxsize=4096)
def _country_name(language, code):
    return str(countries.name(code))
