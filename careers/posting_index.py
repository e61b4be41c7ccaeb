"""Keeps the listing index (:class:`careers.models.ListingEntry`) in step with the postings.

Each posting (all the language versions sharing a ``translation_key``) is indexed as a whole:
its rows, one per locale, are worked out from the database and those that changed rewritten,
inside the transaction of the change that calls for it. Postings of every type are indexed
(``careers.models.posting_table_models()``: each table once). The receivers below call
:func:`reindex` for the postings a change concerns, as Wagtail keeps its search index: saving
a posting (publishing and unpublishing save it), its organisations and locations (a posting's
``save()`` is a :func:`batch`, so they index it once with its page), moving a page (the
postings below it move too), deleting one, a view restriction saved or deleted, an
organisation saved or deleted (cards show its name; feed facts its short name and website too),
a locale added. ``manage.py careers_index`` rebuilds the whole index, or reports how it differs
from what it should be.

The builder takes the models as arguments, so the data migration that fills the index on
``migrate`` runs it on the historical models.
"""

import contextlib
import contextvars
import types
import uuid

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page
from wagtail.signals import page_unpublished, post_page_move

from . import cache
from .choices import OrganisationRole

EMPLOYER = OrganisationRole.EMPLOYER.value

#: Page columns a row is made from (besides ``id``).
ROW_SOURCES = (
    "translation_key",
    "locale_id",
    "path",
    "depth",
    "closes_at",
    "is_filled",
    "date_posted",
    "first_published_at",
    "workplace_type",
    "employment_types",
    "applicant_regions",
    "country_codes",
    "language_codes",
    "introduction",
    "time_commitment",
    "closing_timezone",
    "applicant_countries",
)

#: Page fields the rows depend on: those they are made from, and those the page's ``save()``
#: derives them from (``closes_at`` from the closing date, time, zone and open-until-filled;
#: ``country_codes`` from the countries), and the body, which the stored page parts show. A
#: save that writes none of them (a draft's revision bookkeeping) leaves the index alone.
INDEXED_FIELDS = frozenset(ROW_SOURCES) | {
    "body",
    "live",
    "locale",
    "closing_date",
    "closing_time",
    "closing_timezone",
    "open_until_filled",
    "applicant_countries",
}

#: What a row's ``card`` holds (see :attr:`careers.models.ListingEntry.card`) besides the
#: employers (``[id, name, short name]``), the locations (``[city, country]``) and the
#: ``languages`` the posting is live and public in (codes, sorted): the shown page's values of
#: these text fields, and of these multiple-choice fields as lists.
CARD_TEXT = ("introduction", "time_commitment", "closing_timezone")
CARD_LISTS = ("employment_types", "applicant_regions", "applicant_countries")

#: What is read of each live posting page.
PAGE_VALUES = ("id", "content_type_id", *ROW_SOURCES)

#: The row's own columns, compared with what they should be (``page_id`` ... ``facets``).
ROW_FIELDS = (
    "page_id",
    "is_fallback",
    "path",
    "depth",
    "parent_key",
    "is_public",
    "closes_at",
    "is_filled",
    "date_posted",
    "first_published_at",
    "workplace_type",
    "facets",
    "card",
    "facts",
    "page_parts",
)

BATCH_SIZE = 2000


def current_models():
    # Deferred: the models, and the facts (made from model instances), import this module.
    from .facts import facts_by_page
    from .models import posting_table_models

    get = apps.get_model
    return types.SimpleNamespace(
        facts_by_page=facts_by_page,
        makes_page_parts=True,
        JobPostingPage=get("careers", "JobPostingPage"),
        posting_models=posting_table_models(),
        ListingEntry=get("careers", "ListingEntry"),
        ListingFacet=get("careers", "ListingFacet"),
        Locale=get("wagtailcore", "Locale"),
        Page=get("wagtailcore", "Page"),
        PageViewRestriction=get("wagtailcore", "PageViewRestriction"),
    )


