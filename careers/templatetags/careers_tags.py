import datetime
import functools

from django import template
from django.template.base import token_kwargs
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.templatetags.cache import CacheNode as DjangoCacheNode
from django.utils import formats
from django.utils.html import conditional_escape, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Site
from wagtail.templatetags.wagtail_cache import WagtailCacheNode
from wagtail.templatetags.wagtailcore_tags import pageurl

from .. import cache, head_contract
from ..app_templates import stock_templates
from ..blocks import language_requirement
from ..choices import (
    EMPLOYMENT_LABELS,
    ApplicationDocument,
    Importance,
    LanguageLevel,
    PayPeriod,
    country_name,
)
from ..html import plain_text
from ..languages import language_name
from ..models import AbstractJobPostingPage
from ..open_positions import open_positions_context
from ..status import time_left, utc_offset_label
from ..structured_data import dumps_for_script
from ..timezones import zone_name

register = template.Library()


@register.filter
def careers_json_ld(data):
    """Serialise structured data for a ``<script type="application/ld+json">`` element."""
    return dumps_for_script(data)


HEAD_BLOCK = head_contract.HEAD_BLOCK
# Body blocks that open a section of their own, with an <h2>.
SECTION_BLOCKS = {"about_organisation", "what_we_offer"}


@register.simple_tag(takes_context=True)
def careers_head(context):
    """What a careers page puts in ``<head>``: its description, language versions, feeds and
    whether search engines may index it. A site's base template calls ``{% careers_head %}``
    once inside ``<head>`` (or defines an empty ``{% block careers_head %}`` there); on other
    pages it renders nothing."""
    render_context = context.render_context
    # An {% include %}d template starts a scope of its own: look in the enclosing ones too.
    blocks = next(
        (scope[BLOCK_CONTEXT_KEY] for scope in reversed(render_context.dicts)
         if BLOCK_CONTEXT_KEY in scope),
        None,
    )  # fmt: skip
    block = blocks.get_block(HEAD_BLOCK) if blocks is not None else None
    if block is None:
        return ""
    render_context[BLOCK_CONTEXT_KEY] = blocks
    return block.render(context)


@register.filter
def careers_outline(stream):
    """A posting body's blocks with the level for the headings they make: one below the
    section they are in, which the last editor's heading or "about" or "offer" section opened
    (``h2`` before any). ``{% for child, level in value|careers_outline %}``."""
    section = None
    for child in stream:
        name = child.block_type
        if name == "heading":
            section = 3 if child.value.get("level") == "h3" else 2
        elif name in SECTION_BLOCKS:
            section = 2
        yield child, min(section + 1, 6) if section else 2


@register.filter
def careers_plain_text(html):
    """Rich text as plain text of at most 40 words, for ``<meta name="description">``."""
    return plain_text(html)


@register.filter
def careers_language_name(code):
    return language_name(code)


@register.filter
def careers_language_list(codes):
    """``<span lang="es">Spanish</span>, …``: each language named in the active language and
    marked with its own code (a card's "Available in"), in one node rather than a loop."""
    return format_html_join(
        ", ", '<span lang="{}">{}</span>', ((code, language_name(code)) for code in codes)
    )


@register.filter(is_safe=True, needs_autoescape=True)
def careers_join(items, separator, autoescape=True):
    """Django's ``|join`` for a card's lists (labels, names, places): each item as its text,
    also where autoescaping is off (a plain-text template), where ``|join`` gives up on items
    that are not strings and shows the list."""
    if autoescape:
        return mark_safe(  # noqa: S308  # nosec B308 B703 - each part is escaped
            conditional_escape(separator).join(conditional_escape(item) for item in items)
        )
    return separator.join(str(item) for item in items)


@register.filter
def careers_names(items):
    """The ``name`` of each of ``items`` (organisations), for ``careers_join``."""
    return [item.name for item in items]


@register.filter
def careers_country_names(countries):
    """The name of each of ``countries`` (countries or their codes) in the active language."""
    return [country_name(getattr(country, "code", country)) for country in countries]


