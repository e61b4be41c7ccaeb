"""The listing index's rows get ``card``: what a posting card shows, so that a listing builds
its cards from the index without reading the posting tables. The rows of ``JobPostingPage``'s
postings (its subclasses' included) are worked out again here; a posting type made from the
abstract model has tables this migration does not know: its rows keep an empty card, and are
shown from their pages, until ``manage.py careers_index`` (or their next publish)."""

import types

from django.db import migrations, models


def fill_cards(apps, schema_editor):
    from careers.posting_index import reindex

    get = apps.get_model
    historical = types.SimpleNamespace(
        JobPostingPage=get("careers", "JobPostingPage"),
        ListingEntry=get("careers", "ListingEntry"),
        ListingFacet=get("careers", "ListingFacet"),
        Locale=get("wagtailcore", "Locale"),
        PageViewRestriction=get("wagtailcore", "PageViewRestriction"),
    )
    keys = list(
        historical.JobPostingPage.objects.values_list("translation_key", flat=True).distinct()
    )
    # Only these postings' rows are compared and rewritten: other posting types' are left alone.
    for start in range(0, len(keys), 1000):
        reindex(keys[start : start + 1000], historical)


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0011_listing_index_keys"),
    ]

    operations = [
        migrations.AddField(
            model_name="listingentry",
            name="card",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(fill_cards, migrations.RunPython.noop, elidable=True),
    ]
