"""Drafts save with whatever is filled in; the rules wait for publishing, scheduling or review."""

import datetime
import importlib.util

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow, WorkflowPage, WorkflowTask
from wagtail.test.utils.form_data import streamfield

from careers.models import JobPostingPage
from tests.helpers import add_url, field_errors, form_data

#: Autosave came after Wagtail 7.0 LTS, which the matrix also runs.
needs_autosave = pytest.mark.skipif(
    importlib.util.find_spec("wagtail.admin.ui.autosave") is None,
    reason="this Wagtail has no autosave",
)


def database_needs():
    """What the database itself still requires of a new page: a closing date while the column
    cannot be empty. Everything else may be missing from a draft."""
    if JobPostingPage._meta.get_field("closing_date").null:
        return {}
    return {"closing_date": "2099-02-15"}


def title_only(**fields):
    """A new posting with nothing but its title, as an editor saves a first draft."""
    draft = {
        "title": "Field researcher",
        "slug": "field-researcher",
        "introduction": "",
        "body": streamfield([]),
        "reference_code": "",
        "time_commitment": "",
        "travel_required": None,
        "remuneration": "",
        "closing_date": "",
        "application_email": "",
        "application_cc": None,
        "show_statement": None,
        "applicant_regions": None,
        "applicant_countries": None,
        "employment_types": None,
    }
    return form_data(None, **{**draft, **database_needs(), **fields})


INCOMPLETE = {
    "salary_min": "3000",
    "salary_max": "2000",
    "date_posted": "2099-03-01",
    "closing_date": "2099-02-15",
}


@pytest.mark.django_db
class TestDrafts:
    def test_a_new_draft_saves_with_only_a_title(self, admin_client, careers_page):
        response = admin_client.post(add_url(careers_page), title_only())
        assert response.status_code == 302, field_errors(response)
        posting = JobPostingPage.objects.get()
        assert posting.title == "Field researcher" and not posting.live
        assert posting.get_latest_revision() is not None

    def test_a_draft_keeps_what_contradicts_the_rules_until_publishing(
        self, admin_client, careers_page
    ):
        response = admin_client.post(add_url(careers_page), title_only(**INCOMPLETE))
        assert response.status_code == 302, field_errors(response)
        posting = JobPostingPage.objects.get()
        edit_url = reverse("wagtailadmin_pages:edit", args=[posting.pk])
        draft = posting.get_latest_revision_as_object()
        assert (draft.salary_min, draft.date_posted) == (3000, datetime.date(2099, 3, 1))

        data = title_only(**INCOMPLETE)
        data["action-publish"] = "action-publish"
        response = admin_client.post(edit_url, data)
        assert response.status_code == 200
        errors = field_errors(response)
        assert "at least one way to apply" in errors["application_email"]
        assert "on or after the date posted" in errors["closing_date"]
        assert "at least the minimum" in errors["salary_max"]
        assert "Say where applicants" in errors["applicant_regions"]
        assert b"Add at least one hiring organisation" in response.content
        assert not JobPostingPage.objects.get().live

    @needs_autosave
    def test_autosave_of_an_incomplete_draft_succeeds(self, admin_client, careers_page):
        admin_client.post(add_url(careers_page), title_only())
        posting = JobPostingPage.objects.get()
        response = admin_client.post(
            reverse("wagtailadmin_pages:edit", args=[posting.pk]),
            title_only(title="Field researcher (Lima)", **INCOMPLETE),
            headers={"accept": "application/json"},
        )
        assert response.status_code == 200
        assert response.json()["success"] is True
        posting.refresh_from_db()
        assert posting.get_latest_revision_as_object().title == "Field researcher (Lima)"

    @needs_autosave
    def test_a_draft_saves_after_autosave_created_it(self, admin_client, careers_page):
        """Wagtail 8's autosave creates the page, then tells the editor to count the empty
        starting organisation row as saved (INITIAL_FORMS): the next save must still pass."""
        data = title_only()
        response = admin_client.post(
            add_url(careers_page), data, headers={"accept": "application/json"}
        )
        assert response.json()["success"] is True, response.content
        data.update(response.json()["field_updates"])
        posting = JobPostingPage.objects.get()
        response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[posting.pk]), data)
        assert response.status_code == 302, field_errors(response)
        assert not posting.get_latest_revision_as_object().hiring_organisations.all()

    def test_invalid_values_are_still_refused_in_a_draft(self, admin_client, careers_page):
        response = admin_client.post(
            add_url(careers_page),
            title_only(application_url="javascript:alert(1)", closing_timezone="Mars/Olympus"),
        )
        assert response.status_code == 200
        errors = field_errors(response)
        assert "http:// or https://" in errors["application_url"]
        assert "is not a time zone name" in errors["closing_timezone"]

    def test_scheduling_applies_the_rules(self, admin_client, careers_page):
        go_live = (timezone.now() + datetime.timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
        data = title_only(go_live_at=go_live)
        data["action-publish"] = "action-publish"
        response = admin_client.post(add_url(careers_page), data)
        assert response.status_code == 200
        assert "at least one way to apply" in field_errors(response)["application_email"]
        assert not JobPostingPage.objects.exists()

    def test_submitting_to_a_workflow_applies_the_rules(self, admin_client, careers_page):
        workflow = Workflow.objects.create(name="Review")
        task = WorkflowTask.objects.create(workflow=workflow, sort_order=0, task=_group_task())
        assert task.pk
        WorkflowPage.objects.create(workflow=workflow, page=careers_page)
        data = title_only()
        data["action-submit"] = "action-submit"
        response = admin_client.post(add_url(careers_page), data)
        assert response.status_code == 200
        assert "at least one way to apply" in field_errors(response)["application_email"]
        assert not JobPostingPage.objects.exists()

    def test_publishing_a_complete_posting_still_works(
        self, admin_client, careers_page, two_organisations
    ):
        data = form_data(two_organisations)
        data["action-publish"] = "action-publish"
        response = admin_client.post(add_url(careers_page), data)
        assert response.status_code == 302, field_errors(response)
        assert JobPostingPage.objects.get().live


def _group_task():
    from django.contrib.auth.models import Group
    from wagtail.models import GroupApprovalTask

    task = GroupApprovalTask.objects.create(name="Moderators approve")
    task.groups.set([Group.objects.get_or_create(name="Moderators")[0]])
    return task
