"""Wagtail's default workflow, its task and its two groups carry English
names ("Moderators approval": the edit form offered "Lämna in till
Moderators approval"). Renamed to Swedish where they still have Wagtail's
names and the Swedish name is free."""

from django.db import migrations

NAMES = {
    ("wagtailcore", "Workflow"): {"Moderators approval": "Moderatorernas godkännande"},
    ("wagtailcore", "Task"): {"Moderators approval": "Moderatorernas godkännande"},
    ("auth", "Group"): {"Moderators": "Moderatorer", "Editors": "Redaktörer"},
}


def rename(apps, schema_editor, *, reverse=False):
    for (app_label, model_name), names in NAMES.items():
        model = apps.get_model(app_label, model_name)
        for english, swedish in names.items():
            old, new = (swedish, english) if reverse else (english, swedish)
            if not model.objects.filter(name=new).exists():
                model.objects.filter(name=old).update(name=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, reverse=True)


class Migration(migrations.Migration):
    dependencies = [
        ("samverkan_cms", "0008_intervention_reads"),
        ("wagtailcore", "0048_add_default_workflows"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
