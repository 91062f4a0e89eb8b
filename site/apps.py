from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LifelongSiteConfig(AppConfig):
    name = "lifelong_site"
    verbose_name = _("站点")
    default_auto_field = "django.db.models.BigAutoField"
