"""StreamField blocks shared by every page type, split by concern and
re-exported here."""

from .body import BodyStreamBlock
from .media import CaptionedImageBlock, VideoBlock
from .tables import AccessibleTableBlock
from .text import HeadingBlock, NumberedListBlock, QuoteBlock

__all__ = [
    "AccessibleTableBlock",
    "BodyStreamBlock",
    "CaptionedImageBlock",
    "HeadingBlock",
    "NumberedListBlock",
    "QuoteBlock",
    "VideoBlock",
]