@register.filter
def careers_language_names(codes):
    """“French” for one language; “any one of French, Spanish or Arabic” for a group."""
    names = [str(careers_language_name(code)) for code in codes]
    if len(names) < 2:
        return "".join(names)
    languages = _("%(languages)s or %(last)s") % {
        "languages": ", ".join(names[:-1]),
        "last": names[-1],
    }
    return _("Any one of %(languages)s") % {"languages": languages}


@register.filter
def careers_requirement_languages(item):
    """The languages of a language requirement block's item, any one of which will do."""
    return language_requirement(item)["languages"]


@register.filter
def careers_local_date(value):
    """A date or datetime in the active language's format, in the value's own time zone."""
    if not value:
        return ""
    return formats.date_format(value, "DATE_FORMAT")


@register.filter
def careers_local_datetime(value):
    """“23 July 2024, 23:59 (UTC)” in the active language, in the value's own time zone.

    Every card shows its deadline this way, and Django's date formatting takes about 50 µs: each
    deadline is written once per language and format, as long as it is shown. Aware datetimes
    that are the same instant in different zones read differently, so the key is the wall-clock
    time with its zone and offset, not the instant."""
    if not value:
        return ""
    if not isinstance(value, datetime.datetime) or value.tzinfo is None:
        return _local_datetime(value)
    key = (
        get_language(),
        formats.get_format("DATE_FORMAT"),
        formats.get_format("TIME_FORMAT"),
        value.replace(tzinfo=None),
        value.tzinfo,
        value.utcoffset(),
        value.tzname(),
    )
    try:
        return _local_datetime_in_zone(*key)
    except TypeError:  # a time zone object that cannot be a key
        return _local_datetime(value)


@functools.lru_cache(maxsize=2048)
def _local_datetime_in_zone(language, date_format, time_format, wall_clock, zone, offset, name):
    return _local_datetime(wall_clock.replace(tzinfo=zone))


def _local_datetime(value):
    return _("%(date)s, %(time)s (%(offset)s)") % {
        "date": formats.date_format(value, "DATE_FORMAT"),
        "time": formats.time_format(value, "TIME_FORMAT"),
        "offset": utc_offset_label(value),
    }


@register.filter
def careers_zone_name(value):
    """“Central Standard Time (Mexico City)”: the name of an aware datetime's time zone in the
    active language, “” for UTC."""
    return zone_name(value) if value else ""


@register.filter
def careers_time_left(value):
    """“3 days” until ``value``, to one unit: the hint beside an open posting's deadline."""
    return time_left(value)


@register.filter
def careers_amount(value):
    if value is None:
        return ""
    if value == value.to_integral_value():
        value = value.to_integral_value()
    return formats.number_format(value, use_l10n=True, force_grouping=True)


_LABELS = {
    "employment_type": EMPLOYMENT_LABELS,
    "importance": dict(Importance.choices),
    "level": dict(LanguageLevel.choices),
    "pay_period": dict(PayPeriod.choices),
    "document": dict(ApplicationDocument.choices),
}


@register.filter
def careers_label(value, vocabulary):
    """The translated label of a stored choice value: ``{{ item.level|careers_label:"level" }}``."""
    return _LABELS.get(vocabulary, {}).get(value, value)


@register.inclusion_tag("careers/includes/open_positions.html", takes_context=True)
def careers_open_positions(
    context, listing_page=None, limit=None, organisations=None, show_all_link=True, heading=""
):
    """The open positions closing soonest.

    ``{% careers_open_positions listing_page=page limit=3 %}``
    """
    return open_positions_context(
        context.get("request"),
        listing_page=listing_page,
        organisations=organisations,
        limit=limit,
        show_all_link=show_all_link,
        heading=heading,
    )


@register.filter
def careers_isoformat(value):
    """ISO 8601 in the value's own time zone, for ``<time datetime>`` (``date:'c'`` converts)."""
    return value.isoformat() if value else ""


@register.simple_tag(takes_context=True)
def careers_subpage_url(context, page, name):
    """The URL of one of ``page``'s own routes (a feed, the deadline's .ics), worked out with the
    request's cached site paths; unlike ``routablepageurl`` this needs no extra app installed."""
    base = page.get_url(context.get("request")) or ""
    return base + page.reverse_subpage(name)


