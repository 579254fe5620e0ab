"""The admin's help: the personas' Swedish guides (docs/<persona>/handbok.md)
shown in the admin under "Hjälp", in place of Wagtail's English guide
(left out of the menu in wagtail_hooks.py).

The guides are read from the folder SAMVERKAN_DOCS_DIR names (the reference
project's docs/); a host without it has no guide items. A guide is Markdown
(CommonMark, raw HTML not passed through), and its HTML goes through the one
sanitiser like every other HTML output."""

from pathlib import Path

from django.http import Http404
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from cms.conf import cms_setting
from cms.content.html import rich_text_html

GUIDES = {
    "editors": _("Guide for editors"),
    "communicators": _("Guide for communicators"),
    "administrators": _("Guide for administrators"),
}
GUIDE_FILE = "handbok.md"


def guide_path(name: str) -> Path | None:
    """The guide's file, or None if there is no such guide here."""
    folder = cms_setting("SAMVERKAN_DOCS_DIR")
    if name not in GUIDES or not folder:
        return None
    path = Path(folder) / name / GUIDE_FILE
    return path if path.is_file() else None


def guide_html(path: Path) -> str:
    """The guide as sanitised HTML, without its title line (the page's
    heading says it)."""
    from markdown_it import MarkdownIt

    lines = path.read_text(encoding="utf-8").splitlines()
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    html = MarkdownIt("commonmark", {"html": False}).render("\n".join(lines))
    return rich_text_html(html)


class GuideView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "samverkan_cms/help/guide.html"
    header_icon = "help"

    def dispatch(self, request, *args, name, **kwargs):
        self.path = guide_path(name)
        if self.path is None:
            raise Http404
        self.page_title = GUIDES[name]
        return super().dispatch(request, *args, name=name, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "guide": mark_safe(guide_html(self.path)),  # noqa: S308 (sanitised)
        }


class GuideMenuItem(MenuItem):
    """A guide in the help menu, shown when the guide is there."""

    def __init__(self, name: str, *, order: int):
        super().__init__(
            GUIDES[name],
            reverse("samverkan_guide", args=(name,)),
            name=f"guide-{name}",
            icon_name="help",
            order=order,
        )
        self.guide = name

    def is_shown(self, request):
        return guide_path(self.guide) is not None
