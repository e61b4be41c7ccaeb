"""The pure "which postings" filters, on the posting models' manager: the same conditions the
listing index's rows are filtered with."""

import datetime

import pytest
from django.utils import timezone

from careers.models import JobPostingPage, PostingQuerySet
from tests.testapp.models import DepartmentPostingPage, QuotePostingPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def postings(make_posting, settings):
    settings.CAREERS_RECENTLY_CLOSED_DAYS = 30
    return {
        "open": make_posting(title="Open", closes_in_days=5),
        "until filled": make_posting(
            title="Until filled", closing_date=None, open_until_filled=True
        ),
        "closed last week": make_posting(title="Closed last week", closes_in_days=-7),
        "closed long ago": make_posting(title="Closed long ago", closes_in_days=-90),
    }


def titles(qs):
    return sorted(page.title for page in qs)


def test_every_posting_model_has_the_queryset():
    for model in (JobPostingPage, DepartmentPostingPage, QuotePostingPage):
        assert isinstance(model.objects.all(), PostingQuerySet)
        assert isinstance(model.objects.live(), PostingQuerySet)


def test_open(postings):
    assert titles(JobPostingPage.objects.open()) == ["Open", "Until filled"]


def test_closed(postings):
    assert titles(JobPostingPage.objects.closed()) == ["Closed last week", "Closed long ago"]


def test_recently_closed(postings):
    assert titles(JobPostingPage.objects.recently_closed()) == ["Closed last week"]


def test_at_another_moment(postings):
    later = timezone.now() + datetime.timedelta(days=10)
    assert titles(JobPostingPage.objects.open(now=later)) == ["Until filled"]
    assert titles(JobPostingPage.objects.recently_closed(now=later)) == [
        "Closed last week",
        "Open",
    ]


def test_chains_with_wagtails_filters(postings, make_posting):
    make_posting(title="Draft", closes_in_days=5, publish=False)
    assert titles(JobPostingPage.objects.open()) == ["Draft", "Open", "Until filled"]
    assert titles(JobPostingPage.objects.live().open()) == ["Open", "Until filled"]
    assert titles(JobPostingPage.objects.open().live().specific()) == ["Open", "Until filled"]


def test_a_type_of_its_own_table(site_root, make_posting):
    make_posting(title="Quote, open", model=QuotePostingPage, closes_in_days=3)
    make_posting(title="Stock, open", closes_in_days=3)
    assert titles(QuotePostingPage.objects.live().open()) == ["Quote, open"]
