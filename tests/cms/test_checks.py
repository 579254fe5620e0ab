"""The system checks of an installation (cms/checks.py): each missing or
misplaced piece is reported with what to add and where, and the reference
settings (samverkan/settings.py, samverkan/urls.py) pass."""

import pytest

from django.apps import apps
from django.core import checks
from django.test import override_settings
from django.urls import include, path
from django.utils.module_loading import import_string

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.users.apps import WagtailUsersAppConfig

from cms import checks as samverkan_checks
from samverkan import settings as samverkan

# A root URLconf of a host that routes Wagtail's admin before Samverkan's:
# the side doors are shadowed (ROOT_URLCONF = this module).
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("", include(wagtail_urls)),
]


def samverkan_messages() -> list:
    return [
        message
        for message in checks.run_checks(include_deployment_checks=True)
        if message.id and message.id.startswith("samverkan.")
    ]


def without(middleware: str) -> list[str]:
    return [entry for entry in samverkan.MIDDLEWARE if entry != middleware]


def test_the_reference_settings_pass():
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://127.0.0.1:6379/0",
            }
        },
        MIDDLEWARE=samverkan.MIDDLEWARE,
        AXES_CLIENT_IP_CALLABLE=samverkan.AXES_CLIENT_IP_CALLABLE,
        WAGTAILADMIN_USER_PASSWORD_RESET_FORM=(
            samverkan.WAGTAILADMIN_USER_PASSWORD_RESET_FORM
        ),
        SAMVERKAN_TWO_FACTOR={"REQUIRED_FOR": "central_admins"},
    ):
        assert samverkan_messages() == []
    assert [app for app in samverkan.INSTALLED_APPS if not apps.is_installed(app)] == [
        samverkan.USERS_APP  # installed under Wagtail's name, wagtail.users
    ]


@pytest.mark.parametrize(
    "required", samverkan_checks.REQUIRED_MIDDLEWARE, ids=lambda r: r.middleware
)
def test_a_missing_middleware_is_reported_with_where_it_goes(required):
    with override_settings(MIDDLEWARE=without(required.middleware)):
        errors = samverkan_checks.check_middleware()

    assert [error.id for error in errors] == ["samverkan.E001"]
    assert f"'{required.middleware}' is missing from MIDDLEWARE" in errors[0].msg
    assert errors[0].hint.startswith(
        f"Add '{required.middleware}' to MIDDLEWARE, {required.where}"
    )


def test_each_required_middleware_is_in_the_reference_list_in_its_place():
    reference = samverkan.MIDDLEWARE
    for required in samverkan_checks.REQUIRED_MIDDLEWARE:
        assert required.middleware in reference
        assert import_string(required.middleware)
    for earlier, later, _why in samverkan_checks.MIDDLEWARE_ORDER:
        assert reference.index(earlier) < reference.index(later)


def test_the_two_factor_middleware_before_authentication_is_reported():
    middleware = without(samverkan_checks.TWO_FACTOR)
    middleware.insert(
        middleware.index(samverkan_checks.SESSION), samverkan_checks.TWO_FACTOR
    )
    with override_settings(MIDDLEWARE=middleware):
        errors = samverkan_checks.check_middleware()

    messages = {(error.id, error.msg, error.hint) for error in errors}
    assert (
        "samverkan.E002",
        f"'{samverkan_checks.OTP}' comes after '{samverkan_checks.TWO_FACTOR}' "
        "in MIDDLEWARE: two-step login asks request.user.is_verified().",
        f"Move '{samverkan_checks.OTP}' before '{samverkan_checks.TWO_FACTOR}' "
        "(samverkan.settings.MIDDLEWARE has the order).",
    ) in messages
    assert {error.id for error in errors} == {"samverkan.E002"}


def test_the_size_limit_after_the_session_is_reported():
    middleware = without(samverkan_checks.REQUEST_LIMITS)
    middleware.append(samverkan_checks.REQUEST_LIMITS)
    with override_settings(MIDDLEWARE=middleware):
        errors = samverkan_checks.check_middleware()

    assert [error.id for error in errors] == ["samverkan.E002", "samverkan.E002"]
    assert errors[0].msg.startswith(
        f"'{samverkan_checks.REQUEST_LIMITS}' comes after '{samverkan_checks.CSRF}'"
    )


def test_the_paths_the_checks_name_exist():
    for dotted in (
        samverkan_checks.USERS_APP,
        samverkan_checks.CLIENT_IP,
        samverkan_checks.PASSWORD_RESET_FORM,
    ):
        assert import_string(dotted)


def test_wagtails_own_users_app_is_reported():
    wagtail_users = WagtailUsersAppConfig(
        "wagtail.users", apps.get_app_config("wagtailusers").module
    )

    errors = samverkan_checks.users_app_errors(wagtail_users)

    assert [error.id for error in errors] == ["samverkan.E003"]
    assert "'wagtail.users'" in errors[0].msg
    assert errors[0].hint == (
        "Replace 'wagtail.users' with 'cms.scoping.users_app.UsersConfig' in "
        "INSTALLED_APPS, at the same place."
    )
    assert samverkan_checks.users_app_errors(None)[0].id == "samverkan.E003"
    assert samverkan_checks.check_users_app() == []


@override_settings(ROOT_URLCONF=__name__)
def test_side_doors_shadowed_by_wagtails_admin_are_reported():
    errors = samverkan_checks.check_side_doors()

    assert [error.id for error in errors] == ["samverkan.E004"]
    assert "/admin/choose-page/" in errors[0].msg
    assert "/admin/localize/update/1/" in errors[0].msg
    assert "samverkan.urls" in errors[0].hint


def test_the_reference_urls_route_every_side_door_first():
    with override_settings(ROOT_URLCONF="samverkan.urls"):
        assert samverkan_checks.check_side_doors() == []


@pytest.mark.parametrize(
    ("setting", "value", "check_id"),
    [
        ("AXES_CLIENT_IP_CALLABLE", None, "samverkan.W001"),
        ("WAGTAILADMIN_USER_PASSWORD_RESET_FORM", None, "samverkan.W002"),
        ("AXES_COOLOFF_TIME", None, "samverkan.W004"),
        ("SAMVERKAN_TWO_FACTOR", {"REQUIRED_FOR": "admins"}, "samverkan.E005"),
        ("WAGTAILADMIN_BASE_URL", "", "samverkan.E006"),
        ("WAGTAILDOCS_SERVE_METHOD", "direct", "samverkan.E007"),
    ],
)
def test_a_setting_that_drops_a_guarantee_is_reported(setting, value, check_id):
    with override_settings(**{setting: value}):
        messages = samverkan_checks.check_security_settings()

    assert [message.id for message in messages] == [check_id]


def test_deploy_check_wants_two_step_login_of_the_central_administrators():
    with override_settings(SAMVERKAN_TWO_FACTOR={}):
        assert [m.id for m in samverkan_checks.check_two_factor_deploy()] == [
            "samverkan.W003"
        ]
    with override_settings(SAMVERKAN_TWO_FACTOR={"REQUIRED_FOR": "central_admins"}):
        assert samverkan_checks.check_two_factor_deploy() == []


def test_deploy_check_wants_a_cache_every_process_shares():
    local = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    with override_settings(CACHES={"default": local}):
        [warning] = samverkan_checks.check_shared_cache_deploy()
    assert warning.id == "samverkan.W005"
    assert "LocMemCache" in warning.msg

    redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/0",
    }
    with override_settings(CACHES={"default": redis}):
        assert samverkan_checks.check_shared_cache_deploy() == []
