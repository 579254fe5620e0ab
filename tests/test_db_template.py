"""The test database's own machinery (tests/db_template.py): emptying it
after a transactional test and putting back what the migrations made."""

import pytest

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

from wagtail.models import Locale, Page, Site

from tests import db_template

pytestmark = pytest.mark.skipif(
    not db_template.supports_templates(), reason="the template is PostgreSQL's"
)


def _migrated_state():
    return {
        "permissions": set(Permission.objects.values_list("pk", "codename")),
        "content_types": set(ContentType.objects.values_list("pk", "model")),
        "pages": set(Page.objects.values_list("pk", "path", "title")),
        "locales": set(Locale.objects.values_list("pk", "language_code")),
        "sites": set(Site.objects.values_list("pk", "root_page_id")),
        "group_permissions": {
            (group.name, frozenset(group.permissions.values_list("pk", flat=True)))
            for group in Group.objects.all()
        },
    }


@pytest.mark.django_db(transaction=True)
def test_a_flush_empties_and_the_restore_brings_back_the_migrated_rows():
    before = _migrated_state()
    Page.get_first_root_node().add_child(instance=Page(title="Ny", slug="ny"))
    Group.objects.create(name="Ny grupp").permissions.add(Permission.objects.first())
    assert _migrated_state() != before

    tables = connection.introspection.django_table_names(only_existing=True)
    statements = connection.ops.sql_flush(no_style(), tables)
    # Only the tables that hold rows are emptied, by DELETE.
    assert statements[0] == "SET CONSTRAINTS ALL DEFERRED"
    assert all(sql.startswith("DELETE FROM") for sql in statements[1:])
    assert 0 < len(statements) - 1 < len(tables)

    call_command(
        "flush",
        verbosity=0,
        interactive=False,
        reset_sequences=False,
        inhibit_post_migrate=True,
    )
    assert not Page.objects.exists()
    assert not Permission.objects.exists()

    connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
    assert _migrated_state() == before


@pytest.mark.django_db(transaction=True)
def test_the_restore_updates_rows_that_are_there_already():
    """Before the first transactional test nothing was flushed: the rows
    are there, and a changed one gets its migrated values back."""
    before = _migrated_state()
    root = Page.objects.get(depth=1)
    Page.objects.filter(pk=root.pk).update(title="Ändrad")

    connection.creation.deserialize_db_from_string(connection._test_serialized_contents)

    assert _migrated_state() == before


@pytest.mark.django_db(transaction=True)
def test_the_restore_sends_the_save_signals_raw():
    """As Django's raw saves do: Wagtail forgets its cached site root paths
    when a Site is saved, so a page's URL is not read from paths cached in
    an earlier test (the intervention bank's links were /insatser/None/)."""
    from django.core.cache import cache

    from wagtail.models.sites import (
        SITE_ROOT_PATHS_CACHE_KEY,
        SITE_ROOT_PATHS_CACHE_VERSION,
    )

    def cached():
        return cache.get(
            SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION
        )

    Site.get_site_root_paths()
    assert cached() is not None

    connection.creation.deserialize_db_from_string(connection._test_serialized_contents)

    assert cached() is None