def _page_models(models):
    """The posting tables to read: every posting type's (see ``posting_table_models``); a
    migration's historical namespace has ``JobPostingPage`` only."""
    return getattr(models, "posting_models", None) or [models.JobPostingPage]


def _split(value):
    if not value:
        return []
    if isinstance(value, str):
        return [part for part in value.split(",") if part]
    return [str(part) for part in value]


def _chunks(values, size=BATCH_SIZE):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _related(model, name):
    """The rows of a posting table's own relation ``name`` (a posting type made from the
    abstract model has its own tables of organisations and locations), or None."""
    try:
        return model._meta.get_field(name).related_model.objects
    except FieldDoesNotExist:  # reported by the system check careers.E005
        return None


def _live_pages(models, keys):
    """The live posting pages of every posting table, each with its ``organisations`` (the
    ids of every organisation it names), ``employers`` (``[id, name, short name]`` of those
    that hire), ``locations`` (``[city, country]``) and, once the index has the column, the
    ``parent_key`` of the page above it, in their order."""
    pages = []
    size = 10000 if keys is None else BATCH_SIZE
    for model in _page_models(models):
        found = model.objects.filter(live=True)
        if keys is not None:
            found = found.filter(translation_key__in=keys)
        names = PAGE_VALUES
        if _has_column(models, "parent_key"):
            found = found.annotate(parent_key=parent_key(models))
            names = (*names, "parent_key")
        found = list(found.order_by("pk").values(*names))
        if not found:
            continue
        by_id = {}
        for page in found:
            page.update(organisations=[], employers=[], locations=[])
            by_id[page["id"]] = page
        pages.extend(found)
        links = _related(model, "hiring_organisations")
        locations = _related(model, "locations")
        for chunk in _chunks(by_id, size):
            if links is not None:
                rows = links.filter(page_id__in=chunk).order_by("page_id", "sort_order", "pk")
                for page_id, pk, role, name, short_name in rows.values_list(
                    "page_id",
                    "organisation_id",
                    "role",
                    "organisation__name",
                    "organisation__short_name",
                ):
                    page = by_id[page_id]
                    page["organisations"].append(pk)
                    if role == EMPLOYER:
                        page["employers"].append([pk, name, short_name])
            if locations is not None:
                rows = locations.filter(page_id__in=chunk).order_by("page_id", "sort_order", "pk")
                for page_id, city, country in rows.values_list("page_id", "city", "country"):
                    by_id[page_id]["locations"].append([city, str(country)])
    pages.sort(key=lambda page: page["id"])
    return pages


def _card(page, languages):
    """What the row's ``card`` holds for ``page`` (see :data:`CARD_TEXT`); ``languages``: the
    codes of the posting's live, public versions."""
    return {
        **{name: page[name] or "" for name in CARD_TEXT},
        **{name: _split(page[name]) for name in CARD_LISTS},
        "employers": page["employers"],
        "locations": page["locations"],
        "languages": languages,
    }


def _has_column(models, name):
    try:
        models.ListingEntry._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def has_cards(models):
    """Whether the index has its ``card`` column yet (a migration before 0012 runs the builder
    on a table without it)."""
    return _has_column(models, "card")


def row_fields(models):
    """The row's own columns that ``models`` has (``card`` from migration 0012, ``facts`` from
    0014, ``page_parts`` from 0016, and only where the builder makes them: not with a
    migration's historical models)."""
    return tuple(
        name
        for name in ROW_FIELDS
        if _has_column(models, name) and (name != "page_parts" or _makes_parts(models))
    )


def _makes_parts(models):
    return _has_column(models, "page_parts") and getattr(models, "makes_page_parts", False)


