from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0005_employment_types_data"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="jobpostingpage",
            name="employment_type",
        ),
    ]
