"""The fetch of due sources as a task of Django's task framework, for a site's scheduler to
enqueue (``sync_sources.enqueue()``) every few minutes: ``django.tasks`` on Django 6, the
``django_tasks`` backport before (Wagtail depends on it)."""

try:
    from django.tasks import task
except ImportError:  # Django 5.2
    from django_tasks import task

from .sync import describe, sync_due_sources


@task()
def sync_sources(force=False):
    """Fetch the sources that are due (all enabled ones with ``force``); returns a line per
    source, as ``manage.py careers_sync`` prints."""
    return [describe(source, result) for source, result in sync_due_sources(force=force)]
