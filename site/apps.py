from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LifelongSiteConfig(AppConfig):
    name = "lifelong_site"
    verbose_name = _("站点")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Here rather than in wagtail_hooks: hooks load on the first admin
        # request, and the scheduler publishes without one.
        from .caching import frontend, headers, invalidation
        from .localization import notifications, review  # noqa: F401  (review registers its approval check)

        notifications.connect()
        invalidation.connect()
        # After invalidation: on commit, the page cache is dropped before
        # the proxy is purged and asks it again.
        frontend.connect()
        headers.connect()
