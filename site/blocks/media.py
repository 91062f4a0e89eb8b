"""Media blocks: images with captions and alt text, embedded video."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("图片"))
    alt_text = blocks.CharBlock(
        label=_("替代文本"),
        max_length=250,
        required=False,
        help_text=_("为看不到图片的读者描述图片内容；留空则使用图片库中的描述。"),
    )
    caption = blocks.CharBlock(label=_("图注"), max_length=300, required=False)

    class Meta:
        icon = "image"
        label = _("图片")
        template = "components/blocks/image.html"
        description = _("带图注和替代文本的图片。")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(
        label=_("视频链接"), help_text=_("视频页面地址，例如 央视网、优酷或腾讯视频。")
    )
    caption = blocks.CharBlock(label=_("说明"), max_length=300, required=False)

    class Meta:
        icon = "media"
        label = _("视频")
        template = "components/blocks/video.html"
        description = _("嵌入的视频，附文字说明。")
