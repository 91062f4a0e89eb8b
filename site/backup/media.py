"""The media folder (MEDIA_ROOT): uploaded originals, renditions, documents."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath


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


def install_problems(relative_names: Iterable[str], media_root: Path) -> list[str]:
    """What in MEDIA_ROOT would stop `install` half-way: a folder where the
    archive has a file, a file where it needs a folder, a folder this user
    cannot write to. Checked before the database is touched, so that
    installing the files does not fail on them."""
    problems: dict[Path, str] = {}
    writable: dict[Path, bool] = {}
    for name in relative_names:
        parts = PurePosixPath(name).parts
        target = media_root.joinpath(*parts)
        if target.is_dir() and not target.is_symlink():
            problems[target] = f"{target}: a folder in MEDIA_ROOT where the archive has a file"
        deepest = None
        for depth in range(len(parts)):
            folder = media_root.joinpath(*parts[:depth])
            if folder.is_dir():
                deepest = folder
            elif folder.exists() or folder.is_symlink():
                problems[folder] = (
                    f"{folder}: a file in MEDIA_ROOT where the archive needs a folder"
                )
                break
            else:
                break
        if deepest is None:
            deepest = media_root.parent  # MEDIA_ROOT itself is created
            while not deepest.exists() and deepest != deepest.parent:
                deepest = deepest.parent
        if deepest not in writable:
            writable[deepest] = os.access(deepest, os.W_OK | os.X_OK)
            if not writable[deepest]:
                problems[deepest] = f"{deepest}: a folder that this user cannot write to"
    return list(problems.values())


def same_file_system(first: Path, second: Path) -> bool:
    """Whether a rename can move files from `first` to `second` (which may not exist yet)."""

    def device(path: Path) -> int:
        while not path.exists() and path != path.parent:
            path = path.parent
        return path.stat().st_dev

    return device(first) == device(second)


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
