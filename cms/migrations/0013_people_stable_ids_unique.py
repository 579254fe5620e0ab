import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    """Apart from 0012, which fills the ids: PostgreSQL refuses to alter a
    table with pending trigger events in the same transaction."""

    dependencies = [
        ("samverkan_cms", "0012_people_public_data"),
    ]

    operations = [
        migrations.AlterField(
            model_name="collaborationgroup",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                unique=True,
                verbose_name="stable id",
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                unique=True,
                verbose_name="stable id",
            ),
        ),
    ]
