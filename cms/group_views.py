"""Public group pages: each group with its current members (from the
memberships, never kept by hand) and its meetings."""

from django.shortcuts import get_object_or_404, render

from cms import selectors
from cms.models import CollaborationGroup


def group_detail(request, region_slug: str, group_slug: str):
    group = get_object_or_404(
        CollaborationGroup.objects.select_related("region"),
        region__slug=region_slug,
        region__live=True,
        slug=group_slug,
    )
    past = [
        (meeting, selectors.meeting_published_minutes(meeting))
        for meeting in selectors.meetings_past(group=group)[:20]
    ]
    context = {
        "group": group,
        "members": selectors.group_current_members(group=group),
        "upcoming": selectors.meetings_upcoming(group=group),
        "past": past,
    }
    return render(request, "samverkan_cms/groups/detail.html", context)
