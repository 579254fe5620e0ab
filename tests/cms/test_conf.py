"""Every setting of `cms` has its default in cms/conf.py: a host that sets
none of them gets working, documented values (no AttributeError)."""

from cms.conf import DEFAULTS, cms_setting, max_request_bytes, two_factor_setting
from cms.reviews.conf import review_settings
from cms.two_factor.policy import backup_code_count, required_for_setting


def test_a_host_without_any_cms_setting_gets_the_defaults(settings):
    for name in DEFAULTS:
        if hasattr(settings, name):
            delattr(settings, name)
    if hasattr(settings, "SAMVERKAN_REVIEWS"):
        del settings.SAMVERKAN_REVIEWS

    assert required_for_setting() == "nobody"
    assert backup_code_count() == 10
    assert cms_setting("SAMVERKAN_TRUSTED_PROXY_COUNT") == 0
    assert cms_setting("SAMVERKAN_CSP_EXTRA") == ""
    assert cms_setting("SAMVERKAN_DOCS_DIR") is None
    assert review_settings()["OVERDUE_STEP"] == "overdue"


def test_two_factor_keys_a_host_leaves_out_keep_their_defaults(settings):
    settings.SAMVERKAN_TWO_FACTOR = {"REQUIRED_FOR": "everyone"}
    assert two_factor_setting("REQUIRED_FOR") == "everyone"
    assert two_factor_setting("BACKUP_CODES") == 10


def test_the_upload_bound_follows_wagtails_upload_limits(settings):
    if hasattr(settings, "SAMVERKAN_MAX_REQUEST_BYTES"):
        del settings.SAMVERKAN_MAX_REQUEST_BYTES
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
    assert max_request_bytes() == 21 * 1024 * 1024

    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 30 * 1024 * 1024
    assert max_request_bytes() == 31 * 1024 * 1024

    # Wagtail's default for documents: no limit; ours then counts 20 MiB.
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = None
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
    assert max_request_bytes() == 21 * 1024 * 1024

    settings.SAMVERKAN_MAX_REQUEST_BYTES = 5000
    assert max_request_bytes() == 5000


def test_content_languages_fall_back_to_languages_as_in_wagtail(settings):
    from cms.languages import content_language_codes

    del settings.WAGTAIL_CONTENT_LANGUAGES
    settings.LANGUAGES = [("sv", "Svenska"), ("en", "English")]

    assert content_language_codes() == ["sv", "en"]
