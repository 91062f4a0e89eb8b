"""The glossary's place in the admin (the core's reference data menu)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import GlossaryTerm


class GlossaryViewSet(SnippetViewSet):
    """Fixed English renderings that machine translation must keep."""

    model = GlossaryTerm
    icon = "openquote"
    menu_label = _("术语表")
    list_display = ["source", "target", "kind"]
    list_filter = ["kind"]
    search_fields = ["source", "target"]
    ordering = ["source"]
