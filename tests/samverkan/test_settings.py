"""samverkan.settings: what a host takes over, and installed_apps(), which
splices Samverkan's apps into an existing Wagtail site's list."""

from samverkan import settings as samverkan

WAGTAIL_START_APPS = [
    "home",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]


def test_installed_apps_splices_samverkan_into_a_wagtail_site():
    apps = samverkan.installed_apps(WAGTAIL_START_APPS)

    assert apps[: len(samverkan.SAMVERKAN_APPS)] == samverkan.SAMVERKAN_APPS
    assert "wagtail.users" not in apps and "wagtail.locales" not in apps
    # Samverkan's users app where wagtail.users was, before wagtail.admin.
    assert apps.index(samverkan.USERS_APP) < apps.index("wagtail.admin")
    assert apps.index("wagtail_localize.locales") < apps.index("wagtail")
    assert len(apps) == len(set(apps))
    # Everything of the reference list is there, and the site's own apps.
    assert set(samverkan.INSTALLED_APPS) <= set(apps)
    assert {"home", "search", "django.contrib.admin"} <= set(apps)


def test_installed_apps_keeps_a_list_that_already_has_samverkan():
    assert samverkan.installed_apps(samverkan.INSTALLED_APPS) == (
        samverkan.INSTALLED_APPS
    )


def test_a_star_import_takes_exactly_the_django_settings():
    namespace: dict = {}
    exec("from samverkan.settings import *", namespace)  # noqa: S102

    taken = {name for name in namespace if not name.startswith("__")}
    assert taken == set(samverkan.__all__)
    assert all(name.isupper() for name in taken)
