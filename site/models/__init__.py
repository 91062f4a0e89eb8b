"""Models shared by every app: the base page, the home page and the
site-wide identity settings. Nothing here imports an app (dependencies
point from the apps to the site, never back)."""

from .base import BasePage
from .home import HomePage, HomeQuickLink
from .media import SiteDocument, SiteImage, SiteRendition
from .site_identity import SiteIdentity
from .snippets import Organisation, Region, RegionKind

__all__ = [
    "BasePage",
    "HomePage",
    "HomeQuickLink",
    "Organisation",
    "Region",
    "RegionKind",
    "SiteDocument",
    "SiteIdentity",
    "SiteImage",
    "SiteRendition",
]
