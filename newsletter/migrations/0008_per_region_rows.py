"""Existing audiences, subscribers and issues get their region (a migration
of its own: PostgreSQL creates the indexes of 0007 at its end, which it
cannot do after rows of the same tables changed in the same transaction)."""

from django.db import migrations

# As they were when regions came (newsletter.services.audiences has today's).
DEFAULT_AUDIENCES = [
    ("internal-partners", "Interna partner", "Medarbetare hos samverkansparterna."),
    ("external-partners", "Externa partner", "Civilsamhälle, myndigheter och andra."),
]


def give_rows_their_region(apps, schema_editor):
    """With one region, every audience, subscriber and issue is that
    region's. With several, the rows stay without a region (a superuser
    gives each its region) and every region gets its default audiences. On
    a new installation (no region yet) the default audiences of migration
    0002 go: each region gets its own when it is made (newsletter.receivers).
    A region's translations are no regions of their own."""
    RegionPage = apps.get_model("samverkan_cms", "RegionPage")
    Audience = apps.get_model("samverkan_newsletter", "Audience")
    regions = list(
        RegionPage.objects.filter(locale__language_code="sv").values_list(
            "pk", flat=True
        )
    )
    if len(regions) == 1:
        for name in ("Audience", "Subscriber", "NewsletterIssue"):
            model = apps.get_model("samverkan_newsletter", name)
            model.objects.filter(region=None).update(region_id=regions[0])
    elif not regions:
        Audience.objects.filter(region=None, subscribers=None, issues=None).delete()
    else:
        for region_id in regions:
            for slug, name, description in DEFAULT_AUDIENCES:
                Audience.objects.get_or_create(
                    region_id=region_id,
                    slug=slug,
                    defaults={"name": name, "description": description},
                )


class Migration(migrations.Migration):
    dependencies = [
        ("samverkan_newsletter", "0007_per_region"),
    ]

    operations = [
        migrations.RunPython(give_rows_their_region, migrations.RunPython.noop),
    ]
