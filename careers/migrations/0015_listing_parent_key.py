"""The listing index's rows get ``parent_key``: the ``translation_key`` of the page they are
below, worked out here for the rows already there. A listing of its children then finds its
rows in every language by that one value, with an index leading with it (on PostgreSQL
covering what the filter options read, as ``careers_entry_covering_idx`` does)."""

from django.db import migrations, models

PARENT_INDEX = "careers_entry_parent_idx"
#: Characters a level of Wagtail's page paths (treebeard's ``steplen``).
STEPLEN = 4
COVERED = "id, page_id, posting_key, is_fallback, depth, path, closes_at, facets_key"
CHUNK = 1000


def fill_parent_keys(apps, schema_editor):
    """Each row's parent, from its page's path (a row's own path may be older: reordering pages
    shifts their siblings' paths), or from its own path for another site's posting (placed
    below a listing page); one UPDATE per parent and thousand rows."""
    ListingEntry = apps.get_model("careers", "ListingEntry")
    Page = apps.get_model("wagtailcore", "Page")
    db = schema_editor.connection.alias
    rows = list(ListingEntry.objects.using(db).values_list("pk", "page_id", "path"))
    page_ids = {page_id for _pk, page_id, _path in rows if page_id is not None}
    page_paths = {}
    ids = sorted(page_ids)
    for start in range(0, len(ids), CHUNK):
        found = Page.objects.using(db).filter(pk__in=ids[start : start + CHUNK])
        page_paths.update(found.values_list("pk", "path"))
    above = {
        pk: page_paths.get(page_id, "")[:-STEPLEN] if page_id is not None else path[:-STEPLEN]
        for pk, page_id, path in rows
    }
    paths = sorted({path for path in above.values() if path})
    keys = {}
    for start in range(0, len(paths), CHUNK):
        found = Page.objects.using(db).filter(path__in=paths[start : start + CHUNK])
        keys.update(found.values_list("path", "translation_key"))
    by_key = {}
    for pk, path in above.items():
        if keys.get(path) is not None:
            by_key.setdefault(keys[path], []).append(pk)
    for key, pks in by_key.items():
        for start in range(0, len(pks), CHUNK):
            ListingEntry.objects.using(db).filter(pk__in=pks[start : start + CHUNK]).update(
                parent_key=key
            )


def covering_index(apps, schema_editor):
    """On PostgreSQL, the index again with every column the filter options read, so that a
    listing of its children counts them in an index-only scan."""
    if schema_editor.connection.vendor != "postgresql":
        return
    # The rows were just updated: their foreign keys' deferred checks must run before the
    # table can be indexed ("pending trigger events").
    schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    schema_editor.execute(f"DROP INDEX {PARENT_INDEX}")
    schema_editor.execute(
        f"CREATE INDEX {PARENT_INDEX} ON careers_listingentry "
        f"(parent_key, locale_id, is_public, open_until) INCLUDE ({COVERED})"
    )


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
        migrations.AddIndex(
            model_name="listingentry",
            index=models.Index(
                fields=["parent_key", "locale", "is_public", "open_until"],
                name="careers_entry_parent_idx",
            ),
        ),
        migrations.RunPython(fill_parent_keys, migrations.RunPython.noop),
        migrations.RunPython(covering_index, migrations.RunPython.noop),
    ]
