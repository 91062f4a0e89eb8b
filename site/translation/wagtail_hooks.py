"""Admin hooks of the translation app: the status report and the translation
editor's review bar and guards (each module registers its own)."""

from . import review_hooks, status_hooks  # noqa: F401
