"""The archive of every Lifelong Learning Week (one page per year)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from lifelong_site.blocks import BodyStreamBlock
from lifelong_site.models import BasePage
from lifelong_site.navigation import breadcrumbs

FIRST_WEEK_YEAR = 2005


class CampaignIndexPage(BasePage):
    intro = models.TextField(_("导语"), blank=True)

    parent_page_types = ["lifelong_site.HomePage"]
    subpage_types = ["campaigns.CampaignWeekPage"]
    max_count_per_parent = 1

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    translatable_fields = BasePage.page_translatable_fields + [TranslatableField("intro")]

    class Meta:
        verbose_name = _("历届活动周")
        verbose_name_plural = _("历届活动周")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = breadcrumbs(self, request)
        context["weeks"] = (
            CampaignWeekPage.objects.child_of(self).live().public().order_by("-year").only(
                "id", "title", "url_path", "path", "depth", "locale_id", "year", "edition", "theme", "host_city"
            )
        )
        return context


class CampaignWeekPage(BasePage):
    """One year's week: theme, dates and host city of the opening ceremony."""

    year = models.PositiveSmallIntegerField(
        _("年份"), validators=[MinValueValidator(FIRST_WEEK_YEAR), MaxValueValidator(2100)]
    )
    edition = models.PositiveSmallIntegerField(_("届次"), help_text=_("第几届，例如 2024 年为第二十届（填 20）。"))
    theme = models.CharField(_("主题"), max_length=200, blank=True)
    starts_on = models.DateField(_("开始日期"), null=True, blank=True)
    ends_on = models.DateField(_("结束日期"), null=True, blank=True)
    host_city = models.CharField(_("开幕式举办城市"), max_length=60, blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("正文"), blank=True)

    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types: list[str] = []

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("year"), FieldPanel("edition")]), FieldPanel("theme"),
             FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]), FieldPanel("host_city")],
            heading=_("基本信息"),
        ),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("theme"),
        index.SearchField("host_city"),
        index.SearchField("body"),
        index.FilterField("year"),
    ]
    # Translated: title, theme, host city, body. Synced: year, edition, dates.
    translatable_fields = BasePage.page_translatable_fields + [
        TranslatableField("theme"), TranslatableField("host_city"), TranslatableField("body"),
        SynchronizedField("year", overridable=False), SynchronizedField("edition", overridable=False),
        SynchronizedField("starts_on", overridable=False), SynchronizedField("ends_on", overridable=False),
    ]

    class Meta:
        verbose_name = _("活动周")
        verbose_name_plural = _("活动周")

    def __str__(self) -> str:
        return self.title

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = breadcrumbs(self, request)
        context["week_releases"] = self.linked_articles("press_releases")
        context["week_notices"] = self.linked_articles("notices")
        return context

    def linked_articles(self, relation: str) -> list[Page]:
        """Live articles linked to this week, in this page's language.

        Articles point at the Chinese week (the link is synced across
        languages), so match on the week's translation key. The article model
        comes from the reverse relation: campaigns does not import news."""
        article_model = self._meta.get_field(relation).related_model
        return list(
            article_model.objects.live().public()
            .filter(campaign_week__translation_key=self.translation_key, locale_id=self.locale_id)
            .order_by("-published_at")
            .only("id", "title", "url_path", "path", "depth", "locale_id", "published_at")
        )

    def clean(self) -> None:
        super().clean()
        # One week per year (per language tree; a translation shares its source's year).
        clash = (
            CampaignWeekPage.objects.filter(year=self.year, locale_id=self.locale_id)
            .exclude(translation_key=self.translation_key)
            .exists()
        )
        if self.year and clash:
            raise ValidationError({"year": _("%(year)s 年的活动周已经存在。") % {"year": self.year}})
