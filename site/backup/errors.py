"""One error type for everything that stops a backup or a restore, so the
commands can turn it into a clear message and a non-zero exit."""

from __future__ import annotations


class BackupError(Exception):
    """A backup or restore cannot go on; the message says why and what to do."""
