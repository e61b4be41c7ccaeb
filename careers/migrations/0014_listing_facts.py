"""The listing index's rows get ``facts``: what the JSON Feed says of a posting under
``_careers`` that depends on the posting alone, so a feed is made from its rows. They are made
from model instances (their language requirements, organisations and pay), which a migration's
historical models cannot give, so existing rows are left empty: their facts are read from their
pages, as before, until ``manage.py careers_index`` rebuilds the index (or the posting is next
published). ``manage.py careers_index --check`` reports the rows still without them."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0013_card_languages"),
    ]

    operations = [
        migrations.AddField(
            model_name="listingentry",
            name="facts",
            field=models.JSONField(blank=True, default=None, null=True),
        ),
    ]
