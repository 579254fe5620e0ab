"""Public listings of a region: the intervention bank, news, the meeting
calendar, groups and projects. Thin views: queries live in cms.selectors."""

import datetime

from django.core.paginator import Paginator
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from cms import selectors
from cms.models import CollaborationGroup, ProjectPage
from web.regions import region_or_404, region_source

PAGE_PARAM = "sida"
# The accessibility statement's dates: move them when the site is assessed
# again or the statement changes.
ACCESSIBILITY_ASSESSED_ON = datetime.date(2026, 12, 4)
ACCESSIBILITY_UPDATED_ON = datetime.date(2026, 12, 4)
NEWS_PER_PAGE = 10
PAST_MEETINGS_PER_PAGE = 20


def _page_of(request, items, per_page):
    return Paginator(items, per_page).get_page(request.GET.get(PAGE_PARAM))


def news_list(request):
    region = region_or_404(request)
    news = _page_of(request, selectors.news_published(region=region), NEWS_PER_PAGE)
    context = {"region": region, "news": news, "page_param": PAGE_PARAM}
    return TemplateResponse(request, "web/news.html", context)


def meeting_calendar(request):
    region = region_or_404(request)
    past = _page_of(
        request, selectors.meetings_past(region=region), PAST_MEETINGS_PER_PAGE
    )
    context = {
        "region": region,
        "upcoming": selectors.meetings_upcoming(region=region),
        "past": past,
        "page_param": PAGE_PARAM,
    }
    return TemplateResponse(request, "web/meetings.html", context)


def group_list(request):
    region = region_or_404(request)
    groups = CollaborationGroup.objects.filter(region=region_source(region)).order_by(
        "kind", "name"
    )
    return TemplateResponse(
        request, "web/groups.html", {"region": region, "groups": groups}
    )


def group_detail(request, group_slug: str):
    region = region_or_404(request)
    group = get_object_or_404(
        CollaborationGroup, region=region_source(region), slug=group_slug
    )
    language = region.locale.language_code
    past = [
        (meeting, selectors.meeting_published_minutes(meeting))
        for meeting in selectors.meetings_past(group=group, language=language)[:20]
    ]
    context = {
        "region": region,
        "group": group,
        "members": selectors.group_current_members(group=group),
        "upcoming": selectors.meetings_upcoming(group=group, language=language),
        "past": past,
    }
    return TemplateResponse(request, "web/group_detail.html", context)


def person_card(request, person_id):
    """A person's public card: name, title, organisation and seats in the
    region's groups; e-mail and phone only when the person is marked
    public. Only people seated in a group of this region today."""
    region = region_or_404(request)
    seats = (
        selectors.memberships_public()
        .filter(group__region=region_source(region), person__uuid=person_id)
        .select_related("group", "person", "person__organisation")
        .order_by("group__name", "pk")
    )
    seats = list(seats)
    if not seats:
        raise Http404
    context = {"region": region, "person": seats[0].person, "seats": seats}
    return TemplateResponse(request, "web/person.html", context)


def group_moved(request, region_slug: str, group_slug: str):
    """The group page's old address (/grupper/<region>/<group>/): 301 to
    its page on the region's site."""
    group = get_object_or_404(
        CollaborationGroup.objects.select_related("region"),
        region__slug=region_slug,
        region__live=True,
        slug=group_slug,
    )
    site_root = (group.region.get_url(request) or "/").rstrip("/")
    path = reverse("web:group_detail", args=(group.slug,))
    return HttpResponsePermanentRedirect(site_root + path)


def project_list(request):
    region = region_or_404(request)
    projects = (
        ProjectPage.objects.live().public().descendant_of(region).order_by("title")
    )
    return TemplateResponse(
        request, "web/projects.html", {"region": region, "projects": projects}
    )


def accessibility(request):
    region = region_or_404(request)
    context = {
        "region": region,
        "assessed_on": ACCESSIBILITY_ASSESSED_ON,
        "updated_on": ACCESSIBILITY_UPDATED_ON,
    }
    return TemplateResponse(request, "web/accessibility.html", context)
