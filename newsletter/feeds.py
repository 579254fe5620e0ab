from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from newsletter.selectors import issues_archived


class ArchiveFeed(Feed):
    title = _("Newsletter")
    description = _("Issues of the collaboration's newsletter.")

    def link(self):
        return reverse("samverkan_newsletter:archive")

    def items(self):
        return issues_archived()[:50]

    def item_title(self, item):
        return item.subject

    def item_description(self, item):
        # Readers take an item's description as HTML; the preview text is
        # plain text.
        return escape(item.preheader)

    def item_link(self, item):
        return reverse("samverkan_newsletter:archive_issue", args=[item.pk])

    def item_pubdate(self, item):
        return item.started_at
