"""Admin hooks of the security app: who may download a document and what the
choosers list, the uploaders' storage errors, two-factor sign-in's pages and
the user list's reset button (each module registers its own)."""

from . import document_access, upload_hooks  # noqa: F401
from .two_factor import admin_hooks  # noqa: F401
