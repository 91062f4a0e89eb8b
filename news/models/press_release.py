"""Press releases (新闻发布)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from lifelong_site.page_declarations import PageDeclarations

from .article import ArticlePage


class RelatedPage(TranslatableMixin, Orderable):
    """An editor-chosen related page, shown under the article."""

    source_page = ParentalKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="related_links"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("相关页面"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("page")]
    # The link is synced; each language shows its own translation of the target.
    translatable_fields = [SynchronizedField("page", overridable=False)]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("相关页面")


class PressReleasePage(ArticlePage):
    campaign_week = models.ForeignKey(
        "campaigns.CampaignWeekPage",
        verbose_name=_("所属活动周"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="press_releases",
    )

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []

    # --- Editor panels ------------------------------------------------------
    content_panels = ArticlePage.content_panels + [
        FieldPanel("subtitle"),
        *ArticlePage.publication_panels,
        MultiFieldPanel(
            [PageChooserPanel("campaign_week", "campaigns.CampaignWeekPage")], heading=_("活动周")
        ),
        *ArticlePage.lead_image_panels,
        FieldPanel("body"),
        InlinePanel("related_links", label=_("相关页面")),
        *ArticlePage.correction_panels,
    ]

    # --- Search ---------------------------------------------------------------
    search_fields = ArticlePage.search_fields + [index.FilterField("campaign_week")]

    # --- Translation ----------------------------------------------------------
    translatable_fields = ArticlePage.article_translatable_fields + [
        SynchronizedField("campaign_week", overridable=False),
        TranslatableField("related_links"),
    ]

    # --- What the platform needs to know (lifelong_site.page_declarations) ---
    declarations = PageDeclarations(editors=None, search_kind="release")

    class Meta:
        verbose_name = _("新闻稿")
        verbose_name_plural = _("新闻稿")
        indexes = [
            # Related items: the newest of the week without reading the
            # others (news.article_context.related_items).
            models.Index(fields=["campaign_week", "-published_at"], name="release_week_newest"),
            # Neighbours and listing pages: a walk in publication order that
            # stays in one language (ArticlePage.listing_locale).
            models.Index(
                fields=["listing_locale", "published_at", "page_ptr"], name="release_locale_order"
            ),
        ]

    def get_json_ld_type(self) -> str:
        return "NewsArticle"
