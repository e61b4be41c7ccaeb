"""Keeps the listing index (:class:`careers.models.ListingEntry`) in step with the postings.

Each posting (all the language versions sharing a ``translation_key``) is indexed as a whole:
its rows, one per locale, are worked out from the database and rewritten together, inside the
transaction of the change that calls for it. The receivers below call :func:`reindex` for the
postings a change concerns, as Wagtail keeps its search index: publishing, unpublishing,
saving a live posting or its organisations and locations, moving a page (the postings below it
move too), deleting one, a view restriction saved or deleted, a locale added. ``manage.py
careers_index`` rebuilds the whole index, or reports how it differs from what it should be.

The builder takes the models as arguments, so the data migration that fills the index on
``migrate`` runs it on the historical models.
"""

import types
import uuid

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

#: Page fields the rows are made from: a save that writes none of them (a draft's revision
#: bookkeeping) leaves the index alone.
INDEXED_FIELDS = {
    "live",
    "path",
    "depth",
    "locale",
    "locale_id",
    "translation_key",
    "closing_date",
    "closing_time",
    "closing_timezone",
    "open_until_filled",
    "closes_at",
    "is_filled",
    "date_posted",
    "first_published_at",
    "workplace_type",
    "employment_types",
    "applicant_regions",
    "applicant_countries",
    "country_codes",
    "language_codes",
}

PAGE_VALUES = (
    "id",
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
)

BATCH_SIZE = 2000


def current_models():
    get = apps.get_model
    return types.SimpleNamespace(
        JobPostingPage=get("careers", "JobPostingPage"),
        HiringOrganisation=get("careers", "HiringOrganisation"),
        ListingEntry=get("careers", "ListingEntry"),
        ListingFacet=get("careers", "ListingFacet"),
        Locale=get("wagtailcore", "Locale"),
        PageViewRestriction=get("wagtailcore", "PageViewRestriction"),
    )


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


def desired_rows(models, keys=None):
    """What the index should hold for the postings ``keys`` (all when None): a dict of
    ``(posting_key, locale_id) -> (fields, facets)``, ``facets`` a set of (facet, value)."""
    pages = models.JobPostingPage.objects.filter(live=True)
    if keys is not None:
        keys = list(keys)
        if not keys:
            return {}
        pages = pages.filter(translation_key__in=keys)
    pages = list(pages.order_by("pk").values(*PAGE_VALUES))
    if not pages:
        return {}
    organisations = {}
    links = models.HiringOrganisation.objects.order_by("page_id", "sort_order", "pk")
    for chunk in _chunks([page["id"] for page in pages], 10000 if keys is None else BATCH_SIZE):
        for page_id, organisation_id in links.filter(page_id__in=chunk).values_list(
            "page_id", "organisation_id"
        ):
            organisations.setdefault(page_id, []).append(organisation_id)
    restricted = list(
        models.PageViewRestriction.objects.values_list("page__path", flat=True).distinct()
    )
    locale_ids = list(models.Locale.objects.order_by("pk").values_list("pk", flat=True))

    groups = {}
    for page in pages:
        page["is_public"] = not any(page["path"].startswith(path) for path in restricted)
        groups.setdefault(page["translation_key"], []).append(page)

    rows = {}
    for key, versions in groups.items():
        by_locale = {page["locale_id"]: page for page in versions}
        public = [page for page in versions if page["is_public"]]
        first = public[0] if public else versions[0]
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
            facets = _facets(page, organisations.get(page["id"], []))
            fields["facets"] = [list(pair) for pair in sorted(facets)]
            rows[(key, locale_id)] = (fields, facets)
    return rows


def _facets(page, organisation_ids):
    facets = {("organisation", str(pk)) for pk in organisation_ids}
    facets.update(("country", code) for code in _split(page["country_codes"]))
    facets.update(("region", code) for code in _split(page["applicant_regions"]))
    facets.update(("employment", code) for code in _split(page["employment_types"]))
    facets.update(("language", code) for code in _split(page["language_codes"]))
    if page["workplace_type"]:
        facets.add(("workplace", page["workplace_type"]))
    return frozenset(facets)


