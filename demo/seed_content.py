"""Load the demo news, meetings and projects (demo/content/). Idempotent:
a page whose slug exists under its organisation is left alone."""

import datetime
import zoneinfo

from django.conf import settings
from django.utils import timezone

from cms.models import (
    CollaborationGroup,
    MeetingPage,
    NewsPage,
    OrganisationPage,
    Person,
    ProjectPage,
    RegionPage,
    ReportingDeadline,
)
from cms.models.projects import project_deadlines_derive
from demo.content import meetings, news, projects


def _day(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _exists(model, organisation, slug) -> bool:
    return model.objects.child_of(organisation).filter(slug=slug).exists()


def _publish(organisation, page) -> None:
    organisation.add_child(instance=page)
    page.save_revision().publish()


def _news(organisations: dict[str, OrganisationPage]) -> None:
    for org_slug, slug, title, days_ago, lead, paragraphs, tags in news.NEWS:
        organisation = organisations[org_slug]
        if _exists(NewsPage, organisation, slug):
            continue
        page = NewsPage(
            title=title,
            slug=slug,
            date=_day(-days_ago),
            lead=lead,
            body=[("text", "".join(f"<p>{p}</p>" for p in paragraphs))],
        )
        page.tags.add(*tags)
        _publish(organisation, page)


def _meetings(region: RegionPage, organisations) -> None:
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    groups = {g.slug: g for g in CollaborationGroup.objects.filter(region=region)}
    numbers: dict[str, int] = {}
    for entry in meetings.MEETINGS:
        (group_slug, org_slug, title, days, start, minutes_long, place, online) = entry[
            :8
        ]
        status, minutes_text, approved_after = entry[8:]
        numbers[group_slug] = numbers.get(group_slug, 0) + 1
        slug = f"{group_slug}-{numbers[group_slug]}"
        organisation = organisations[org_slug]
        if _exists(MeetingPage, organisation, slug):
            continue
        starts_at = datetime.datetime.combine(
            _day(days), datetime.time.fromisoformat(start), tzinfo=zone
        )
        _publish(
            organisation,
            MeetingPage(
                title=f"{title} {starts_at:%Y-%m-%d}",
                slug=slug,
                group=groups[group_slug],
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(minutes=minutes_long),
                place=place,
                online_url=online,
                status=status,
                agenda=meetings.AGENDA,
                minutes_text=f"<p>{minutes_text}</p>" if minutes_text else "",
                minutes_approved_on=(
                    None if approved_after is None else _day(days + approved_after)
                ),
            ),
        )


def _projects(organisations, people: dict[str, Person]) -> None:
    for entry in projects.PROJECTS:
        organisation = organisations[entry["org"]]
        if _exists(ProjectPage, organisation, entry["slug"]):
            continue
        start, end = entry["period"]
        page = ProjectPage(
            title=entry["title"],
            slug=entry["slug"],
            description=entry["description"],
            funder=entry["funder"],
            funder_name=entry["funder_name"],
            amount_applied=entry["amount_applied"],
            amount_granted=entry["amount_granted"],
            decision_date=None
            if entry["decision"] is None
            else _day(entry["decision"]),
            period_start=_day(start),
            period_end=_day(end),
        )
        project_deadlines_derive(project=page)
        responsible = people[entry["responsible"]]
        deadlines = list(page.deadlines.all())
        for description, days in entry["extra"]:
            deadlines.append(
                ReportingDeadline(description=description, due_on=_day(days))
            )
        for index, deadline in enumerate(deadlines):
            deadline.sort_order = index
            deadline.responsible = responsible
            if deadline.kind in entry["done"]:
                deadline.done_on = min(deadline.due_on, timezone.localdate())
        page.deadlines = deadlines
        page.partners = [organisations[slug] for slug in entry["partners"]]
        _publish(organisation, page)


def content_seed(region: RegionPage, organisations, people) -> None:
    _news(organisations)
    _meetings(region, organisations)
    _projects(organisations, people)
