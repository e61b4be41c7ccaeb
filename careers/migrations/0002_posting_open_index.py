from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="jobpostingpage",
            index=models.Index(fields=["closes_at", "page_ptr"], name="careers_posting_open_idx"),
        ),
    ]
