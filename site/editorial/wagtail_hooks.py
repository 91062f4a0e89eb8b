"""Admin hooks of the editorial app; each feature registers its own."""

from . import calendar_hooks, review_hooks, sharing_hooks  # noqa: F401
