"""System checks that catch a misconfigured site with a message that says how to fix it."""

import zoneinfo

from django.apps import apps
from django.core.checks import Error, Info, Tags, Warning, register
from django.core.exceptions import FieldDoesNotExist
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from . import cache, conf, head_contract
from .models import posting_table_models


@register()
def check_setting_types(app_configs, **kwargs):
    errors = []
    for name, expected in conf.SETTING_TYPES.items():
        value = conf.get_setting(name)
        if expected is int and isinstance(value, bool) or not isinstance(value, expected):
            errors.append(
                Error(
                    f"{name} must be a {expected.__name__}, not {type(value).__name__}.",
                    hint=f"Set {name} to a {expected.__name__} in your settings, or remove it "
                    f"to use the default ({conf.DEFAULTS[name]!r}).",
                    id="careers.E001",
                )
            )
    return errors


@register()
def check_setting_values(app_configs, **kwargs):
    errors = []
    tz_name = conf.get_setting("CAREERS_DEFAULT_TIMEZONE")
    if isinstance(tz_name, str):
        try:
            zoneinfo.ZoneInfo(tz_name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            errors.append(
                Error(
                    f"CAREERS_DEFAULT_TIMEZONE {tz_name!r} is not a time zone name.",
                    hint="Use an IANA name such as 'UTC' or 'America/Mexico_City'.",
                    id="careers.E002",
                )
            )
    closing_time = conf.get_setting("CAREERS_DEFAULT_CLOSING_TIME")
    if isinstance(closing_time, str):
        hours, _sep, minutes = closing_time.partition(":")
        if not (hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60):
            errors.append(
                Error(
                    f"CAREERS_DEFAULT_CLOSING_TIME {closing_time!r} is not a time of day.",
                    hint="Use 24-hour HH:MM, such as '23:59'.",
                    id="careers.E003",
                )
            )
    days = conf.get_setting("CAREERS_CLOSING_SOON_DAYS")
    if isinstance(days, int) and days < 0:
        errors.append(
            Error(
                "CAREERS_CLOSING_SOON_DAYS must not be negative.",
                hint="Use 0 to turn the closing-soon mark off.",
                id="careers.E004",
            )
        )
    return errors


@register()
def check_country_names(app_configs, **kwargs):
    if apps.is_installed("django_countries"):
        return []
    return [
        Warning(
            "django_countries is not in INSTALLED_APPS, so country names are shown in English "
            "in every language.",
            hint="Add 'django_countries' to INSTALLED_APPS.",
            id="careers.W002",
        )
    ]


@register(Tags.templates)
def check_base_template(app_configs, **kwargs):
    name = conf.get_setting("CAREERS_BASE_TEMPLATE")
    if not isinstance(name, str):
        return []
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return [
            Warning(
                f"CAREERS_BASE_TEMPLATE names {name!r}, which no template loader finds.",
                hint="Create that template, or set CAREERS_BASE_TEMPLATE to your site's base "
                "template. It must define a 'content' block.",
                id="careers.W001",
            )
        ]
    except Exception:  # noqa: BLE001 - a broken base template is reported when it renders
        return []
    return []


@register(Tags.templates)
def check_base_template_head(app_configs, **kwargs):
    name = conf.get_setting("CAREERS_BASE_TEMPLATE")
    if not isinstance(name, str):
        return []
    try:
        offers_head = head_contract.offers_head(name)
    except Exception:  # noqa: BLE001 - a missing or broken base template is reported elsewhere
        return []
    if offers_head is not False:
        return []
    return [
        Warning(
            f"The base template {name!r} (CAREERS_BASE_TEMPLATE) has no place for what careers "
            "pages put in <head>: their description, language versions (hreflang), feeds and "
            "the noindex of closed postings are left out.",
            hint="Add {% load careers_tags %} and {% careers_head %} inside its <head>, or an "
            "empty {% block careers_head %}{% endblock %} there.",
            id="careers.W003",
        )
    ]


@register(deploy=True)
def check_shared_cache(app_configs, **kwargs):
    if cache.shared() or not conf.get_setting("CAREERS_CACHE_TIMEOUT"):
        return []
    return [
        Info(
            "The default cache is one per process (local memory or DummyCache), so careers "
            "listings, feeds and postings are worked out afresh on every request: a cache that "
            "one process kept would miss what another process publishes.",
            hint="To serve them from a cache, configure one that every process shares (Redis, "
            "Memcached, or Django's database or file cache) as the default cache.",
            id="careers.I001",
        )
    ]


@register(Tags.models)
def check_posting_types(app_configs, **kwargs):
    """A posting type made from the abstract model brings its own organisation and location
    rows: the editor's panels, the page, its JSON-LD and the listing index read them."""
    errors = []
    for model in posting_table_models():
        for name, abstract in (
            ("hiring_organisations", "AbstractHiringOrganisation"),
            ("locations", "AbstractPostingLocation"),
        ):
            try:
                model._meta.get_field(name)
            except FieldDoesNotExist:
                errors.append(
                    Error(
                        f"{model._meta.label} has no '{name}' relation: the editor, the page "
                        "and the listings read a posting's organisations and locations "
                        "through it.",
                        hint=f"Subclass careers.models.{abstract} with a ParentalKey to "
                        f"{model.__name__} and related_name='{name}' (docs/developers.md, "
                        "'Extending').",
                        obj=model,
                        id="careers.E005",
                    )
                )
    return errors
