"""Purge the listing pages and feeds that show a posting when it is published or unpublished.

Only when the site uses ``wagtail.contrib.frontend_cache``; Wagtail itself purges the posting.
"""

from django.apps import apps
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished


def listing_pages_showing(posting):
    from .models import CareersIndexPage, ListingScope

    parent = posting.get_parent()
    pages = list(CareersIndexPage.objects.live().filter(translation_key=parent.translation_key))
    site = posting.get_site()
    if site is not None:
        roots = site.root_page.get_translations(inclusive=True)
        for root in roots:
            pages += list(
                CareersIndexPage.objects.live()
                .descendant_of(root)
                .filter(listing_scope=ListingScope.SITE)
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
    from .models import JobPostingPage

    if isinstance(instance, JobPostingPage):
        purge_listings(instance)
