import careers.models.listing_index
from django.db import migrations

COVERING_INDEX = "careers_entry_covering_idx"


def fill_facets_keys(apps, schema_editor):
    """Work out the new column for the rows already in the index (few distinct values: one
    UPDATE per value and thousand rows)."""
    from careers.models.listing_index import facets_key

    ListingEntry = apps.get_model("careers", "ListingEntry")
    rows = ListingEntry.objects.using(schema_editor.connection.alias)
    by_key = {}
    for pk, facets in rows.values_list("pk", "facets").iterator(chunk_size=2000):
        by_key.setdefault(facets_key(facets), []).append(pk)
    for key, pks in by_key.items():
        for start in range(0, len(pks), 1000):
            rows.filter(pk__in=pks[start : start + 1000]).update(facets_key=key)


def covering_index(columns):
    def create(apps, schema_editor):
        """On PostgreSQL, every column the count and the filter options read, so that both
        can be index-only scans (see 0007)."""
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f"DROP INDEX IF EXISTS {COVERING_INDEX}")
        schema_editor.execute(
            f"CREATE INDEX {COVERING_INDEX} ON careers_listingentry "
            f"(locale_id, is_public, closes_at) INCLUDE ({columns})"
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
        migrations.RunPython(fill_facets_keys, migrations.RunPython.noop),
        migrations.RunPython(
            covering_index("id, page_id, posting_key, is_fallback, depth, path, facets_key"),
            covering_index("page_id, depth, path, facets"),
        ),
    ]
