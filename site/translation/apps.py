from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationConfig(AppConfig):
    """English translations: machine drafts behind a glossary, the English review,
    the status report, and the public side (hreflang, the language switcher)."""

    name = "lifelong_site.translation"
    label = "translation"
    verbose_name = _("翻译")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from lifelong_site.admin_menus import add_reference_data_item

        from . import notifications, review  # noqa: F401  (review registers its approval check)
        from .glossary_admin import GlossaryViewSet

        notifications.connect()
        add_reference_data_item(GlossaryViewSet)
