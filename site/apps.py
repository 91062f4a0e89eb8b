from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LifelongSiteConfig(AppConfig):
    """The core: the base page, the home page, site-wide records (identity,
    regions, organisations), shared blocks and the site's chrome. It imports
    no app; the platform apps beside it (http, caching, security, backup,
    translation, editorial) and the content apps build on it."""

    name = "lifelong_site"
    verbose_name = _("站点")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import page_declarations  # noqa: F401  (registers the page types' system check)
