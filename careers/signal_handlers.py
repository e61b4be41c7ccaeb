"""What happens when content the app shows changes: what :mod:`careers.cache` keeps is dropped,
and with ``wagtail.contrib.frontend_cache`` the listing pages that show a posting are purged
when it is published or unpublished (Wagtail itself purges the posting).

Every receiver is connected to the models it concerns (``sender=``), as Wagtail's own
``frontend_cache`` does, never to every save or delete in the project:

- the posting and listing page models (and their subclasses): published, unpublished, deleted;
- any page model, for a move or a new slug (``post_page_move``, ``page_slug_changed``), but
  only when careers pages sit at or below that page (their addresses change);
- ``Organisation``, ``EqualOpportunityStatement``, ``Site``, ``PageViewRestriction`` and the
  listing pages' organisation links: saved or deleted.
"""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import cache
from .models import ListingScope, listing_models, posting_models

#: The snippets and Wagtail models whose changes a cached page may show.
CONTENT_MODELS = (
    "careers.Organisation",
    "careers.EqualOpportunityStatement",
    Site,
    PageViewRestriction,
)


def careers_page_models():
    """The posting and listing page models, a site's subclasses included."""
    return [*posting_models(), *listing_models()]


def organisation_link_models():
    """The models of the listing pages' organisation links (``listed_organisations``): a
    served listing's cache keys name its page rather than these (``PostingQuery.cache_key``),
    so saving or deleting one must drop what is cached, as publishing the page does."""
    models = set()
    for model in listing_models():
        links = getattr(model, "listed_organisations", None)
        if links is not None:
            models.add(links.rel.related_model)
    return sorted(models, key=lambda model: model._meta.label_lower)


def page_models():
    return [model for model in apps.get_models() if issubclass(model, Page)]


def drop_cached_content(**kwargs):
    """Drop what :mod:`careers.cache` keeps, now and again when the change is committed: what a
    request cached in between, from a database or a search index that did not show the change
    yet, must not outlive it."""
    cache.new_generation()
    transaction.on_commit(cache.new_generation)


def has_careers_pages_at_or_below(page):
    return Page.objects.filter(path__startswith=page.path).type(*careers_page_models()).exists()


def drop_cached_content_if_careers_pages_below(instance, **kwargs):
    """A move of a page, or a new slug, carries the careers pages at or below it to new
    addresses."""
    if has_careers_pages_at_or_below(instance):
        drop_cached_content()


def listing_pages_showing(posting):
    parent = posting.get_parent()
    pages = []
    site = posting.get_site()
    roots = site.root_page.get_translations(inclusive=True) if site is not None else []
    for model in listing_models():
        pages += list(model.objects.live().filter(translation_key=parent.translation_key))
        for root in roots:
            pages += list(
                model.objects.live().descendant_of(root).filter(listing_scope=ListingScope.SITE)
            )
    return {page.pk: page for page in pages}.values()


def frontend_cache_enabled():
    return apps.is_installed("wagtail.contrib.frontend_cache")


def purge_listings_showing(instance, **kwargs):
    """Purge the listing pages that show a posting just published or unpublished: each page's
    ``get_cached_paths()`` (the listing, its recently closed postings and its feeds)."""
    if not frontend_cache_enabled():
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_pages(listing_pages_showing(instance))
    batch.purge()


def connect():
    """Connect the receivers to their senders (``CareersAppConfig.ready``, once the models are
    loaded)."""
    for model in careers_page_models():
        uid = model._meta.label_lower
        for signal in (page_published, page_unpublished, post_delete):
            signal.connect(drop_cached_content, sender=model, dispatch_uid=f"careers_drop_{uid}")
    for model in page_models():
        uid = model._meta.label_lower
        for signal in (post_page_move, page_slug_changed):
            signal.connect(
                drop_cached_content_if_careers_pages_below,
                sender=model,
                dispatch_uid=f"careers_drop_below_{uid}",
            )
    for model in (*CONTENT_MODELS, *organisation_link_models()):
        for signal in (post_save, post_delete):
            signal.connect(drop_cached_content, sender=model, dispatch_uid="careers_drop_content")
    for model in posting_models():
        uid = model._meta.label_lower
        for signal in (page_published, page_unpublished):
            signal.connect(
                purge_listings_showing, sender=model, dispatch_uid=f"careers_purge_{uid}"
            )
    connect_translation_sync()


def sync_facts_to_translations(sender, instance, revision=None, **kwargs):
    from .translation_sync import sync_translations

    sync_translations(instance, user=getattr(revision, "user", None))


def connect_translation_sync():
    """Publishing a posting copies its facts to its translations (:mod:`careers.translation_sync`),
    for the posting model and every subclass of it."""
    if not apps.is_installed("wagtail_localize"):
        return
    for model in posting_models():
        page_published.connect(
            sync_facts_to_translations,
            sender=model,
            dispatch_uid=f"careers_sync_facts_{model._meta.label_lower}",
        )
