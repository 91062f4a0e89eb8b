from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupConfig(AppConfig):
    """backup_site and restore_site: the database and media in one checked archive."""

    name = "lifelong_site.backup"
    label = "backup"
    verbose_name = _("备份")
    default_auto_field = "django.db.models.BigAutoField"
