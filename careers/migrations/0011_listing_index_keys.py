"""The listing index's rows get ``facets_key`` (what the filter options group on) and
``open_until`` (what "open" and "closing soonest first" read), worked out for the rows already
there; the indexes follow."""

import datetime

from django.db import migrations, models
from django.db.models import Value
from django.db.models.functions import Coalesce

import careers.models.listing_index

COVERING_INDEX = "careers_entry_covering_idx"
NEVER = datetime.datetime(9999, 12, 31, tzinfo=datetime.UTC)


def fill_keys(apps, schema_editor):
    """Work out the new columns of the rows already in the index: one UPDATE for
    ``open_until``, and one per distinct ``facets_key`` and thousand rows (they are few)."""
    from careers.models.listing_index import facets_key

    ListingEntry = apps.get_model("careers", "ListingEntry")
    rows = ListingEntry.objects.using(schema_editor.connection.alias)
    rows.update(open_until=Coalesce("closes_at", Value(NEVER)))
    by_key = {}
    for pk, facets in rows.values_list("pk", "facets").iterator(chunk_size=2000):
        by_key.setdefault(facets_key(facets), []).append(pk)
    for key, pks in by_key.items():
        for start in range(0, len(pks), 1000):
            rows.filter(pk__in=pks[start : start + 1000]).update(facets_key=key)


def covering_index(key, columns):
    def create(apps, schema_editor):
        """On PostgreSQL, every column the filter options read, so that they can be an
        index-only scan (see 0007)."""
        if schema_editor.connection.vendor != "postgresql":
            return
        # The rows were just updated: their foreign keys' deferred checks must run before the
        # table can be indexed ("pending trigger events").
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute(f"DROP INDEX IF EXISTS {COVERING_INDEX}")
        schema_editor.execute(
            f"CREATE INDEX {COVERING_INDEX} ON careers_listingentry "
            f"(locale_id, is_public, {key}) INCLUDE ({columns})"
        )

    return create


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0010_syndication"),
    ]

    operations = [
        migrations.AddField(
            model_name="listingentry",
            name="facets_key",
            field=careers.models.listing_index.FacetsKeyField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="listingentry",
            name="open_until",
            field=careers.models.listing_index.OpenUntilField(default=NEVER, editable=False),
        ),
        migrations.RemoveIndex(
            model_name="listingentry",
            name="careers_entry_closing_idx",
        ),
        migrations.AddIndex(
            model_name="listingentry",
            index=models.Index(
                fields=["locale", "is_public", "open_until", "page_id", "id"],
                name="careers_entry_open_idx",
            ),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.RunPython(
            covering_index(
                "open_until",
                "id, page_id, posting_key, is_fallback, depth, path, closes_at, facets_key",
            ),
            covering_index("closes_at", "page_id, depth, path, facets"),
        ),
    ]
