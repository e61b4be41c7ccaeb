"""The example site's ``load_demo_data`` command: idempotent, and safe on an emptied database."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from careers.models import JobPostingPage, Organisation


def load():
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue()


def counts():
    return (Page.objects.count(), Organisation.objects.count(), Site.objects.count())


@pytest.mark.django_db
def test_loading_twice_changes_nothing_and_prints_the_login():
    first = load()
    assert "Demo content loaded." in first
    assert "Login:    admin / changeme" in first
    assert JobPostingPage.objects.live().exists()
    before = counts()

    second = load()

    assert "already loaded; nothing changed" in second
    assert counts() == before


@pytest.mark.django_db(transaction=True)
def test_loads_into_a_flushed_database():
    """``manage.py flush`` removes the tree root that Wagtail's migrations created."""
    call_command("flush", interactive=False, verbosity=0)
    assert not Page.objects.exists()

    assert "Demo content loaded." in load()

    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific.__class__.__name__ == "HomePage"
    assert JobPostingPage.objects.live().child_of(site.root_page).count() == 0
    assert JobPostingPage.objects.live().descendant_of(site.root_page).exists()
