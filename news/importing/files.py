"""Which files of the given folder are read, and why the others are not.

The folder is resolved first (it may be given through a symbolic link), then
walked without following symbolic links: a folder given by someone else must
never make the importer read a file elsewhere on the machine. A link is
reported and skipped whatever it points to: outside the folder it would leak
a file, inside it the file it points to is read under its own name anyway
(so no file is imported twice), and a loop or a broken link leads nowhere.
Hidden files and folders (names starting with a dot) are ignored, and
anything that is not a regular file (a pipe, a device) is skipped unopened."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FoundFile:
    path: Path  # where it is, inside the resolved folder
    relative: str  # its path inside the folder, as the import key and the report name it
    skip_reason: str = ""  # why it is not read
    error: str = ""  # why it could not even be looked at


def find_files(given: Path) -> tuple[Path, list[FoundFile]]:
    """The resolved folder (or file) and what it holds, in path order.
    ``given`` must exist."""
    root = given.resolve(strict=True)
    if not root.is_dir():
        # A single file named on the command line is the operator's choice:
        # it is read even when given through a link, under the name given.
        reason = "" if root.is_file() else "not a regular file"
        return root, [FoundFile(root, given.name, skip_reason=reason)]
    found: list[FoundFile] = []

    def unreadable_folder(error: OSError) -> None:
        folder = Path(error.filename) if error.filename else root
        relative = _relative(folder, root) or "."
        found.append(
            FoundFile(
                folder, relative + "/", error=f"cannot read the folder: {error.strerror or error}"
            )
        )

    for directory, folder_names, file_names in os.walk(
        root, onerror=unreadable_folder, followlinks=False
    ):
        here = Path(directory)
        entered: list[str] = []
        # os.walk lists a link to a folder among the folders and a broken or
        # looping link among the files: links are sorted out in both.
        for name in folder_names:
            if name.startswith("."):
                continue
            path = here / name
            if path.is_symlink():
                found.append(
                    FoundFile(path, _relative(path, root), skip_reason=link_reason(path, root))
                )
            else:
                entered.append(name)
        folder_names[:] = entered  # os.walk enters only these
        for name in file_names:
            if name.startswith("."):
                continue
            path = here / name
            try:
                mode = path.lstat().st_mode
            except FileNotFoundError:
                continue  # removed while the folder was being read
            if stat.S_ISLNK(mode):
                reason = link_reason(path, root)
            elif not stat.S_ISREG(mode):
                reason = "not a regular file"
            else:
                reason = ""
            found.append(FoundFile(path, _relative(path, root), skip_reason=reason))
    return root, sorted(
        found, key=lambda item: item.path.relative_to(root).parts if item.path != root else ()
    )


def link_reason(path: Path, root: Path) -> str:
    """Why the symbolic link ``path`` is skipped: where it leads, from the
    folder ``root`` (resolved)."""
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        return "broken symbolic link"
    except RuntimeError:  # a loop, up to Python 3.12
        return "symbolic link loop"
    except OSError as error:
        if error.errno == errno.ELOOP:  # a loop, from Python 3.13
            return "symbolic link loop"
        return f"symbolic link that cannot be followed ({error.strerror or error})"
    kind = "folder" if target.is_dir() else "file"
    if not target.is_relative_to(root):
        return f"symbolic link to a {kind} outside the folder"
    return f"symbolic link (the {kind} it points to is read under its own name)"


def leads_outside(path: Path, root: Path) -> bool:
    """Whether ``path``, links resolved, now lies outside ``root`` (checked
    again just before a file is read, in case the folder changed since it was
    listed). A path that no longer resolves is left to fail when it is read."""
    try:
        return not path.resolve(strict=True).is_relative_to(root)
    except (OSError, RuntimeError):
        return False


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path != root else ""