def desired_rows(models, keys=None):
    """What the index should hold for the postings ``keys`` (all when None): a dict of
    ``(posting_key, locale_id) -> (fields, facets)``, ``facets`` a set of (facet, value)."""
    if keys is not None:
        keys = list(keys)
        if not keys:
            return {}
    pages = _live_pages(models, keys)
    if not pages:
        return {}
    cards = has_cards(models)
    restricted = list(
        models.PageViewRestriction.objects.values_list("page__path", flat=True).distinct()
    )
    codes = dict(models.Locale.objects.order_by("pk").values_list("pk", "language_code"))
    locale_ids = list(codes)

    groups = {}
    for page in pages:
        page["is_public"] = not any(page["path"].startswith(path) for path in restricted)
        groups.setdefault(page["translation_key"], []).append(page)

    rows, shown = {}, {}
    for key, versions in groups.items():
        by_locale = {page["locale_id"]: page for page in versions}
        public = [page for page in versions if page["is_public"]]
        first = public[0] if public else versions[0]
        # What a listing reads as each card's "available in" (its own versions' rows).
        languages = sorted(
            codes[page["locale_id"]] for page in public if page["locale_id"] in codes
        )
        for locale_id in locale_ids:
            own = by_locale.get(locale_id)
            page = own if own is not None and (own["is_public"] or not public) else first
            fields = {
                "page_id": page["id"],
                "is_fallback": page["locale_id"] != locale_id,
                "path": page["path"],
                "depth": page["depth"],
                "is_public": page["is_public"],
                "closes_at": page["closes_at"],
                "is_filled": page["is_filled"],
                "date_posted": page["date_posted"],
                "first_published_at": page["first_published_at"],
                "workplace_type": page["workplace_type"] or "",
            }
            if "parent_key" in page:
                fields["parent_key"] = page["parent_key"]
            facets = _facets(page, page["organisations"])
            fields["facets"] = [list(pair) for pair in sorted(facets)]
            if cards:
                fields["card"] = _card(page, languages)
            rows[(key, locale_id)] = (fields, facets)
            shown[page["id"]] = page["content_type_id"]
    if _has_column(models, "facts"):
        # Facts and page parts are made from model instances: a migration's historical models
        # leave them empty, for the feeds and pages to read from the pages until the index is
        # rebuilt. Page parts are read from a posting's own rows only.
        facts_by_page = getattr(models, "facts_by_page", None)
        with_parts = _makes_parts(models)
        own = {fields["page_id"] for fields, _facets in rows.values() if not fields["is_fallback"]}
        facts, parts = (
            facts_by_page(shown.items(), parts_of=own if with_parts else ())
            if facts_by_page
            else ({}, {})
        )
        for fields, _row_facets in rows.values():
            fields["facts"] = facts.get(fields["page_id"])
            if with_parts:
                fields["page_parts"] = (
                    None if fields["is_fallback"] else parts.get(fields["page_id"])
                )
    return rows


def parent_key(models):
    """The ``translation_key`` of the page above a page (in a query of pages): the page whose
    path is the page's without its last level."""
    pages = getattr(models, "Page", Page)  # a migration's namespace may not have it
    above = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    return Subquery(pages.objects.filter(path=above).values("translation_key")[:1])


def _facets(page, organisation_ids):
    facets = {("organisation", str(pk)) for pk in organisation_ids}
    facets.update(("country", code) for code in _split(page["country_codes"]))
    facets.update(("region", code) for code in _split(page["applicant_regions"]))
    facets.update(("employment", code) for code in _split(page["employment_types"]))
    facets.update(("language", code) for code in _split(page["language_codes"]))
    if page["workplace_type"]:
        facets.add(("workplace", page["workplace_type"]))
    return frozenset(facets)


