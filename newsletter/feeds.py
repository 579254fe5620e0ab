from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from newsletter.scoping import (
    newsletter_public_address,
    newsletter_public_url,
    newsletter_region_for_request,
)
from newsletter.selectors import issues_archived


class ArchiveFeed(Feed):
    title = _("Newsletter")
    description = _("Issues of the collaboration's newsletter.")

    def get_object(self, request, *args, **kwargs):
        region = newsletter_region_for_request(request)
        if region is None:
            raise Http404
        return region

    def link(self, region):
        return newsletter_public_url("archive", region=region)

    def items(self, region):
        issues = list(issues_archived(region=region)[:50])
        prefix, query = newsletter_public_address(region=region)
        for issue in issues:
            issue.public_url = (
                prefix
                + reverse("samverkan_newsletter:archive_issue", args=[issue.pk])
                + query
            )
        return issues

    def item_title(self, item):
        return item.subject

    def item_description(self, item):
        # Readers take an item's description as HTML; the preview text is
        # plain text.
        return escape(item.preheader)

    def item_link(self, item):
        return item.public_url

    def item_pubdate(self, item):
        return item.started_at
