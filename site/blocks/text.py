"""Text blocks: headings, quotes, numbered lists."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

PARAGRAPH_FEATURES = [
    "bold",
    "italic",
    "link",
    "document-link",
    "ol",
    "ul",
    "superscript",
    "subscript",
]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("标题"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("级别"),
        choices=[("h2", _("二级标题")), ("h3", _("三级标题")), ("h4", _("四级标题"))],
        default="h2",
        help_text=_("页面标题是一级；正文从二级开始，不要跳级。"),
    )

    class Meta:
        icon = "title"
        label = _("小标题")
        template = "components/blocks/heading.html"
        preview_value = {"text": "一、总体要求", "level": "h2"}
        description = _("正文中的小标题，例如通知的“一、总体要求”。")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("引文"))
    attribution = blocks.CharBlock(label=_("出处"), required=False)

    class Meta:
        icon = "openquote"
        label = _("引文")
        template = "components/blocks/quote.html"
        preview_value = {"text": "让学习成为一种生活方式。", "attribution": "2024年活动周主题"}
        description = _("讲话或文件中的一段引文。")


class NumberedListBlock(blocks.StructBlock):
    items = blocks.ListBlock(
        blocks.RichTextBlock(features=["bold", "italic", "link"]), label=_("条目")
    )

    class Meta:
        icon = "list-ol"
        label = _("编号列表")
        template = "components/blocks/numbered_list.html"
        preview_value = {"items": ["创新特色学习活动", "深化常规学习活动"]}
        description = _("按顺序编号的条目。")
