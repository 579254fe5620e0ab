"""The languages the intervention bank's filter offers: those its
interventions are given in. Finding them joins every intervention of the
region with its languages, so the codes are kept in the cache, stamped
with the versions that move when they can change (the shared version and
the bank's languages, which an intervention's publish moves when what it
adds to them changed: cms.changes.list_membership), and read with them
in one round trip. The stamp is taken before the database is read, so a
publish during the read leaves a stamp that is already old."""

from django.core.cache import cache

from cms import selectors
from cms.changes.list_membership import BANK_LANGUAGES
from cms.changes.version import SHARED_KEY, list_version_key, versions_read

LANGUAGES_KEY = "samverkan:web:bank-languages:{region}"
LANGUAGES_SECONDS = 24 * 3600


def bank_language_codes(*, region) -> list[str]:
    """The codes of the languages the region's bank has interventions in."""
    versions = [SHARED_KEY, list_version_key(BANK_LANGUAGES)]
    key = LANGUAGES_KEY.format(region=region.pk)
    found = cache.get_many([*versions, key])
    absent = [name for name in versions if name not in found]
    if absent:
        found.update(versions_read(absent))
    stamp = [found[name]["number"] for name in versions]
    stored = found.get(key)
    if stored is not None and stored["stamp"] == stamp:
        return stored["codes"]
    codes = selectors.languages_in_bank(region=region)
    cache.set(key, {"stamp": stamp, "codes": codes}, timeout=LANGUAGES_SECONDS)
    return codes
