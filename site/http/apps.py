from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HttpConfig(AppConfig):
    """Requests and answers: routing a URL to its page, request ids and logs, Server-Timing,
    error pages, the health check and the sitemap."""

    name = "lifelong_site.http"
    label = "http"
    verbose_name = _("网站请求")
    default_auto_field = "django.db.models.BigAutoField"
