"""Public listings of a region: the intervention bank, news, the meeting
calendar, groups and projects. Thin views: queries live in cms.selectors."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from cms import selectors
from cms.models import CollaborationGroup, ProjectPage
from web.regions import region_for_request


def _region_or_404(request):
    region = region_for_request(request)
    if region is None:
        raise Http404
    return region


def news_list(request):
    region = _region_or_404(request)
    context = {"region": region, "news": selectors.news_published(region=region)}
    return TemplateResponse(request, "web/news.html", context)


def meeting_calendar(request):
    region = _region_or_404(request)
    context = {
        "region": region,
        "upcoming": selectors.meetings_upcoming(region=region),
        "past": selectors.meetings_past(region=region)[:50],
    }
    return TemplateResponse(request, "web/meetings.html", context)


def group_list(request):
    region = _region_or_404(request)
    groups = CollaborationGroup.objects.filter(region=region).order_by("name")
    return TemplateResponse(
        request, "web/groups.html", {"region": region, "groups": groups}
    )


def group_detail(request, group_slug: str):
    region = _region_or_404(request)
    group = get_object_or_404(CollaborationGroup, region=region, slug=group_slug)
    past = [
        (meeting, selectors.meeting_published_minutes(meeting))
        for meeting in selectors.meetings_past(group=group)[:20]
    ]
    context = {
        "region": region,
        "group": group,
        "members": selectors.group_current_members(group=group),
        "upcoming": selectors.meetings_upcoming(group=group),
        "past": past,
    }
    return TemplateResponse(request, "web/group_detail.html", context)


def project_list(request):
    region = _region_or_404(request)
    projects = (
        ProjectPage.objects.live().public().descendant_of(region).order_by("title")
    )
    return TemplateResponse(
        request, "web/projects.html", {"region": region, "projects": projects}
    )


def accessibility(request):
    region = _region_or_404(request)
    return TemplateResponse(request, "web/accessibility.html", {"region": region})
