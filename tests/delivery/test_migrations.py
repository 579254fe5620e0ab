"""The partner API keys and usage moved from the cms app to delivery without
moving data: the tables keep their names, and their content types (with the
permissions granted on them) change app, forwards and back."""

import pytest

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from delivery.models import ApiUsageDay, PartnerApiKey

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("samverkan_delivery", None),
    ("samverkan_cms", "0022_intervention_category_translations"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _latest():
    executor = MigrationExecutor(connection)
    return [
        key
        for key in executor.loader.graph.leaf_nodes()
        if key[0] in ("samverkan_cms", "samverkan_delivery")
    ]


def test_the_tables_keep_their_names():
    assert PartnerApiKey._meta.db_table == "samverkan_cms_partnerapikey"
    assert ApiUsageDay._meta.db_table == "samverkan_cms_apiusageday"


def test_content_types_and_granted_permissions_move_with_the_models():
    key_type = ContentType.objects.get(
        app_label="samverkan_delivery", model="partnerapikey"
    )
    add_key = Permission.objects.get(
        content_type=key_type, codename="add_partnerapikey"
    )
    central = Group.objects.create(name="Centrala administratörer (test)")
    central.permissions.add(add_key)
    try:
        _migrate(BEFORE)
        key_type.refresh_from_db()
        assert key_type.app_label == "samverkan_cms"  # back where it was

        _migrate(_latest())
        key_type.refresh_from_db()
        assert key_type.app_label == "samverkan_delivery"
        # The same rows: the group keeps its permission.
        assert central.permissions.filter(pk=add_key.pk).exists()
        assert Permission.objects.get(pk=add_key.pk).content_type_id == key_type.pk
        assert not ContentType.objects.filter(
            app_label="samverkan_cms", model__in=["partnerapikey", "apiusageday"]
        ).exists()
    finally:
        _migrate(_latest())
