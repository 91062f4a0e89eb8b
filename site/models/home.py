"""The home page: one per locale, the root of that locale's tree."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from lifelong_site.page_declarations import PageDeclarations
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from .base import BasePage


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
    ]

    # --- What the platform needs to know (lifelong_site.page_declarations) ---
    declarations = PageDeclarations(editors=None, search_kind="page")

    class Meta:
        verbose_name = _("首页")
        verbose_name_plural = _("首页")
