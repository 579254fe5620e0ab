"""Which municipality's intervention lists an intervention is in, so that
its publish moves the versions of those lists only (cms.changes.version):
the lists of the municipalities it serves now and of those it served
before its publish (a list it leaves changes too).

A list narrowed to one municipality (`?municipality=` of the delivery API
and of the public bank, by the municipality's slug or code), whatever
else narrows it, holds only interventions that serve that municipality:
it follows the version of that value and the version of every
municipality list together (`MUNICIPALITY_LISTS`), see `list_kinds`.
What an intervention served at its last publish, and the languages it was
given in, are kept in the cache under its stable id, written only once
that publish is committed (a publish that rolls back leaves the record of
the one before). When the record is missing (never written, evicted),
what it left cannot be known: the version of every municipality list
moves instead.

The bank's language filter offers the languages of all its interventions
(web.bank_choices): they can change only when an intervention's own
languages do, so `BANK_LANGUAGES` moves then (and without a record)."""

from django.core.cache import cache

from cms.changes.log import object_stable_id
from cms.changes.version import OBJECT_VERSION_SECONDS

MUNICIPALITY_LISTS = "intervention@municipalities"
BANK_LANGUAGES = "intervention@languages"
SERVED_KEY = "samverkan:api:served-municipalities:"


def municipality_list(value: str) -> str:
    """The list kind (cms.changes.version.list_version_key) of the
    interventions serving the municipality named by `value` (a slug or a
    municipality code, as the filter takes it)."""
    return f"intervention@municipality:{value}"


def list_kinds(kind: str, municipalities) -> list[str]:
    """The list kinds whose versions a list of `kind` follows, narrowed
    to the `municipalities` values (slugs or codes) and perhaps more: one
    municipality's lists, or every list of the kind."""
    municipalities = list(municipalities)
    if kind == "intervention" and len(municipalities) == 1:
        return [MUNICIPALITY_LISTS, municipality_list(municipalities[0])]
    return [kind]


def lists_moved(page) -> tuple[set[str], dict]:
    """The list kinds a publish or unpublish of the intervention `page` (in
    any language) moves: the lists of the municipalities it serves now or
    served before, and the bank's language set when its own languages
    changed. Also the record to keep once it is committed (pass it to
    `served_record`)."""
    from cms.translations.selectors import page_source

    source = page_source(page=page)  # the lists filter on the Swedish page
    live = source is not None and source.live
    now = {
        "municipalities": _served_values(source) if live else [],
        "languages": _bank_languages(source) if live else [],
    }
    key = SERVED_KEY + str(object_stable_id(page))
    before = cache.get(key)
    if not isinstance(before, dict):  # none recorded
        return {MUNICIPALITY_LISTS, BANK_LANGUAGES} | {
            municipality_list(value) for value in now["municipalities"]
        }, {key: now}
    values = {*now["municipalities"], *before["municipalities"]}
    moved = {municipality_list(value) for value in values}
    if now["languages"] != before["languages"]:
        moved.add(BANK_LANGUAGES)
    return moved, {key: now}


def served_record(record: dict) -> None:
    cache.set_many(record, timeout=OBJECT_VERSION_SECONDS)


def served_records_seed() -> int:
    """Record what every live intervention serves where nothing is recorded
    yet (after an upgrade, or data loaded without publishing), so that its
    next publish moves only its own lists. A record written meanwhile by a
    publish is kept (`cache.add`). Returns the number of interventions."""
    from collections import defaultdict

    from cms.languages import SOURCE_LANGUAGE
    from cms.models import InterventionPage, InterventionStatus, OrganisationKind

    served, languages = defaultdict(list), defaultdict(list)
    rows = InterventionPage.service_area.through.objects.filter(
        organisationpage__kind=OrganisationKind.MUNICIPALITY
    ).values_list(
        "interventionpage_id",
        "organisationpage__slug",
        "organisationpage__municipality_code",
    )
    for page_id, slug, code in rows:
        served[page_id] += [slug, code] if code else [slug]
    given_in = InterventionPage.languages.through.objects.exclude(
        interventionpage__status=InterventionStatus.ENDED
    ).values_list("interventionpage_id", "language__code")
    for page_id, code in given_in:
        languages[page_id].append(code)
    pages = InterventionPage.objects.live().filter(
        locale__language_code=SOURCE_LANGUAGE
    )
    count = 0
    for page_id, stable_id in pages.values_list("pk", "uuid").iterator():
        record = {
            "municipalities": sorted(served.get(page_id, [])),
            "languages": sorted(languages.get(page_id, [])),
        }
        cache.add(SERVED_KEY + str(stable_id), record, timeout=OBJECT_VERSION_SECONDS)
        count += 1
    return count


def _served_values(page) -> list[str]:
    """The slugs and codes of the municipalities the page serves, as
    stored (the publish being recorded has saved them)."""
    from cms.models import InterventionPage, OrganisationKind, OrganisationPage

    served = InterventionPage.service_area.through.objects.filter(
        interventionpage_id=page.pk
    ).values("organisationpage_id")
    values = []
    for slug, code in OrganisationPage.objects.filter(
        pk__in=served, kind=OrganisationKind.MUNICIPALITY
    ).values_list("slug", "municipality_code"):
        values += [slug, code] if code else [slug]
    return sorted(values)


def _bank_languages(page) -> list[str]:
    """The codes of the languages the page adds to the bank's filter: those
    it is given in, none once it has ended (the bank leaves it out)."""
    from cms.models import InterventionPage, InterventionStatus

    return sorted(
        InterventionPage.languages.through.objects.filter(interventionpage_id=page.pk)
        .exclude(interventionpage__status=InterventionStatus.ENDED)
        .values_list("language__code", flat=True)
    )