def existing_rows(models, keys=None, with_facet_rows=True):
    """What the index holds for this site's pages, in the shape of :func:`desired_rows`, each
    with its ``pk`` as a third item.

    ``with_facet_rows=False`` takes the facets from the row's ``facets`` column (what a
    reindex compares) instead of reading the :class:`ListingFacet` rows (what a drift check
    compares, to find those rows out of step too).
    """
    entries = models.ListingEntry.objects.filter(origin="")
    facets = models.ListingFacet.objects.filter(entry__origin="")
    if keys is not None:
        entries = entries.filter(posting_key__in=keys)
        facets = facets.filter(entry__posting_key__in=keys)
    by_entry = {}
    if with_facet_rows:
        for entry_id, facet, value in facets.values_list("entry_id", "facet", "value").iterator():
            by_entry.setdefault(entry_id, set()).add((facet, value))
    rows = {}
    names = row_fields(models)
    for entry in entries.values("pk", "posting_key", "locale_id", *names).iterator():
        fields = {name: entry[name] for name in names}
        if with_facet_rows:
            facet_set = frozenset(by_entry.get(entry["pk"], ()))
        else:
            facet_set = frozenset(tuple(pair) for pair in entry["facets"] or ())
        rows[(entry["posting_key"], entry["locale_id"])] = (fields, facet_set, entry["pk"])
    return rows


def _write(models, rows):
    entries, facet_lists = [], []
    for (key, locale_id), (fields, facets) in rows.items():
        entries.append(models.ListingEntry(posting_key=key, locale_id=locale_id, **fields))
        facet_lists.append(sorted(facets))
    for start in range(0, len(entries), BATCH_SIZE):
        batch = entries[start : start + BATCH_SIZE]
        models.ListingEntry.objects.bulk_create(batch)
        if batch and batch[0].pk is None:  # a database that returns no ids from a bulk insert
            saved = models.ListingEntry.objects.filter(
                origin="", posting_key__in={entry.posting_key for entry in batch}
            ).values_list("posting_key", "locale_id", "pk")
            ids = {(key, locale_id): pk for key, locale_id, pk in saved}
            for entry in batch:
                entry.pk = ids[(entry.posting_key, entry.locale_id)]
        models.ListingFacet.objects.bulk_create(
            [
                models.ListingFacet(entry_id=entry.pk, facet=facet, value=value)
                for entry, facets in zip(
                    batch, facet_lists[start : start + BATCH_SIZE], strict=True
                )
                for facet, value in facets
            ],
            batch_size=BATCH_SIZE * 4,
        )


def _raw_delete(qs):
    """Delete without Django's collector, which would read the rows (and their facets) first:
    nothing else points at these rows, and the caller deletes the facets itself."""
    qs._raw_delete(qs.db)


def reindex(keys, models=None):
    """Rewrite the rows of the postings ``keys`` (their ``translation_key`` values) that are
    not what they should be; inside a :func:`batch`, once, when it ends.

    A posting's rows are compared with what they should be first: a publish that changed one
    language version rewrites that version's row (and those that fall back to it), and a save
    that changed nothing they hold writes nothing.
    """
    keys = {uuid.UUID(str(key)) for key in keys if key}
    if not keys:
        return
    pending = _pending.get()
    if pending is not None:
        pending.keys.update(keys)
        return
    models = models or current_models()
    with transaction.atomic(savepoint=False):
        desired = desired_rows(models, keys)
        existing = existing_rows(models, keys, with_facet_rows=False)
        stale = [pk for row, (*value, pk) in existing.items() if desired.get(row) != tuple(value)]
        for chunk in _chunks(stale):
            _raw_delete(models.ListingFacet.objects.filter(entry_id__in=chunk))
            _raw_delete(models.ListingEntry.objects.filter(pk__in=chunk))
        kept = {row for row, (*value, pk) in existing.items() if desired.get(row) == tuple(value)}
        written = {row: value for row, value in desired.items() if row not in kept}
        _write(models, written)
        if stale or written:
            _rows_changed()


class _Batch:
    def __init__(self):
        #: The postings called for.
        self.keys = set()
        #: Their pages saved in the batch, id -> posting: what their organisations and
        #: locations, saved after them, belong to.
        self.page_keys = {}


_pending = contextvars.ContextVar("careers_index_batch", default=None)


