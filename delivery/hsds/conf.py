"""Settings of the HSDS view: SAMVERKAN_HSDS overrides DEFAULTS."""

from django.conf import settings

HSDS_VERSION = "3.0"

DEFAULTS = {
    "PROFILE_URL": "https://docs.openreferral.org/en/latest/hsds/",
    "OPENAPI_URL": (
        "https://raw.githubusercontent.com/openreferral/specification/3.0/"
        "schema/openapi.json"
    ),
    # Addresses require a state or province; we do not know the county of a
    # location, so this is empty unless an installation sets it.
    "STATE_PROVINCE": "",
    # Where the public reads a service, e.g. a partner portal's
    # "https://portal.example.se/insatser/{slug}/" ({id} and {slug} are
    # filled in). Without it: the page's public address (the built-in site
    # or the region's own front end, cms.content.front_ends), if it has one.
    "SERVICE_URL": None,
    "COUNTRY": "SE",
    "CURRENCY": "SEK",
    "PER_PAGE": 50,
    "MAX_PER_PAGE": 100,
}


def conf(name):
    return getattr(settings, "SAMVERKAN_HSDS", {}).get(name, DEFAULTS[name])
