"""A posting whose closing date has passed publishes, closed, on every path to publishing, when
"date posted" is left empty: the date posted is then the closing date, never after it."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils import WagtailTestUtils

from careers.models import JobPostingPage
from careers.status import PostingStatus
from tests.helpers import add_url, form_data

CLOSED_ON = datetime.date(2020, 1, 31)


@pytest.fixture
def draft(make_posting):
    """A draft that closed long ago, with no date posted."""
    return make_posting(
        title="Closed draft", publish=False, closing_date=CLOSED_ON, date_posted=None
    )


def assert_published_closed(page):
    page = JobPostingPage.objects.get(pk=page.pk)
    assert page.live
    assert page.date_posted == CLOSED_ON
    assert page.status == PostingStatus.CLOSED
    return page


@pytest.mark.django_db
class TestAdmin(WagtailTestUtils):
    @pytest.fixture(autouse=True)
    def editor(self, client):
        self.client = client
        client.force_login(self.create_test_user())

    def test_create_and_publish(self, careers_page, organisation):
        data = form_data([organisation], closing_date=CLOSED_ON.isoformat(), date_posted="")
        data["action-publish"] = "action-publish"
        response = self.client.post(add_url(careers_page), data, follow=True)
        assert response.status_code == 200
        messages = [str(m) for m in response.context["messages"]]
        assert any("closing date has passed" in m for m in messages), messages
        assert_published_closed(JobPostingPage.objects.get(slug="regional-organiser"))

    def test_save_a_draft_then_publish_it(self, careers_page, organisation):
        data = form_data([organisation], closing_date=CLOSED_ON.isoformat(), date_posted="")
        response = self.client.post(add_url(careers_page), data)
        assert response.status_code == 302
        draft = JobPostingPage.objects.get(slug="regional-organiser")
        assert not draft.live and draft.date_posted is None
        data["action-publish"] = "action-publish"
        response = self.client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), data)
        assert response.status_code == 302
        assert_published_closed(draft)


def test_publish_a_saved_draft_revision(draft):
    revision = draft.latest_revision or draft.save_revision()
    revision.publish()
    assert_published_closed(draft)


def test_scheduled_publishing(draft):
    revision = draft.save_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(hours=1)
    revision.save(update_fields=["approved_go_live_at"])
    call_command("publish_scheduled", verbosity=0)
    assert_published_closed(draft)


def test_copy_then_publish(draft):
    copy = draft.copy(update_attrs={"slug": "closed-draft-copy", "title": "Copy"})
    copy.save_revision().publish()
    assert_published_closed(copy)


def test_copy_of_a_live_closed_posting(draft):
    draft.save_revision().publish()
    copy = draft.specific.copy(update_attrs={"slug": "closed-live-copy"}, keep_live=True)
    copy.save_revision().publish()
    assert_published_closed(copy)


def test_a_date_posted_before_closing_is_kept(make_posting):
    posting = make_posting(
        publish=False, closing_date=CLOSED_ON, date_posted=datetime.date(2020, 1, 2)
    )
    posting.save_revision().publish()
    assert JobPostingPage.objects.get(pk=posting.pk).date_posted == datetime.date(2020, 1, 2)


def test_an_open_posting_is_posted_on_the_day_it_is_published(make_posting):
    posting = make_posting(publish=False, date_posted=None)
    posting.save_revision().publish()
    assert JobPostingPage.objects.get(pk=posting.pk).date_posted == timezone.localdate()