@register.tag("careers_cache")
def do_careers_cache(parser, token):
    """Keep a rendered part of a careers listing, posting or open positions block in Django's
    cache while it stays the same: ``{% careers_cache listing "results" %}…{% endcareers_cache %}``.

    The object (:class:`careers.cache.Cacheable`) gives the part's entry: what it depends on and
    until when it stays right; :mod:`careers.cache` keeps it. As with Wagtail's
    ``{% wagtailcache %}``, a preview or a template rendered without a request is never cached.
    """
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError(
            f"'{bits[0]}' takes a listing or posting and a name for the part: "
            f'{{% {bits[0]} listing "results" %}}'
        )
    nodelist = parser.parse(("endcareers_cache",))
    parser.delete_first_token()
    return CareersCacheNode(
        nodelist,
        None,
        parser.compile_filter(bits[2]),
        [parser.compile_filter(bits[1])],
        None,
    )


class _StoredByCareersCache(DjangoCacheNode):
    """Django's fragment cache node, with the key and lifetime from :mod:`careers.cache`
    instead of ``vary_on`` and an expiry time; the site is in the key, as in
    ``{% wagtailpagecache %}``."""

    def render(self, context):
        request = context["request"]
        source = self.vary_on[0].resolve(context)
        name = self.fragment_name.resolve(context)
        # Looked up only for a key: without a shared cache nothing is kept.
        site = Site.find_for_request(request) if cache.enabled() else None
        return cache.render_fragment(
            source, name, request, lambda: self.nodelist.render(context), site=site
        )


class CareersCacheNode(WagtailCacheNode, _StoredByCareersCache):
    """``WagtailCacheNode`` (no request or a preview: rendered afresh), stored by
    ``_StoredByCareersCache``."""


# A posting card: ``{% careers_card posting %}`` or ``{% careers_card posting heading_level=3 %}``.
#
# Cards are most of what a listing renders: ten a page, each five small templates. When every one
# of those templates is the app's own (no site has put one of the same name before it), the card
# is written here in Python, the same HTML byte for byte (tests/listing/test_card_html.py
# compares the two on many postings), at about a third of the time. Otherwise the templates
# render it, as ``{% include "careers/includes/posting_card.html" %}`` would: so too for allied
# sites' postings and anything else that is not a posting page, in plain text (autoescaping off)
# and with ``string_if_invalid``.

CARD_TEMPLATE = "careers/includes/posting_card.html"
#: The card's templates: when any of them is a site's own, the card is rendered from templates.
CARD_TEMPLATES = (
    CARD_TEMPLATE,
    "careers/includes/card_facts.html",
    "careers/includes/location.html",
    "careers/includes/employment_types.html",
    "careers/includes/deadline.html",
)


@register.tag("careers_card")
def do_careers_card(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            f"'{bits[0]}' takes a posting: {{% {bits[0]} posting %}} or "
            f"{{% {bits[0]} posting heading_level=3 %}}"
        )
    extra = token_kwargs(bits[2:], parser, support_legacy=False)
    if len(extra) != len(bits) - 2 or "posting" in extra:
        raise template.TemplateSyntaxError(
            f"'{bits[0]}' takes name=value pairs after the posting, other than posting="
        )
    return CareersCardNode(parser.compile_filter(bits[1]), extra)


class CareersCardNode(template.Node):
    def __init__(self, posting, extra):
        self.posting = posting
        self.extra = extra

    def render(self, context):
        posting = self.posting.resolve(context)
        values = {name: value.resolve(context) for name, value in self.extra.items()}
        with context.push(posting=posting, **values):
            if isinstance(posting, AbstractJobPostingPage) and self._stock(context):
                return _write_card(posting, context)
            return self._template(context).render(context)

    def _template(self, context):
        # Found once per render of the template around it, as ``{% include %}`` does.
        cached = context.render_context.setdefault(self, {})
        if "template" not in cached:
            cached["template"] = context.template.engine.get_template(CARD_TEMPLATE)
        return cached["template"]

    def _stock(self, context):
        cached = context.render_context.setdefault(self, {})
        if "stock" not in cached:
            engine = context.template.engine
            cached["stock"] = context.autoescape and stock_templates(engine, CARD_TEMPLATES)
        return cached["stock"]


