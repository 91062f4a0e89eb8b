from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """Roles, the review workflow, scheduling views and draft share links."""

    name = "lifelong_site.editorial"
    label = "editorial"
    verbose_name = _("编辑流程")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from lifelong_site import page_extensions

        from . import signals  # the @receiver functions connect on import
        from .four_eyes import ReviewedPagePermissionTester

        signals.connect_regional_sections()
        page_extensions.set_permission_tester(ReviewedPagePermissionTester)
