"""Each posting's type of employment becomes a list of one (and back), in its row, its
revisions and wagtail-localize's sources. Apart from the schema changes around it, so that on
PostgreSQL no table is altered with row updates pending in the same transaction."""

import datetime
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import migrations


POSTINGS = ("careers", "JobPostingPage")


def noop(apps, schema_editor):
    pass


def fill_closing_dates(apps, schema_editor):
    """Back to a required closing date: a posting open until filled gets the day it closed by
    hand, or today."""
    JobPostingPage = apps.get_model(*POSTINGS)
    today = datetime.date.today()
    for posting in JobPostingPage.objects.filter(closing_date__isnull=True):
        moment = posting.closes_at or posting.filled_at
        posting.closing_date = moment.date() if moment else today
        posting.save(update_fields=["closing_date"])


def _stored_content(apps, rename):
    """Apply ``rename(data)`` to the stored copies of postings: their revisions (drafts,
    history) and wagtail-localize's sources, from which translations are made."""
    JobPostingPage = apps.get_model(*POSTINGS)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    ids = [str(pk) for pk in JobPostingPage.objects.values_list("pk", flat=True)]
    page_types = ContentType.objects.filter(app_label="wagtailcore", model="page")
    revisions = Revision.objects.filter(base_content_type__in=page_types, object_id__in=ids)
    for revision in revisions.iterator():
        if rename(revision.content):
            revision.save(update_fields=["content"])
    try:
        TranslationSource = apps.get_model("wagtail_localize", "TranslationSource")
    except LookupError:
        return
    keys = JobPostingPage.objects.values_list("translation_key", flat=True)
    for source in TranslationSource.objects.filter(object_id__in=keys).iterator():
        data = json.loads(source.content_json)
        if rename(data):
            source.content_json = json.dumps(data, cls=DjangoJSONEncoder)
            source.save(update_fields=["content_json"])


def _to_types(data):
    if "employment_type" not in data:
        return False
    data["employment_types"] = data.pop("employment_type") or "full_time"
    return True


def _to_type(data):
    if "employment_types" not in data:
        return False
    types = data.pop("employment_types")
    if isinstance(types, str):
        types = types.split(",")
    data["employment_type"] = next((value for value in types if value), "full_time")
    return True


def employment_type_to_types(apps, schema_editor):
    """One type of employment becomes a list of one; so do the stored copies of postings."""
    JobPostingPage = apps.get_model(*POSTINGS)
    for posting in JobPostingPage.objects.only("pk", "employment_type").iterator():
        JobPostingPage.objects.filter(pk=posting.pk).update(
            employment_types=[posting.employment_type or "full_time"]
        )
    _stored_content(apps, _to_types)


def employment_types_to_type(apps, schema_editor):
    """Back to one type of employment: the first of the list."""
    JobPostingPage = apps.get_model(*POSTINGS)
    for posting in JobPostingPage.objects.only("pk", "employment_types").iterator():
        types = [value for value in posting.employment_types if value]
        JobPostingPage.objects.filter(pk=posting.pk).update(
            employment_type=types[0] if types else "full_time"
        )
    _stored_content(apps, _to_type)



class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0004_posting_open_until_filled_and_roles"),
    ]

    operations = [
        migrations.RunPython(noop, fill_closing_dates),
        migrations.RunPython(employment_type_to_types, employment_types_to_type),
    ]