def existing_rows(models, keys=None):
    """What the index holds for this site's pages, in the shape of :func:`desired_rows`."""
    entries = models.ListingEntry.objects.filter(origin="")
    facets = models.ListingFacet.objects.filter(entry__origin="")
    if keys is not None:
        entries = entries.filter(posting_key__in=keys)
        facets = facets.filter(entry__posting_key__in=keys)
    names = ("page_id", "is_fallback", "path", "depth", "is_public", "closes_at", "is_filled")
    names += ("date_posted", "first_published_at", "workplace_type", "facets")
    by_entry = {}
    for entry_id, facet, value in facets.values_list("entry_id", "facet", "value").iterator():
        by_entry.setdefault(entry_id, set()).add((facet, value))
    rows = {}
    for entry in entries.values("pk", "posting_key", "locale_id", *names).iterator():
        fields = {name: entry[name] for name in names}
        rows[(entry["posting_key"], entry["locale_id"])] = (
            fields,
            frozenset(by_entry.get(entry["pk"], ())),
        )
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


def reindex(keys, models=None):
    """Rewrite the rows of the postings ``keys`` (their ``translation_key`` values)."""
    keys = {uuid.UUID(str(key)) for key in keys if key}
    if not keys:
        return
    models = models or current_models()
    with transaction.atomic():
        rows = desired_rows(models, keys)
        models.ListingFacet.objects.filter(entry__posting_key__in=keys, entry__origin="").delete()
        models.ListingEntry.objects.filter(posting_key__in=keys, origin="").delete()
        _write(models, rows)


def rebuild(models=None):
    """Rebuild every row of this site's postings; returns how many rows there are now."""
    models = models or current_models()
    with transaction.atomic():
        rows = desired_rows(models)
        facets = models.ListingFacet.objects.filter(entry__origin="")
        facets._raw_delete(facets.db)
        entries = models.ListingEntry.objects.filter(origin="")
        entries._raw_delete(entries.db)
        _write(models, rows)
    return len(rows)


def drift(models=None):
    """How the index differs from what it should be: (missing, extra, different) row keys."""
    models = models or current_models()
    desired = desired_rows(models)
    existing = existing_rows(models)
    missing = sorted(set(desired) - set(existing), key=str)
    extra = sorted(set(existing) - set(desired), key=str)
    different = sorted(
        (key for key in set(desired) & set(existing) if desired[key] != existing[key]), key=str
    )
    return missing, extra, different


# Receivers


def posting_models():
    from .models import JobPostingPage

    return [model for model in apps.get_models() if issubclass(model, JobPostingPage)]


def _keys_of(pages):
    return set(pages.values_list("translation_key", flat=True))


def reindex_posting(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and not (set(update_fields) & INDEXED_FIELDS):
        return
    reindex([instance.translation_key])


def reindex_posting_of_child(sender, instance, **kwargs):
    from .models import JobPostingPage

    reindex(_keys_of(JobPostingPage.objects.filter(pk=instance.page_id, live=True)))


def reindex_postings_below(sender, instance, **kwargs):
    """A page moved, or its view restriction changed: the postings at and below it."""
    from wagtail.models import Page

    from .models import JobPostingPage

    page_id = instance.pk if isinstance(instance, Page) else instance.page_id
    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
    if path is None:
        return
    reindex(_keys_of(JobPostingPage.objects.filter(path__startswith=path)))


def rebuild_for_locale(sender, instance, created=False, **kwargs):
    if created:
        rebuild()


def connect():
    """Attach the receivers to the models they concern (called from ``AppConfig.ready``)."""
    from wagtail.models import Locale, Page, PageViewRestriction

    from .models import HiringOrganisation, PostingLocation

    for model in posting_models():
        label = model._meta.label_lower
        post_save.connect(reindex_posting, sender=model, dispatch_uid=f"careers_index_save_{label}")
        post_delete.connect(
            reindex_posting, sender=model, dispatch_uid=f"careers_index_delete_{label}"
        )
        page_published.connect(
            reindex_posting, sender=model, dispatch_uid=f"careers_index_publish_{label}"
        )
        page_unpublished.connect(
            reindex_posting, sender=model, dispatch_uid=f"careers_index_unpublish_{label}"
        )
    # Moving any page may move postings below it.
    for model in apps.get_models():
        if issubclass(model, Page):
            post_page_move.connect(
                reindex_postings_below,
                sender=model,
                dispatch_uid=f"careers_index_move_{model._meta.label_lower}",
            )
    for model in (HiringOrganisation, PostingLocation):
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
