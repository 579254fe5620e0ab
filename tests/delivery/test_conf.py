"""SAMVERKAN_API has every default in delivery/conf.py: a host that sets
none of it gets the documented values, and a host that sets one key keeps
the others."""

from delivery.conf import DEFAULTS, api_setting


def test_a_host_without_samverkan_api_gets_the_defaults(settings):
    del settings.SAMVERKAN_API

    assert {name: api_setting(name) for name in DEFAULTS} == DEFAULTS
    # The values the install guide and the partners' manual name.
    assert api_setting("RESPONSE_CACHE") is True
    assert api_setting("MAX_AGE") == 60
    assert api_setting("PARTNER_PATHS") == ("/api/v1/", "/api/hsds/", "/feeds/")
    assert api_setting("ANONYMOUS_REQUESTS_PER_MINUTE") == 120
    assert api_setting("KEY_REQUESTS_PER_MINUTE") == 1200


def test_one_key_set_keeps_the_others(settings):
    settings.SAMVERKAN_API = {"MAX_AGE": 5}

    assert api_setting("MAX_AGE") == 5
    assert api_setting("RESPONSE_CACHE_SECONDS") == 600
