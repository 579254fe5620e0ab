"""A content page type that exists only in the test suite: it stands for the
content (interventions, news, meetings...) that organisations keep below their
organisation page, so scoping can be tested on the mechanism itself."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class ArticlePage(Page):
    body = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    parent_page_types = ["samverkan_cms.OrganisationPage"]
    subpage_types = ["samverkan_testapp.ArticlePage"]
