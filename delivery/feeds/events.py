"""Meetings as iCalendar (`/feeds/events.ics`, optionally `?group=<slug>`
and `?locale=<language>`: translated meetings in that language, the others
in Swedish; SUMMARY and DESCRIPTION carry the LANGUAGE parameter).

Live, public meetings that have not ended, plus those that ended in the past
90 days. Every meeting is one VEVENT:

- UID `<translation_key>@samverkan`: stable across edits, moves and renames.
- SEQUENCE: the number of the page's revisions up to and including the
  published (live) one. Every publish of a change makes a new revision live,
  so it increases whenever a changed meeting is published; drafts saved
  after that do not change it until they are published.
- DTSTAMP and LAST-MODIFIED: when the meeting was last published.
- DTSTART/DTEND on the Europe/Stockholm clock, with its VTIMEZONE.
- STATUS: CANCELLED for cancelled meetings, CONFIRMED otherwise.
"""

import datetime
import html
import re
import zoneinfo

from icalendar import Calendar, Event

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.html import strip_tags

from wagtail.models import Revision

from cms import selectors
from cms.content.html import link_url
from cms.languages import SOURCE_LANGUAGE
from cms.models import CollaborationGroup, MeetingStatus
from delivery.api.conditional import conditional_cached
from delivery.api.languages import (
    language_of_plain_request,
    source_pages,
    translated,
    unknown_language_message,
)
from delivery.api.regions import region_of_request

PAST_DAYS = 90
TIME_ZONE = zoneinfo.ZoneInfo("Europe/Stockholm")
CONTENT_TYPE = "text/calendar; charset=utf-8"

_BREAKS = re.compile(r"<br\s*/?>|</(p|li|h[1-6]|div)>", re.IGNORECASE)
_ITEMS = re.compile(r"<li[^>]*>", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n{3,}")


def rich_text_to_plain(value: str) -> str:
    """Rich text as plain text: paragraphs and list items on lines of their
    own, tags dropped, entities decoded. No queries (links are not
    expanded)."""
    text = _ITEMS.sub("- ", value or "")
    text = _BREAKS.sub("\n", text)
    text = html.unescape(strip_tags(text))
    lines = [line.strip() for line in text.splitlines()]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _published_revisions():
    """The number of the meeting's revisions up to its live one, as a
    subquery on a page queryset."""
    revisions = (
        Revision.objects.filter(
            base_content_type__app_label="wagtailcore",
            base_content_type__model="page",
            object_id=Cast(
                OuterRef("pk"), output_field=Revision._meta.get_field("object_id")
            ),
            pk__lte=OuterRef("live_revision_id"),
        )
        .order_by()
        .values("object_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Subquery(revisions, output_field=IntegerField())


def meetings_for_calendar(
    *,
    group_slug: str | None = None,
    region=None,
    now=None,
    language: str | None = None,
) -> list:
    """Upcoming meetings, then those of the past 90 days (of one region
    when given): two queries (and one for their translations into
    `language`, which replace them where published; Swedish otherwise)."""
    now = now or timezone.now()
    querysets = [
        selectors.meetings_upcoming(now=now, region=region),
        selectors.meetings_past(now=now, region=region).filter(
            ends_at__gte=now - datetime.timedelta(days=PAST_DAYS)
        ),
    ]
    meetings = []
    for meetings_qs in querysets:
        meetings_qs = source_pages(meetings_qs.public()).annotate(
            sequence=_published_revisions()
        )
        if group_slug:
            meetings_qs = meetings_qs.filter(group__slug=group_slug)
        meetings.extend(meetings_qs)
    meetings.sort(key=lambda meeting: (meeting.starts_at, meeting.pk))
    return translated(
        meetings,
        queryset=selectors.meetings_public().annotate(sequence=_published_revisions()),
        language=language or SOURCE_LANGUAGE,
        id_field="translation_key",
    )


def meeting_event(meeting, request, *, language: str = "") -> Event:
    """The meeting as an event; its texts marked with their `language`."""
    event = Event()
    texts = {"LANGUAGE": language} if language else {}
    event.add("uid", f"{meeting.translation_key}@samverkan")
    changed = meeting.last_published_at or meeting.latest_revision_created_at
    event.add("dtstamp", changed or timezone.now())
    if changed:
        event.add("last-modified", changed)
    event.add("sequence", meeting.sequence or 0)
    event.add("dtstart", meeting.starts_at.astimezone(TIME_ZONE))
    event.add("dtend", meeting.ends_at.astimezone(TIME_ZONE))
    event.add("summary", f"{meeting.group.name}: {meeting.title}", parameters=texts)
    online_url = link_url(meeting.online_url)
    location = meeting.place or online_url
    if location:
        event.add("location", location)
    description = rich_text_to_plain(meeting.agenda)
    if meeting.place and online_url:
        description = "\n\n".join(filter(None, [description, online_url]))
    if description:
        event.add("description", description, parameters=texts)
    cancelled = meeting.status == MeetingStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    url = meeting.get_full_url(request) or online_url
    if url:
        event.add("url", url)
    return event


def calendar_for(meetings, request, *, language: str = "") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Samverkan//Möten//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Samverkan: möten")
    calendar.add("x-wr-timezone", TIME_ZONE.key)
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, request, language=language))
    calendar.add_missing_timezones()
    return calendar


@conditional_cached(clock=3600, kind="event")  # coming meetings, hourly
def events_ics(request, **url_kwargs):
    region = region_of_request(request)
    group_slug = request.GET.get("group") or None
    groups = CollaborationGroup.objects.filter(slug=group_slug)
    if region is not None:
        groups = groups.filter(region=region)
    if group_slug and not groups.exists():
        raise Http404("No such group.")
    language = language_of_plain_request(request)
    if language is None:
        return HttpResponseBadRequest(
            unknown_language_message(), content_type="text/plain; charset=utf-8"
        )
    meetings = meetings_for_calendar(
        group_slug=group_slug, region=region, language=language
    )
    body = calendar_for(meetings, request, language=language).to_ical()
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Language"] = language
    response["Content-Disposition"] = 'inline; filename="samverkan-moten.ics"'
    return response
