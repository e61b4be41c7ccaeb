"""The listing index's rows get ``parent_key``: the ``translation_key`` of the page they are
below, worked out here for the rows already there (one UPDATE). A listing of its children then
finds its rows in every language by that one value, with an index leading with it (on
PostgreSQL covering what the filter options read, as ``careers_entry_covering_idx`` does)."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Length, Substr

PARENT_INDEX = "careers_entry_parent_idx"
#: Characters a level of Wagtail's page paths (treebeard's ``steplen``).
STEPLEN = 4
KEY = "locale_id, is_public, parent_key, open_until"
COVERED = "id, page_id, posting_key, is_fallback, depth, path, closes_at, facets_key"


def fill_parent_keys(apps, schema_editor):
    ListingEntry = apps.get_model("careers", "ListingEntry")
    Page = apps.get_model("wagtailcore", "Page")
    db = schema_editor.connection.alias
    above = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - STEPLEN)
    parents = Page.objects.using(db).filter(path=above).values("translation_key")[:1]
    ListingEntry.objects.using(db).update(parent_key=Subquery(parents))


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # The rows were just updated: their foreign keys' deferred checks must run before the
        # table can be indexed ("pending trigger events").
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute(
            f"CREATE INDEX {PARENT_INDEX} ON careers_listingentry ({KEY}) INCLUDE ({COVERED})"
        )
    else:
        schema_editor.execute(f"CREATE INDEX {PARENT_INDEX} ON careers_listingentry ({KEY})")


def drop_index(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {PARENT_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0014_listing_facts"),
    ]

    operations = [
        migrations.AddField(
            model_name="listingentry",
            name="parent_key",
            field=models.UUIDField(blank=True, null=True),
        ),
        migrations.RunPython(fill_parent_keys, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
