"""One error type for everything that stops a backup or a restore, so the
commands can turn it into a clear message and a non-zero exit."""

from __future__ import annotations

from collections.abc import Sequence

# A refusal lists this many problems and counts the rest: enough to see what
# is wrong with an archive, short enough to read in a terminal or a log.
LISTED_PROBLEMS = 10


class BackupError(Exception):
    """A backup or restore cannot go on; the message says why and what to do."""


def refusal(subject: str, problems: Sequence[str]) -> BackupError:
    """One error for several problems: a heading, then one line per problem
    (at most LISTED_PROBLEMS of them, then how many more there are)."""
    count = len(problems)
    lines = [f"{subject}: {count} problem{'' if count == 1 else 's'}; nothing was changed."]
    lines += [f"  - {problem}" for problem in problems[:LISTED_PROBLEMS]]
    if count > LISTED_PROBLEMS:
        lines.append(f"  - and {count - LISTED_PROBLEMS} more")
    return BackupError("\n".join(lines))


def human_size(size: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} TB"  # unreachable; keeps type checkers content
