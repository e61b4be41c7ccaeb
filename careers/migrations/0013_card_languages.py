"""The listing index's cards get ``languages``: the languages a posting is live and public in,
which a card shows as "Available in", so a listing reads them with its rows rather than in a
query of their own. The rows of ``JobPostingPage``'s postings are worked out again, as in 0012;
a posting type made from the abstract model keeps its cards without languages, which the
listing reads in that query, until ``manage.py careers_index`` (or the posting's next
publish)."""

import importlib

from django.db import migrations


def fill_cards(apps, schema_editor):
    importlib.import_module("careers.migrations.0012_listing_cards").fill_cards(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0012_listing_cards"),
    ]

    operations = [
        migrations.RunPython(fill_cards, migrations.RunPython.noop, elidable=True),
    ]
