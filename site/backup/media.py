"""The media folder (MEDIA_ROOT): uploaded originals, renditions, documents."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path


def media_files(root: Path) -> list[Path]:
    """Every regular file under `root`, sorted so archives list them stably.
    Symbolic links to folders are not followed (they could leave the folder)."""
    if not root.is_dir():
        return []
    found: list[Path] = []
    for folder, _dirs, files in os.walk(root):
        found.extend(Path(folder) / name for name in files if (Path(folder) / name).is_file())
    return sorted(found)


def member_name(root: Path, path: Path) -> str:
    return "media/" + path.relative_to(root).as_posix()


def is_empty(root: Path) -> bool:
    return not media_files(root)


def install(staged_root: Path, media_root: Path, advance: Callable[[], None] | None = None) -> int:
    """Move the staged files into MEDIA_ROOT; a file of the same name is replaced.
    Staging sits beside MEDIA_ROOT, so each move is a rename, not a copy."""
    count = 0
    for source in media_files(staged_root):
        target = media_root / source.relative_to(staged_root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(source, target)
        count += 1
        if advance is not None:
            advance()
    return count
