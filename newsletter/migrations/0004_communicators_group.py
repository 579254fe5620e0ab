"""The communicators group ("Kommunikatörer"): the people who compose, test
and send the newsletter and whom the monthly routine reminds. Central
administrators put people in it; its rights are fixed here."""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.utils import translation
from django.utils.translation import gettext

PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("samverkan_newsletter", "add_newsletterissue"),
    ("samverkan_newsletter", "change_newsletterissue"),
    ("samverkan_newsletter", "delete_newsletterissue"),
    ("samverkan_newsletter", "view_newsletterissue"),
    ("samverkan_newsletter", "view_subscriber"),
    ("samverkan_newsletter", "view_audience"),
]
# Choosing an image for an issue, from every collection.
COLLECTION_PERMISSIONS = [("wagtailimages", "choose_image")]


def _permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_communicators_group(apps, schema_editor):
    # On a new database the app's permissions are made only after every
    # migration has run; make them now.
    app_config = apps.get_app_config("samverkan_newsletter")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )
    with translation.override(settings.LANGUAGE_CODE):
        name = gettext("Communicators")
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(*(_permission(apps, *pair) for pair in PERMISSIONS))
    root = Collection.objects.filter(depth=1).first()
    if root is not None:
        for pair in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=_permission(apps, *pair)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("samverkan_newsletter", "0003_subscriber_soft_bounce_message"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0066_collection_management_permissions"),
        ("wagtailimages", "0023_add_choose_permissions"),
    ]

    operations = [
        migrations.RunPython(create_communicators_group, migrations.RunPython.noop)
    ]
