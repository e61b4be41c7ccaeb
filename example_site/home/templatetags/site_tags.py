from django import template
from django.conf import settings
from django.utils.translation import gettext

from careers.addresses import remember_site_root_paths

register = template.Library()


@register.simple_tag
def site_name():
    """The name in the header and the window title: ``DEMO_SITE_NAME`` where a site's settings
    give one (the allied organisation's demo site), else the network's, translated."""
    return getattr(settings, "DEMO_SITE_NAME", "") or gettext("Allied Workers' Network")


@register.simple_tag(takes_context=True)
def other_languages(context, page):
    """The page's live versions in other languages, with their locales in the same query.

    Their addresses need the Sites' root paths: kept on the request by wagtail-careers, which
    reads them in one query where Wagtail (with no cache holding them) reads every Site and its
    root page's translations whole (see docs/developers.md, "Absolute addresses")."""
    remember_site_root_paths(context.get("request"))
    return page.get_translations().live().select_related("locale").order_by("locale__language_code")
