"""The home page: one per locale, the root of that locale's tree."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from lifelong_site.page_declarations import PageDeclarations
from lifelong_site.public_pages import public

from .base import BasePage

MAX_QUICK_LINKS = 6


class HomePage(BasePage):
    # --- Content ----------------------------------------------------------
    intro = models.CharField(
        _("导语"),
        max_length=300,
        blank=True,
        help_text=_("首页标题下方的一句话介绍。"),
    )
    body = RichTextField(_("正文"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    # --- Tree rules -------------------------------------------------------
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    # --- Editor panels ----------------------------------------------------
    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        InlinePanel("quick_links", label=_("快捷入口"), max_num=MAX_QUICK_LINKS),
        FieldPanel("body"),
    ]

    # --- Search -----------------------------------------------------------
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    # --- Translation (wagtail-localize) ------------------------------------
    # Translated: title, slug, SEO fields, intro and body. Nothing else on the
    # home page is locale-specific; the tree is synced by wagtail-localize.
    translatable_fields = BasePage.page_translatable_fields + [
        TranslatableField("intro"),
        TranslatableField("body"),
        # The same sections in every language: each link shows the chosen
        # page's version in the home's language (quick_link_pages).
        SynchronizedField("quick_links"),
    ]

    # --- What the platform needs to know (lifelong_site.page_declarations) ---
    declarations = PageDeclarations(editors=None, search_kind="page")

    # --- Quick links -------------------------------------------------------
    def quick_link_pages(self) -> list[Page]:
        """The sections the editors chose for the quick links, in their
        order, each in this home's language, live and public (two queries)."""
        chosen = list(
            self.quick_links.order_by("sort_order").values_list(
                "link_page__translation_key", flat=True
            )
        )
        if not chosen:
            return []
        found = public(
            Page.objects.live().filter(translation_key__in=chosen, locale_id=self.locale_id)
        ).only("id", "title", "url_path", "path", "depth", "locale_id", "translation_key")
        by_key = {page.translation_key: page for page in found}
        return [by_key[key] for key in chosen if key in by_key]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The language switcher's ?untranslated=1 (lifelong_site.navigation).
        # Read here, not as request.GET.untranslated in the template: a
        # missing key there costs a dir() of the QueryDict on every view.
        context["untranslated_notice"] = request.GET.get("untranslated") == "1"
        return context

    class Meta:
        verbose_name = _("首页")
        verbose_name_plural = _("首页")


class HomeQuickLink(Orderable):
    """A section the home page links to under its banner (the archive of
    weeks, the news, the notices): chosen by the editors, as bakerydemo's
    home page chooses its featured sections."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="quick_links")
    link_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("页面"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("link_page")]

    class Meta(Orderable.Meta):
        verbose_name = _("快捷入口")
        verbose_name_plural = _("快捷入口")

    def __str__(self) -> str:
        return str(self.link_page)
