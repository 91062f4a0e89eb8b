from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Response headers, the admin host and networks, sign-in (lock-out, two-factor),
    uploads and who may download a document."""

    name = "lifelong_site.security"
    label = "security"
    verbose_name = _("安全")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from lifelong_site import page_extensions

        from .draft_titles import title_for_admin_viewer

        page_extensions.add_admin_title_rule(title_for_admin_viewer)
