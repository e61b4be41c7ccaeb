"""What happens when postings change: what :mod:`careers.cache` keeps is forgotten, and with
``wagtail.contrib.frontend_cache`` the listing pages and feeds that show a posting are purged
when it is published or unpublished (Wagtail itself purges the posting).
"""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import cache


def listing_pages_showing(posting):
    from .models import ListingScope, listing_models

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


def purge_listings(posting):
    if not frontend_cache_enabled():
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    for page in listing_pages_showing(posting):
        batch.add_page(page)
        base = page.full_url
        if base:
            batch.add_urls(
                [base + page.reverse_subpage(f"feed_{kind}") for kind in ("rss", "atom", "json")]
            )
    batch.purge()


@receiver(page_published)
@receiver(page_unpublished)
def purge_listings_of_posting(sender, instance, **kwargs):
    from .models import AbstractJobPostingPage

    if isinstance(instance, AbstractJobPostingPage):
        purge_listings(instance)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(post_save, sender="careers.Organisation")
@receiver(post_delete, sender="careers.Organisation")
@receiver(post_save, sender="careers.EqualOpportunityStatement")
@receiver(post_delete, sender="careers.EqualOpportunityStatement")
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def forget_listing_options(sender, **kwargs):
    cache.new_generation()
    # Again when the change is committed: what a request cached in between, from a database
    # or a search index that did not show the change yet, must not outlive it.
    transaction.on_commit(cache.new_generation)


@receiver(post_delete)
def forget_listing_options_of_deleted_page(sender, instance, **kwargs):
    if isinstance(instance, Page):
        forget_listing_options(sender)


def sync_facts_to_translations(sender, instance, revision=None, **kwargs):
    from .translation_sync import sync_translations

    sync_translations(instance, user=getattr(revision, "user", None))


def connect_translation_sync():
    """Publishing a posting copies its facts to its translations (:mod:`careers.translation_sync`),
    for the posting model and every subclass of it."""
    if not apps.is_installed("wagtail_localize"):
        return
    from .models import posting_models

    for model in posting_models():
        page_published.connect(
            sync_facts_to_translations,
            sender=model,
            dispatch_uid=f"careers_sync_facts_{model._meta.label_lower}",
        )
