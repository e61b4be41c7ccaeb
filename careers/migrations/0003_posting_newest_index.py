from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0002_posting_open_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="jobpostingpage",
            index=models.Index(fields=["-date_posted"], name="careers_posting_newest_idx"),
        ),
    ]
