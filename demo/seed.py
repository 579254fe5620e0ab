"""Load the demo data. Idempotent: objects are looked up by their natural
keys and left alone when they exist, so a second run changes nothing."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction

from wagtail.models import Page, Site

from cms import services
from cms.models import (
    CollaborationGroup,
    GroupMembership,
    OrganisationKind,
    OrganisationPage,
    Person,
    RegionPage,
)
from demo import sodertorn
from demo.seed_content import content_seed
from demo.seed_exchange import exchange_seed
from demo.seed_interventions import interventions_seed
from demo.seed_translations import translations_seed

WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _region() -> RegionPage:
    region = RegionPage.objects.filter(slug=sodertorn.REGION["slug"]).first()
    if region is None:
        root = Page.get_first_root_node()
        region = root.add_child(instance=RegionPage(**sodertorn.REGION))
    services.region_provision(region=region)
    return region


def _site_address() -> tuple[str, int]:
    """Host and port of WAGTAILADMIN_BASE_URL: page URLs keep the port the
    demo runs on (a Site on port 80 dropped it from feeds and e-mails)."""
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    default_port = 443 if address.scheme == "https" else 80
    return address.hostname or "localhost", address.port or default_port


def _site(region: RegionPage) -> None:
    """Point the default site at the region, replacing Wagtail's welcome
    page, at the address of WAGTAILADMIN_BASE_URL."""
    hostname, port = _site_address()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=region,
            is_default_site=True,
            site_name=region.title,
        )
        return
    if (site.root_page_id, site.hostname, site.port) == (region.pk, hostname, port):
        return
    old_root = site.root_page
    site.root_page = region
    site.site_name = region.title
    site.hostname, site.port = hostname, port
    site.save()
    if (
        old_root.pk != region.pk
        and old_root.title == WAGTAIL_WELCOME_TITLE
        and not old_root.get_children().exists()
    ):
        old_root.delete()


def _organisation(region: RegionPage, slug: str, **fields) -> OrganisationPage:
    organisation = OrganisationPage.objects.child_of(region).filter(slug=slug).first()
    if organisation is None:
        organisation = region.add_child(instance=OrganisationPage(slug=slug, **fields))
        organisation.save_revision().publish()
    services.organisation_provision(organisation=organisation)
    return organisation


def _organisations(region: RegionPage) -> dict[str, OrganisationPage]:
    by_slug = {}
    for title, slug, code, since, until in sodertorn.MUNICIPALITIES:
        by_slug[slug] = _organisation(
            region,
            slug,
            title=title,
            kind=OrganisationKind.MUNICIPALITY,
            municipality_code=code,
            website=f"https://www.{slug}.se",
            member_since=_date(since),
            member_until=_date(until),
        )
    for title, slug, kind, org_number, since in sodertorn.OTHER_ORGANISATIONS:
        by_slug[slug] = _organisation(
            region,
            slug,
            title=title,
            kind=kind,
            org_number=org_number,
            member_since=_date(since),
        )
    return by_slug


def _people(organisations: dict[str, OrganisationPage]) -> dict[str, Person]:
    by_local_part = {}
    for org_slug, name, title, local_part in sodertorn.PEOPLE:
        email = f"{local_part}@{sodertorn.EMAIL_DOMAIN}"
        # Looked up by e-mail in the region: a person the demo data once
        # placed elsewhere is kept, not doubled.
        person = Person.objects.filter(
            organisation__in=organisations.values(), email=email
        ).first() or Person.objects.create(
            organisation=organisations[org_slug], email=email, name=name, title=title
        )
        by_local_part[local_part] = person
    return by_local_part


def _groups(region: RegionPage, people: dict[str, Person]) -> None:
    for slug, name, kind, description, members in sodertorn.GROUPS:
        group, created = CollaborationGroup.objects.get_or_create(
            region=region,
            slug=slug,
            defaults={"name": name, "kind": kind, "description": description},
        )
        if not created:
            continue
        GroupMembership.objects.bulk_create(
            GroupMembership(
                group=group, person=people[local_part], role=role, sort_order=index
            )
            for index, (local_part, role) in enumerate(members)
        )


@transaction.atomic
def demo_seed() -> RegionPage:
    region = _region()
    _site(region)
    organisations = _organisations(region)
    people = _people(organisations)
    _groups(region, people)
    interventions_seed(organisations, people)
    content_seed(region, organisations, people)
    exchange_seed(organisations, people)
    translations_seed(region)
    return region
