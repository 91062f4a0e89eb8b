"""Tables with a caption and header cells, readable by screen readers."""

from django.utils.translation import gettext_lazy as _
from wagtail.contrib.table_block.blocks import TableBlock


class AccessibleTableBlock(TableBlock):
    class Meta:
        icon = "table"
        label = _("表格")
        template = "components/blocks/table.html"
        description = _("带表头和标题的表格，例如各地活动周安排。")
