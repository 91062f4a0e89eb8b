"""Admin registration of the core's reference data (regions, organisations),
grouped with what apps add to the same menu (lifelong_site.admin_menus)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_menus import reference_data_items
from .models import Organisation, Region


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


class ReferenceDataGroup(SnippetViewSetGroup):
    items = (RegionViewSet, OrganisationViewSet, *reference_data_items())
    menu_icon = "folder-open-inverse"
    menu_label = _("地区、机构与术语")
    menu_name = "reference-data"


register_snippet(ReferenceDataGroup)
