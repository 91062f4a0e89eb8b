"""Admin registration of the shared snippets."""

from django.utils.translation import gettext_lazy as _
from lifelong_site.localization import status_hooks  # noqa: F401
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .localization import review_hooks  # noqa: F401  (the translation editor's review button)
from .models import GlossaryTerm, Organisation, Region
from .security import upload_hooks  # noqa: F401  uploads: served documents, multiple uploaders
from .security.two_factor import admin_hooks  # noqa: F401


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    menu_label = _("地区")
    list_display = ["name_zh", "name_en", "code", "kind"]
    list_filter = ["kind"]
    search_fields = ["name_zh", "name_en", "short_name_zh"]
    ordering = ["sort_order", "code"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("机构")
    list_display = ["name_zh", "name_en", "abbreviation"]
    search_fields = ["name_zh", "name_en", "abbreviation"]


class GlossaryViewSet(SnippetViewSet):
    """Fixed English renderings that machine translation must keep."""

    model = GlossaryTerm
    icon = "openquote"
    menu_label = _("术语表")
    list_display = ["source", "target", "kind"]
    list_filter = ["kind"]
    search_fields = ["source", "target"]
    ordering = ["source"]


class ReferenceDataGroup(SnippetViewSetGroup):
    items = (RegionViewSet, OrganisationViewSet, GlossaryViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("地区、机构与术语")
    menu_name = "reference-data"


register_snippet(ReferenceDataGroup)
