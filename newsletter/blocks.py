"""The blocks a newsletter issue is built from."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class IntroBlock(blocks.RichTextBlock):
    class Meta:
        label = _("Intro")
        icon = "pilcrow"


class TextBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False)
    text = blocks.RichTextBlock(
        label=_("Text"), features=["bold", "italic", "link", "ul", "ol"]
    )

    class Meta:
        label = _("Free text")
        icon = "doc-full"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        label = _("Image")
        icon = "image"


def _pages_block(page_type: str, label):
    return blocks.StructBlock(
        [
            ("heading", blocks.CharBlock(label=_("Heading"), required=False)),
            (
                "pages",
                blocks.ListBlock(
                    blocks.PageChooserBlock(page_type=page_type), label=label
                ),
            ),
        ],
        label=label,
    )


class NewsletterBodyBlock(blocks.StreamBlock):
    intro = IntroBlock()
    news = _pages_block("samverkan_cms.NewsPage", _("Featured news"))
    meetings = _pages_block("samverkan_cms.MeetingPage", _("Coming meetings"))
    interventions = _pages_block(
        "samverkan_cms.InterventionPage", _("New and updated interventions")
    )
    text = TextBlock()
    image = ImageBlock()