@contextlib.contextmanager
def batch():
    """Index the postings called for inside this block once, when it ends (still inside the
    transaction of the change): saving a posting writes its page, then its organisations and
    locations, and each would otherwise rewrite its rows."""
    if _pending.get() is not None:  # an outer batch writes them
        yield
        return
    pending = _Batch()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    reindex(pending.keys)


def rebuild(models=None):
    """Rebuild every row of this site's postings; returns how many rows there are now."""
    models = models or current_models()
    with transaction.atomic():
        rows = desired_rows(models)
        _raw_delete(models.ListingFacet.objects.filter(entry__origin=""))
        _raw_delete(models.ListingEntry.objects.filter(origin=""))
        _write(models, rows)
        _rows_changed()
    return len(rows)


def _rows_changed():
    """Rows were rewritten, under new ids: what :mod:`careers.cache` keeps is dropped, now and
    when the change is committed, whatever rewrote them (a publish drops it too, but a new
    language, a renamed organisation or a site's own call to :func:`reindex` or :func:`rebuild`
    need not), as cached ids of rows (a keyword search's) would name rows that are gone."""
    cache.new_generation()
    transaction.on_commit(cache.new_generation)


def drift(models=None):
    """How the index differs from what it should be: (missing, extra, different) row keys."""
    models = models or current_models()
    desired = desired_rows(models)
    existing = {row: value[:2] for row, value in existing_rows(models).items()}
    missing = sorted(set(desired) - set(existing), key=str)
    extra = sorted(set(existing) - set(desired), key=str)
    different = sorted(
        (key for key in set(desired) & set(existing) if desired[key] != existing[key]), key=str
    )
    return missing, extra, different


# Receivers


def _keys_of(pages):
    return set(pages.values_list("translation_key", flat=True))


def _postings():
    """Every posting page, of any posting type, as a Page QuerySet."""
    from .models import posting_models

    return Page.objects.type(*posting_models())


def reindex_unpublished(sender, instance, **kwargs):
    reindex([instance.translation_key])


def reindex_posting(sender, instance, update_fields=None, **kwargs):
    pending = _pending.get()
    if pending is not None:
        pending.page_keys[instance.pk] = instance.translation_key
    if update_fields is not None and not (set(update_fields) & INDEXED_FIELDS):
        return
    reindex([instance.translation_key])


def reindex_posting_of_child(sender, instance, **kwargs):
    """An organisation or location of a posting saved or deleted. Inside the posting's own
    ``save()`` (a :func:`batch`), its page's save has already called for it."""
    pending = _pending.get()
    if pending is not None and instance.page_id in pending.page_keys:
        reindex([pending.page_keys[instance.page_id]])
        return
    reindex(_keys_of(_postings().filter(pk=instance.page_id, live=True)))


def reindex_postings_below(sender, instance, parent_page_after=None, **kwargs):
    """A page moved, or its view restriction changed: the postings at and below it.

    A page moved before one of its new siblings shifts the paths of those after it, and of the
    pages below them, with no signal of their own: the postings below its new parent whose rows
    no longer hold their page's path are reindexed too.
    """
    page_id = instance.pk if isinstance(instance, Page) else instance.page_id
    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
    if path is None:
        return
    keys = _keys_of(_postings().filter(path__startswith=path))
    if parent_page_after is not None:
        ListingEntry = apps.get_model("careers", "ListingEntry")
        parent = Page.objects.filter(pk=parent_page_after.pk).values_list("path", flat=True)
        shifted = ListingEntry.objects.filter(page__path__startswith=parent.first() or path)
        shifted = shifted.exclude(path=F("page__path"))
        keys.update(shifted.values_list("posting_key", flat=True).distinct())
    reindex(keys)


