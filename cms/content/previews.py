"""Previews of pages in the admin ("view draft", a revision, a workflow
task's preview, the live preview beside the edit form).

A page previews in its own public template (the one `serve()` renders, e.g.
from the built-in public site) when a template loader finds one. Without
one (a headless installation), it previews as a plain, read-only list of its
own fields (those its type adds to Wagtail's page), rich text cleaned by the
same allowlist as the API. Who may open a preview is unchanged: Wagtail's
views check it."""

from django.db import models
from django.template import TemplateDoesNotExist
from django.template.loader import select_template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from modelcluster.fields import ParentalKey
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from cms.content.html import rich_text_html

PREVIEW_TEMPLATE = "samverkan_cms/preview/page.html"
SKIPPED = {"responsible_owner"}  # who is reminded: not content


class HeadlessPreviewMixin:
    """For page models: previews render the page's own template when one
    exists, else PREVIEW_TEMPLATE."""

    def get_preview_template(self, request, mode_name):
        own = self.get_template(request)
        try:
            select_template([own] if isinstance(own, str) else own)
        except TemplateDoesNotExist:
            return PREVIEW_TEMPLATE
        return own

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["preview_fields"] = preview_fields(self)
        return context


def preview_fields(page) -> list[dict]:
    """{"label", "value"} of every field the page's type adds, in model
    order, empty ones left out; child rows and many-to-many choices as
    {"label", "items"}."""
    own = [
        field
        for field in type(page)._meta.get_fields()
        if getattr(field, "model", None) is not Page
        and (field.concrete or isinstance(field, models.ManyToManyField))
        and not field.auto_created
        and field.name not in SKIPPED
        and not getattr(field, "primary_key", False)
    ]
    rows = []
    for field in own:
        value = _display(page, field)
        label = str(field.verbose_name).capitalize()
        if isinstance(value, list):
            if value:
                rows.append({"label": label, "items": value})
        elif value is not None:
            rows.append({"label": label, "value": value})
    for relation in type(page)._meta.related_objects:
        if isinstance(relation.field, ParentalKey):
            children = [str(child) for child in getattr(page, relation.name).all()]
            if children:
                label = relation.related_model._meta.verbose_name_plural
                rows.append({"label": str(label).capitalize(), "items": children})
    return rows


def _display(page, field):
    if isinstance(field, models.ManyToManyField):
        return [str(obj) for obj in getattr(page, field.name).all()]
    value = getattr(page, field.name, None)
    if value in (None, ""):
        return None
    if isinstance(field, RichTextField):
        return mark_safe(rich_text_html(value))  # noqa: S308 - cleaned by nh3
    if isinstance(field, StreamField):
        return mark_safe(rich_text_html(str(value)))  # noqa: S308 - cleaned
    if field.choices:
        return getattr(page, f"get_{field.name}_display")()
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return value
