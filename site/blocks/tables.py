"""Tables with a caption and header cells, readable by screen readers, and
translatable cell by cell with wagtail-localize (which does not know
TableBlock on its own)."""

from __future__ import annotations

import copy
from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail_localize.segments import StringSegmentValue

CAPTION_PATH = "caption"


def _cell_path(row: int, column: int) -> str:
    return f"cell.{row}.{column}"


class AccessibleTableBlock(TableBlock):
    class Meta:
        icon = "table"
        label = _("表格")
        template = "components/blocks/table.html"
        description = _("带表头和标题的表格，例如各地活动周安排。")

    # --- wagtail-localize: one segment per non-empty cell, plus the caption ---
    def get_translatable_segments(self, value: dict[str, Any] | None) -> list[StringSegmentValue]:
        if not value:
            return []
        segments = []
        caption = (value.get("table_caption") or "").strip()
        if caption:
            segments.append(StringSegmentValue(CAPTION_PATH, caption))
        for row_index, row in enumerate(value.get("data") or []):
            for column_index, cell in enumerate(row or []):
                # Numbers and dates are the same in every language: not segments.
                if (
                    isinstance(cell, str)
                    and cell.strip()
                    and not cell.strip().replace(".", "").isdigit()
                ):
                    segments.append(StringSegmentValue(_cell_path(row_index, column_index), cell))
        return segments

    def restore_translated_segments(
        self, value: dict[str, Any] | None, segments: list[Any]
    ) -> dict[str, Any] | None:
        if not value:
            return value
        translated = copy.deepcopy(value)
        for segment in segments:
            text = segment.render_text()
            if segment.path == CAPTION_PATH:
                translated["table_caption"] = text
                continue
            _prefix, row, column = segment.path.split(".")
            translated["data"][int(row)][int(column)] = text
        return translated