def _t(message):
    """``{% translate message %}``."""
    return conditional_escape(_(message))


def _write_card(posting, context):
    """``careers/includes/posting_card.html`` for ``posting`` (a page) in ``context``."""
    if context.get("heading_level") == 3:
        opening, closing = '<h3 class="careers-card__title">', "</h3>"
    else:
        opening, closing = '<h2 class="careers-card__title">', "</h2>"
    url = pageurl(context, posting)
    language = conditional_escape(posting.locale.language_code)
    html = (
        f'\n\n    <article class="careers-card" lang="{language}">'
        f"\n        {opening}"
        f'\n        <a href="{conditional_escape(url)}">{conditional_escape(posting.title)}</a>'
        f"\n        {closing}"
        f"\n        {_card_facts(posting)}"
        "\n    </article>\n\n"
    )
    return mark_safe(html)  # noqa: S308  # nosec B308 B703 - every value above is escaped


def _card_facts(posting):
    """``careers/includes/card_facts.html``."""
    parts = ["\n\n"]
    if posting.employers:
        names = careers_join(careers_names(posting.employers), " · ")
        parts.append(f'\n    <p class="careers-card__organisations">{names}</p>\n')
    parts.append("\n")
    if posting.introduction:
        introduction = conditional_escape(posting.introduction)
        parts.append(f'\n    <p class="careers-card__summary">{introduction}</p>\n')
    parts.append("\n")
    parts.append(
        '<p class="careers-card__facts">\n'
        f"    {_location(posting)}\n"
        f"    <br>{_employment_types(posting)}\n"
        "</p>\n"
        '<p class="careers-card__deadline">\n'
        f"    {_deadline(posting)}\n"
        "</p>\n"
    )
    languages = getattr(posting, "available_languages", None) or []
    if len(languages) > 1:
        parts.append(
            '\n    <p class="careers-card__languages">'
            f"\n        {_t('Available in:')}"
            f"\n        {careers_language_list(languages)}"
            "\n    </p>\n"
        )
    parts.append("\n")
    return "".join(parts)


def _location(posting):
    """``careers/includes/location.html``."""
    if posting.is_home_based:
        regions = posting.applicant_region_labels
        countries = careers_country_names(posting.applicant_countries)
        where = ""
        if regions or countries:
            between = ", " if regions and countries else ""
            where = (
                f":\n            {careers_join(regions, ', ')}{between}"
                f"{careers_join(countries, ', ')}"
            )
        base = ""
        locations = posting.location_list
        if locations:
            base = f"\n        <br>{_t('Based in or near')} {careers_join(locations, '; ')}\n    "
        return f"\n\n    \n        {_t('Home-based')}{where}\n    \n    {base}\n\n"
    locations = posting.location_list
    where = careers_join(locations, "; ") if locations else _t("Not given")
    hybrid = f"({_t('hybrid')})" if posting.workplace_type == "hybrid" else ""
    return f"\n\n    {where}\n    {hybrid}\n\n"


def _employment_types(posting):
    """``careers/includes/employment_types.html``."""
    text = careers_join(posting.employment_type_labels, " · ")
    if posting.time_commitment:
        text += f", {conditional_escape(posting.time_commitment)}"
    return f"{text}\n"


def _deadline(posting):
    """``careers/includes/deadline.html`` with ``closing_soon``."""
    if not posting.closes_at:
        return f"\n\n\n    {_t('Open until filled')}\n\n"
    moment = posting.closes_at_local
    state = _t("Closed") if posting.is_closed else _t("Closes")
    soon = ""
    if posting.is_closing_soon:
        soon = f'<span class="careers-tag careers-tag--soon">{_t("Closing soon")}</span>'
    return (
        f"\n\n\n    {state}"
        f'\n    <time datetime="{conditional_escape(careers_isoformat(moment))}">'
        f"{conditional_escape(careers_local_datetime(moment))}</time>"
        f"\n    {soon}\n\n"
    )
