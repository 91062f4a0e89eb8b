from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo content and its `load_demo` command (no models)."""

    name = "demo"
    label = "demo"
    verbose_name = _("演示内容")
