"""Admin hooks of the editorial app; each feature registers its own."""

from . import calendar_hooks, sharing_hooks  # noqa: F401
