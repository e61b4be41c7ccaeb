import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """A listing entry's page may be of any posting type, including those a site made from
    ``AbstractJobPostingPage`` (tables of their own). The rows stay valid: a ``JobPostingPage``'s
    id is its page's id."""

    dependencies = [
        ("careers", "0007_listing_index"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [
        migrations.AlterField(
            model_name="listingentry",
            name="page",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="wagtailcore.page",
            ),
        ),
    ]
