from django.db import migrations

AUDIENCES = [
    ("internal-partners", "Interna partner", "Medarbetare hos samverkansparterna."),
    ("external-partners", "Externa partner", "Civilsamhälle, myndigheter och andra."),
]


def create_audiences(apps, schema_editor):
    Audience = apps.get_model("samverkan_newsletter", "Audience")
    for slug, name, description in AUDIENCES:
        Audience.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )


class Migration(migrations.Migration):
    dependencies = [("samverkan_newsletter", "0001_initial")]

    operations = [migrations.RunPython(create_audiences, migrations.RunPython.noop)]
