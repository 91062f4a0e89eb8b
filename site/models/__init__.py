"""Models shared by every app: the base page, the home page and the
site-wide identity settings. Nothing here imports an app (dependencies
point from the apps to the site, never back)."""

from .base import BasePage
from .home import HomePage
from .site_identity import SiteIdentity

__all__ = ["BasePage", "HomePage", "SiteIdentity"]
