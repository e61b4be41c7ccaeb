"""What drops the cache: receivers connected to the models they concern (``sender=``), not to
every save, publish and delete in the project."""

from unittest import mock

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page

from careers import cache, signal_handlers
from careers.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def generation(shared_cache):
    """The cache's generation as it is now; compare with ``cache.generation()`` later."""
    return cache.generation


def drops(generation, change, django_capture_on_commit_callbacks):
    before = generation()
    with django_capture_on_commit_callbacks(execute=True):
        change()
    return generation() != before


@pytest.fixture
def dropped(generation, django_capture_on_commit_callbacks):
    return lambda change: drops(generation, change, django_capture_on_commit_callbacks)


def other_page(parent, slug="about"):
    page = Page(title="About us", slug=slug)
    parent.add_child(instance=page)
    return page


def test_unrelated_models_do_not_drop_the_cache(dropped, careers_page, site_root):
    assert not dropped(lambda: Group.objects.create(name="Careers testers"))
    assert not dropped(lambda: Group.objects.filter(name="Careers testers").delete())
    page = other_page(site_root)
    assert not dropped(lambda: page.save_revision().publish())
    assert not dropped(page.unpublish)
    assert not dropped(page.delete)


def test_unrelated_saves_do_not_run_the_receivers(careers_page, site_root, shared_cache):
    with mock.patch.object(cache, "new_generation") as new_generation:
        Group.objects.create(name="Careers testers")
        page = other_page(site_root)
        page.save_revision().publish()
        page.delete()
    assert not new_generation.called


def test_postings_listings_and_content_drop_the_cache(
    dropped, careers_page, make_posting, organisation
):
    posting = make_posting(publish=False)
    assert dropped(lambda: posting.save_revision().publish())
    posting.refresh_from_db()
    assert dropped(posting.unpublish)
    assert dropped(lambda: careers_page.save_revision().publish())
    assert dropped(lambda: Organisation.objects.create(name="Another"))
    assert dropped(lambda: organisation.save())
    assert dropped(posting.delete)


def test_a_listing_pages_organisation_links_drop_the_cache(dropped, careers_page, organisation):
    """A served listing's cache keys name its page, not its organisations
    (``PostingQuery.cache_key``): a link saved or deleted without a publish must drop them."""
    from careers.models import ListingOrganisation

    link = ListingOrganisation(page=careers_page, organisation=organisation)
    assert dropped(link.save)
    assert dropped(link.delete)


def test_moving_a_page_with_postings_below_drops_the_cache(dropped, careers_page, site_root):
    section = other_page(site_root, slug="section")
    empty = other_page(site_root, slug="empty")
    assert not dropped(lambda: empty.move(section, pos="last-child"))
    assert dropped(lambda: Page.objects.get(pk=careers_page.pk).move(section, pos="last-child"))


def test_a_new_slug_above_the_careers_pages_drops_the_cache(
    dropped, careers_page, make_posting, site_root
):
    make_posting()
    site_root.slug = "renamed-home"
    assert dropped(lambda: site_root.save_revision().publish())


def test_deleting_a_page_above_postings_drops_the_cache(dropped, careers_page, make_posting):
    make_posting()
    assert dropped(lambda: Page.objects.get(pk=careers_page.pk).delete())


def test_receivers_are_connected_to_their_senders():
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published

    from careers.models import JobPostingPage

    for signal in (post_save, post_delete, page_published):
        assert not signal.has_listeners(Group) or all(
            receiver is not signal_handlers.drop_cached_content
            for receiver in signal._live_receivers(Group)[0]
        )
    assert page_published.has_listeners(JobPostingPage)
