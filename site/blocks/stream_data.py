"""StreamField data written from code (the archive importer, the demo
content) in its stored (raw) form, with block ids that stay the same from one
run to the next.

wagtail-localize files translations under paths that contain the block id;
new ids on every run would orphan the English strings, so each id derives
from a key given by the caller (the page's import key, a demo page's name)
and the block's position."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

Block = tuple[str, Any]

# Fixed for good: changing it would give every imported and demo block a new id.
STABLE_BLOCK_NAMESPACE = uuid.UUID("6f1c2d0e-4b8a-5c3e-9a71-20240426a0b1")


def block_id(key: str, *position: int) -> str:
    return str(uuid.uuid5(STABLE_BLOCK_NAMESPACE, "/".join([key, *map(str, position)])))


def raw_stream(key: str, blocks: Sequence[Block]) -> list[dict[str, Any]]:
    """StreamField data in its stored (raw) form with stable block ids;
    assigning it to a StreamField is the same as an editor saving it."""
    stream: list[dict[str, Any]] = []
    for index, (block_type, value) in enumerate(blocks):
        if block_type == "numbered_list":
            value = {
                "items": [
                    {"type": "item", "value": item, "id": block_id(key, index, item_index)}
                    for item_index, item in enumerate(value["items"])
                ]
            }
        stream.append({"type": block_type, "value": value, "id": block_id(key, index)})
    return stream
