"""``manage.py careers_sync`` for cron, and the task for Django's task framework."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from careers.syndication.items import FetchResult
from tests.helpers import FakeFetcher, fetched, posting_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake_fetcher(monkeypatch):
    fetcher = FakeFetcher(fetched(posting_item(), posting_item()))
    monkeypatch.setattr("careers.syndication.sync.default_fetcher", lambda: fetcher)
    return fetcher


def test_command_fetches_due_sources_and_prints_a_line_each(source, fake_fetcher, capsys):
    call_command("careers_sync")
    assert capsys.readouterr().out == "Allies: Fetched. 2 postings taken.\n"
    call_command("careers_sync")
    assert capsys.readouterr().out == "No source is due.\n"
    assert len(fake_fetcher.calls) == 1


def test_command_forces_one_source_by_name_or_id(source, fake_fetcher, capsys):
    source.next_fetch_at = timezone.now() + datetime.timedelta(hours=1)
    source.save()
    call_command("careers_sync", source="allies", force=True)
    call_command("careers_sync", source=str(source.pk), force=True)
    assert len(fake_fetcher.calls) == 2
    with pytest.raises(CommandError, match="No syndication source"):
        call_command("careers_sync", source="nobody")


def test_command_reports_a_failure_in_words(source, monkeypatch, capsys):
    failure = FetchResult(FetchResult.FAILED, messages=["The feed answered 503."])
    monkeypatch.setattr("careers.syndication.sync.default_fetcher", lambda: FakeFetcher(failure))
    call_command("careers_sync")
    assert capsys.readouterr().out == "Allies: Failed. The feed answered 503.\n"


def test_task_fetches_due_sources(
    source, fake_fetcher, settings, django_capture_on_commit_callbacks
):
    from careers.syndication.tasks import sync_sources

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # django-tasks before 0.8 runs it when the transaction commits, later versions at once.
    with django_capture_on_commit_callbacks(execute=True):
        result = sync_sources.enqueue()
    assert result.return_value == ["Allies: Fetched. 2 postings taken."]
    assert len(fake_fetcher.calls) == 1
