from django import template
from django.conf import settings
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def site_name():
    """The name in the header and the window title: ``DEMO_SITE_NAME`` where a site's settings
    give one (the allied organisation's demo site), else the network's, translated."""
    return getattr(settings, "DEMO_SITE_NAME", "") or gettext("Allied Workers' Network")


@register.simple_tag
def other_languages(page):
    """The page's live versions in other languages, with their locales in the same query."""
    return page.get_translations().live().select_related("locale").order_by("locale__language_code")
