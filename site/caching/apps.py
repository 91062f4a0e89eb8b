from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    """The page cache, fragments shared across requests, Cache-Control for the proxy
    and purging it when pages change."""

    name = "lifelong_site.caching"
    label = "caching"
    verbose_name = _("缓存")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Here rather than in wagtail_hooks: hooks load on the first admin
        # request, and the scheduler publishes without one.
        from . import frontend, headers, invalidation

        invalidation.connect()
        # After invalidation: on commit, the page cache is dropped before
        # the proxy is purged and asks it again.
        frontend.connect()
        headers.connect()
