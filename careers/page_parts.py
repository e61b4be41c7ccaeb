"""What a posting page shows from beyond its own row, worked out when the posting is indexed.

Serving a posting used to read its organisations, its locations and the organisations of its
"about" blocks (three queries), then render its body's blocks (the StreamField's templates,
the largest part of the page's time) and cut the structured data's description from it, on
every request that the cache did not answer. These do not change until the posting or one of
its organisations does, so :func:`stored_parts` works them out when the listing index is written
(:mod:`careers.posting_index`, in the transaction of the change) and keeps them in the
posting's own row of the index (:attr:`careers.models.ListingEntry.page_parts`). The posting's
route reads them in its one query (``PostingChildRoute.child_by_slug``), and the page shows them
(:meth:`careers.models.AbstractJobPostingPage.usable_page_parts`).

They are used only when they were made by this version of the app
(:func:`careers.cache.stored_key`) in the language the page is served in; else, in previews and
wherever the route did not read them, the page reads and renders everything as before. The body
is stored, and shown, only while every template its blocks render with is this app's own (a site
that overrides a block's template, or adds blocks with templates of its own, has its bodies
rendered on each request, with the request in their context).
"""

import functools
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.template import engines
from django.utils import translation
from wagtail import blocks
from wagtail.coreutils import get_supported_content_language_variant

from . import cache
from .app_templates import stock_templates
from .instances import partial_instance

#: The name under which the route's query gives a page its stored parts.
ANNOTATION = "careers_page_parts"


def stored_parts(page, rendered=None):
    """What ``page`` (a live posting, as its own class) shows from beyond its row, as plain
    JSON values. ``rendered``: a dict shared by the calls of one build, in which bodies already
    rendered (the same blocks in the same language) are kept."""
    language = page.locale.language_code
    links = list(page.organisation_links)
    parts = {
        "key": cache.stored_key(),
        "language": language,
        # [link id, role, organisation id, name, short name, website, logo id]
        "organisations": [
            [
                link.pk,
                link.role,
                link.organisation_id,
                link.organisation.name,
                link.organisation.short_name,
                link.organisation.website,
                link.organisation.logo_id,
            ]
            for link in links
        ],
        # [id, city, country]
        "locations": [
            [location.pk, location.city, str(location.country.code)]
            for location in page.location_list
        ],
        # The organisations the body's "about" blocks name: saving one renders the body again.
        "body_organisations": sorted(_body_organisations(page)),
    }
    if stock_body_templates(type(page)):
        with translation.override(language):
            body = _render_body(page, language, rendered)
            parts["body"] = body
            parts["description"] = _description(page, body)
    return json.loads(json.dumps(parts, cls=DjangoJSONEncoder))


def _render_body(page, language, rendered):
    if rendered is None:
        return str(page.body.render_as_block(context={"page": page, "self": page}))
    # Blocks differ from page to page by their ids alone, which are not shown.
    key = (language, json.dumps(_without_ids(list(page.body.raw_data)), cls=DjangoJSONEncoder))
    if key not in rendered:
        rendered[key] = str(page.body.render_as_block(context={"page": page, "self": page}))
    return rendered[key]


def _without_ids(value):
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    if isinstance(value, dict):
        block = "type" in value and "value" in value
        return {k: _without_ids(v) for k, v in value.items() if not (block and k == "id")}
    return value


def _description(page, body):
    from .structured_data import description_html  # cycle: it imports the models' modules

    return description_html(page, body)


def _body_organisations(page):
    found = set()
    for child in page.body.raw_data if page.body else ():
        if child.get("type") == "about_organisation":
            value = child.get("value") or {}
            if isinstance(value.get("organisation"), int):
                found.add(value["organisation"])
    return found


def usable(parts):
    """Whether stored ``parts`` may be shown now: made by this version of the app, in the
    active language (or the content language it is a variant of: ``en-us``
    shows what was made in ``en``)."""
    if not isinstance(parts, dict) or parts.get("key") != cache.stored_key():
        return False
    active = translation.get_language()
    if parts.get("language") == active:
        return True
    try:
        return parts.get("language") == get_supported_content_language_variant(active)
    except LookupError:
        return False


def organisation_links(page, parts):
    """``page``'s organisation links (its ``hiring_organisations``) made from its stored
    ``parts``, each with its organisation: as read with only the columns shown (a template that
    reads another gets it, at a query)."""
    links = page._meta.get_field("hiring_organisations").related_model
    organisations = links._meta.get_field("organisation").related_model
    db, made = page._state.db, []
    for link_id, role, pk, name, short_name, website, logo_id in parts["organisations"]:
        link = partial_instance(
            links, {"id": link_id, "page_id": page.pk, "role": role, "organisation_id": pk}, db
        )
        values = {"id": pk, "name": name, "short_name": short_name, "website": website}
        link.organisation = partial_instance(organisations, {**values, "logo_id": logo_id}, db)
        made.append(link)
    return made


def location_list(page, parts):
    """``page``'s locations made from its stored ``parts``."""
    locations = page._meta.get_field("locations").related_model
    db = page._state.db
    return [
        partial_instance(
            locations, {"id": pk, "page_id": page.pk, "city": city, "country": country}, db
        )
        for pk, city, country in parts["locations"]
    ]


def statement(page, values):
    """``page``'s equal-opportunity statement (its own, or its language's default), read with
    the page by its route as ``{id, text}`` (or None: there is none), with its other columns
    deferred."""
    if not values:
        return None
    from .models import EqualOpportunityStatement  # cycle: the models import this module

    return partial_instance(EqualOpportunityStatement, values, page._state.db)


def stock_body_templates(model):
    """Whether every template ``model``'s body blocks render with is this app's own, found by
    the default template engine (which renders them), with no ``string_if_invalid``."""
    return _stock_templates(model)


@functools.lru_cache(maxsize=64)
def _stock_templates(model):
    stream_block = model._meta.get_field("body").stream_block
    # Blocks are rendered by the first engine configured (Wagtail's render_to_string); one
    # that is not Django's (Jinja2) has its bodies rendered on each request.
    backend = engines.all()[0] if engines.all() else None
    engine = getattr(backend, "engine", None)
    return stock_templates(engine, list(_block_templates(stream_block, set())))


def _block_templates(block, seen):
    """The template names of ``block`` and the blocks within it."""
    if id(block) in seen:
        return
    seen.add(id(block))
    template = getattr(block.meta, "template", None)
    if template:
        yield template
    if isinstance(block, blocks.ListBlock):
        yield from _block_templates(block.child_block, seen)
    for child in getattr(block, "child_blocks", {}).values():
        yield from _block_templates(child, seen)


def forget_template_checks(setting=None, **kwargs):
    """Forget which bodies' templates were found to be the app's own: connected to Django's
    ``setting_changed`` (a test that changes ``TEMPLATES``) in ``careers.apps``."""
    if setting in (None, "TEMPLATES", "INSTALLED_APPS"):
        _stock_templates.cache_clear()