def _keys_naming(organisation_id):
    """The live postings that name an organisation: among their organisations, or as the
    organisation their role reports to."""
    from .models import posting_table_models

    keys = set()
    for model in posting_table_models():
        links = _related(model, "hiring_organisations")
        if links is not None:
            pages = links.filter(organisation_id=organisation_id, page__live=True)
            keys.update(pages.values_list("page__translation_key", flat=True))
        pages = model.objects.filter(reports_to_organisation_id=organisation_id, live=True)
        keys.update(pages.values_list("translation_key", flat=True))
    # Postings whose body's "about" blocks name it (their stored bodies show its text); read
    # from their rows' page parts, as JSON lookups on ``contains`` differ between databases.
    named = apps.get_model("careers", "ListingEntry").objects.filter(
        origin="", page_parts__body_organisations__0__isnull=False
    )
    for key, ids in named.values_list("posting_key", "page_parts__body_organisations"):
        if organisation_id in (ids or ()):
            keys.add(key)
    return keys


def reindex_postings_naming(sender, instance, created=False, **kwargs):
    """An organisation saved: the postings that name it, whose cards show its name and whose
    feed facts its name, short name and website."""
    if created:
        return
    reindex(_keys_naming(instance.pk))


def note_postings_naming(sender, instance, **kwargs):
    """An organisation about to be deleted: the postings that name it, to reindex once it is
    gone. Only those that report to it can name it (a posting's organisation protects it from
    deletion), and Django empties their ``reports_to_organisation`` without saving them."""
    instance._careers_posting_keys = _keys_naming(instance.pk)


def reindex_postings_named(sender, instance, **kwargs):
    reindex(getattr(instance, "_careers_posting_keys", ()))


def rebuild_for_locale(sender, instance, created=False, **kwargs):
    if created:
        rebuild()


def connect():
    """Attach the receivers to the models they concern (called from ``AppConfig.ready``).

    Publishing and unpublishing save the posting itself (``post_save``), except when
    ``publish_scheduled`` expires it: it unpublishes a plain ``Page``, whose save is sent for
    ``Page``; Wagtail's ``page_unpublished``, sent for the posting's own class, catches that.
    """
    from wagtail.models import Locale, Page, PageViewRestriction

    from .models import Organisation, posting_models, posting_table_models

    for model in posting_models():
        label = model._meta.label_lower
        post_save.connect(reindex_posting, sender=model, dispatch_uid=f"careers_index_save_{label}")
        post_delete.connect(
            reindex_posting, sender=model, dispatch_uid=f"careers_index_delete_{label}"
        )
        page_unpublished.connect(
            reindex_unpublished, sender=model, dispatch_uid=f"careers_index_unpublish_{label}"
        )
    # Moving any page may move postings below it.
    for model in apps.get_models():
        if issubclass(model, Page):
            post_page_move.connect(
                reindex_postings_below,
                sender=model,
                dispatch_uid=f"careers_index_move_{model._meta.label_lower}",
            )
    # Each posting table's organisations and locations (a posting type made from the abstract
    # model has its own).
    for posting_model in posting_table_models():
        for name in ("hiring_organisations", "locations"):
            try:
                model = posting_model._meta.get_field(name).related_model
            except FieldDoesNotExist:  # reported by the system check careers.E005
                continue
            for signal in (post_save, post_delete):
                signal.connect(
                    reindex_posting_of_child,
                    sender=model,
                    dispatch_uid=f"careers_index_{signal is post_save}_{model._meta.label_lower}",
                )
    post_save.connect(
        reindex_postings_below, sender=PageViewRestriction, dispatch_uid="careers_index_pvr_save"
    )
    post_delete.connect(
        reindex_postings_below, sender=PageViewRestriction, dispatch_uid="careers_index_pvr_delete"
    )
    post_save.connect(rebuild_for_locale, sender=Locale, dispatch_uid="careers_index_locale")
    post_save.connect(
        reindex_postings_naming, sender=Organisation, dispatch_uid="careers_index_organisation"
    )
    pre_delete.connect(
        note_postings_naming, sender=Organisation, dispatch_uid="careers_index_organisation_note"
    )
    post_delete.connect(
        reindex_postings_named, sender=Organisation, dispatch_uid="careers_index_organisation_gone"
    )
