import django.db.models.deletion
from django.db import migrations, models


def delete_orphans(apps, schema_editor):
    """A suggester whose draft is gone has nothing left to be kept for."""
    apps.get_model("samverkan_cms", "Suggester").objects.filter(
        page__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("samverkan_cms", "0013_people_stable_ids_unique"),
    ]

    operations = [
        migrations.RunPython(delete_orphans, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="suggester",
            name="page",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="suggesters",
                to="samverkan_cms.interventionpage",
                verbose_name="suggested intervention",
            ),
        ),
    ]
