"""The body StreamField shared by releases, notices and campaign pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .media import CaptionedImageBlock, VideoBlock
from .tables import AccessibleTableBlock
from .text import PARAGRAPH_FEATURES, HeadingBlock, NumberedListBlock, QuoteBlock


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES,
        label=_("段落"),
        icon="pilcrow",
        template="components/blocks/paragraph.html",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    table = AccessibleTableBlock()
    numbered_list = NumberedListBlock()
    video = VideoBlock()

    class Meta:
        label = _("正文")
