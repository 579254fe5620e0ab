"""Content in newcomers' languages: a Wagtail Locale for every content
language of the installation (settings.WAGTAIL_CONTENT_LANGUAGES,
cms/languages.py), so that editors can translate into them from the start
(Locales already there are kept; a language added to the settings later gets
its Locale from the admin's Locales page), and the right to translate
(wagtail-localize's submit_translation) for every organisation's editors and
every region's central administrators, as provisioning gives new ones."""

from django.conf import settings
from django.db import migrations


def create_locales_and_grant(apps, schema_editor):
    locale_model = apps.get_model("wagtailcore", "Locale")
    languages = getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", None) or (
        settings.LANGUAGES
    )
    for code, _name in languages:
        locale_model.objects.get_or_create(language_code=code)

    permission = (
        apps.get_model("auth", "Permission")
        .objects.filter(
            content_type__app_label="wagtail_localize", codename="submit_translation"
        )
        .first()
    )
    if permission is None:
        return
    group_model = apps.get_model("auth", "Group")
    groups = group_model.objects.filter(samverkan_organisation__isnull=False)
    groups |= group_model.objects.filter(samverkan_region__isnull=False)
    for group in groups.distinct():
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("samverkan_cms", "0017_import_runs"),
        ("wagtailcore", "0054_initial_locale"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [
        migrations.RunPython(create_locales_and_grant, migrations.RunPython.noop)
    ]
