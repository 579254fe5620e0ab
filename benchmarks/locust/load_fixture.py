"""The load test's data (benchmarks/load.py): what it builds, the
addresses its users read, and the editor who publishes during the run."""

import threading


def fixture_build(
    *, interventions: int, organisations: int, partner_keys: int, public_sample: int
) -> dict:
    """The data, and what the partners need to know to ask for it (the
    fixture the locust users read). The intervention bank is api_list.py's
    (the same shape of data); `public_sample` intervention pages are the
    public readers'."""
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from benchmarks import api_list
    from cms.models import InterventionPage, OrganisationPage
    from delivery.access.keys import api_key_create
    from tests.factories import (
        MeetingPageFactory,
        NewsPageFactory,
        PersonFactory,
        publish,
        stockholm,
    )

    api_list.COUNT = interventions
    api_list.ORGANISATIONS = organisations
    api_list._build()
    organisations = list(OrganisationPage.objects.order_by("path"))
    for organisation in organisations:  # owners, for the editor's publishes
        PersonFactory(organisation=organisation)
    for n in range(60):
        publish(NewsPageFactory(parent=organisations[n % len(organisations)]))
    for n in range(30):
        publish(
            MeetingPageFactory(
                parent=organisations[n % 3],
                starts_at=stockholm(2030, 1 + n % 12, 1 + n % 28, 13, 30),
            )
        )
    call_command("changes_backfill", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    client = Client()
    page = {"next_cursor": None, "has_more": True}
    while page["has_more"]:  # a partner that has read the feed to its end
        cursor = page["next_cursor"]
        page = client.get(
            "/api/v1/changes/",
            {"limit": 1000, **({"cursor": cursor} if cursor else {})},
        ).json()
    return {
        "keys": [api_key_create(name=f"Partner {n}")[1] for n in range(partner_keys)],
        "interventions": [
            str(uuid)
            for uuid in InterventionPage.objects.values_list("uuid", flat=True)
        ],
        **_addresses([organisation.slug for organisation in organisations]),
        # Public pages of a sample of interventions (web/), for the readers.
        "public_pages": [
            page.get_url()
            for page in InterventionPage.objects.order_by("?")[:public_sample]
        ],
        "cursor": page["next_cursor"],
    }


def _addresses(municipalities: list[str]) -> dict:
    """The fixed addresses the users read besides details and intervention
    pages (benchmarks/locust/partner_load.py picks among them; the warm-up
    reads each once)."""
    return {
        "intervention_list": "/api/v1/interventions/?page_size=50",
        "municipality_lists": [
            f"/api/v1/interventions/?municipality={slug}&page_size=50"
            for slug in municipalities
        ],
        "hsds_pages": [
            f"/api/hsds/services?per_page=50&page={page}" for page in range(1, 6)
        ],
        "feeds": [
            "/api/v1/news/",
            "/api/v1/events/",
            "/feeds/news.rss",
            "/feeds/events.ics",
        ],
        # The bank of one municipality, in Swedish and with the Arabic filter.
        "bank_pages": [
            f"/insatser/?municipality={slug}{language}"
            for slug in municipalities
            for language in ("", "&language=ar")
        ],
        "listings": ["/nyheter/", "/moten/"],
    }


class Editor(threading.Thread):
    """An editor publishing a changed intervention now and then."""

    def __init__(self, *, every_seconds: float):
        super().__init__(daemon=True)
        self.every_seconds = every_seconds
        self.stopped = threading.Event()
        self.published = 0

    def run(self):
        from cms.models import InterventionPage, Person

        owners = dict(Person.objects.values_list("organisation_id", "pk"))
        pages = InterventionPage.objects.order_by("?").values_list("pk", flat=True)
        for pk in pages:
            if self.stopped.wait(self.every_seconds):
                return
            page = InterventionPage.objects.get(pk=pk)
            page.summary = f"{page.summary} Uppdaterad."
            page.responsible_owner_id = owners[page.get_parent().pk]
            page.save_revision().publish()
            self.published += 1
