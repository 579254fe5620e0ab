import django.db.models.deletion
import uuid
from django.db import migrations, models


def fill_stable_ids(apps, schema_editor):
    """Give every existing person and group its own stable id."""
    for name in ("Person", "CollaborationGroup"):
        model = apps.get_model("samverkan_cms", name)
        for pk in model.objects.filter(uuid__isnull=True).values_list("pk", flat=True):
            model.objects.filter(pk=pk).update(uuid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("samverkan_cms", "0011_deadline_feed_tokens"),
    ]

    operations = [
        migrations.AddField(
            model_name="collaborationgroup",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, null=True, verbose_name="stable id"
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="is_public",
            field=models.BooleanField(
                default=False,
                help_text="Show the e-mail address and phone number on the public site and to partners. Only with the person's consent. Name, title, organisation and group roles are public anyway when the person sits in a group.",
                verbose_name="e-mail and phone are public",
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="uuid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, null=True, verbose_name="stable id"
            ),
        ),
        migrations.CreateModel(
            name="Suggester",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "email",
                    models.EmailField(
                        blank=True, max_length=254, verbose_name="e-mail"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="suggested"),
                ),
                (
                    "page",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="suggesters",
                        to="samverkan_cms.interventionpage",
                        verbose_name="suggested intervention",
                    ),
                ),
            ],
            options={
                "verbose_name": "suggester",
                "verbose_name_plural": "suggesters",
                "ordering": ["-created_at", "-pk"],
                "indexes": [
                    models.Index(
                        fields=["created_at"], name="samverkan_c_created_c72190_idx"
                    )
                ],
            },
        ),
        migrations.RunPython(fill_stable_ids, migrations.RunPython.noop),
    ]
