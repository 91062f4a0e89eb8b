"""The archive of every Lifelong Learning Week (one page per year), with its
organisers, headline figures and provincial schedule ("one province, one week").

What wagtail-localize translates and what it keeps in step with the Chinese
source is declared next to each model in ``translatable_fields``: words
(titles, theme, venue, labels, host cities) are translated; facts (years,
dates, numbers, regions, organisations, links) are synchronised and cannot
drift between the two languages."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageViewRestriction, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from campaigns.archive import archive_context
from campaigns.forms import CampaignWeekPageForm
from campaigns.week_page import week_context
from lifelong_site.blocks import BodyStreamBlock
from lifelong_site.editorial.roles import CAMPAIGN_EDITORS
from lifelong_site.models import BasePage
from lifelong_site.navigation import breadcrumbs
from lifelong_site.page_declarations import PageDeclarations, SectionEditors
from lifelong_site.public_pages import public

if TYPE_CHECKING:
    from .regional import RegionalSectionPage

FIRST_WEEK_YEAR = 2005


class FigureKind(models.TextChoices):
    """What a headline figure counts. Figures of the same kind line up across
    years in the archive's chart; "other" figures show on their week only."""

    PARTICIPANTS = "participants", _("参与人次")
    ACTIVITIES = "activities", _("活动场次")
    STARS = "stars", _("百姓学习之星")
    PROJECTS = "projects", _("终身学习品牌项目")
    CITIES = "cities", _("参与城市")
    OTHER = "other", _("其他")


class CampaignIndexPage(BasePage):
    intro = models.TextField(_("导语"), blank=True)

    parent_page_types = ["lifelong_site.HomePage"]
    subpage_types = ["campaigns.CampaignWeekPage"]
    max_count_per_parent = 1

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    translatable_fields = BasePage.page_translatable_fields + [TranslatableField("intro")]

    # --- What the platform needs to know (lifelong_site.page_declarations) ---
    declarations = PageDeclarations(editors=SectionEditors(CAMPAIGN_EDITORS), search_kind="page")

    class Meta:
        verbose_name = _("历届活动周")
        verbose_name_plural = _("历届活动周")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = breadcrumbs(self, request)
        context.update(archive_context(self))
        return context


class CampaignWeekPage(BasePage):
    """One year's week: theme, national dates, opening ceremony, organisers,
    headline figures, the provincial schedule and the provinces' own sections
    (regional_sections)."""

    # Joined when the page is served (lifelong_site.http.routing).
    serve_select_related = ("thumbnail",)

    year = models.PositiveSmallIntegerField(
        _("年份"), validators=[MinValueValidator(FIRST_WEEK_YEAR), MaxValueValidator(2100)]
    )
    edition = models.PositiveSmallIntegerField(
        _("届次"), help_text=_("第几届，例如 2024 年为第二十届（填 20）。")
    )
    theme = models.CharField(_("主题"), max_length=200, blank=True)
    starts_on = models.DateField(_("全国活动开始日期"), null=True, blank=True)
    ends_on = models.DateField(_("全国活动结束日期"), null=True, blank=True)
    ceremony_on = models.DateField(_("开幕式日期"), null=True, blank=True)
    host_city = models.CharField(_("开幕式举办城市"), max_length=60, blank=True)
    venue = models.CharField(_("开幕式会场"), max_length=120, blank=True)
    thumbnail = models.ForeignKey(
        "lifelong_site.SiteImage",
        verbose_name=_("缩略图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("历届活动周列表中显示；不选则使用开幕式图集的第一张照片。"),
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("正文"), blank=True)

    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = [
        "campaigns.CeremonyGalleryPage",
        "campaigns.LearningStarIndexPage",
        "campaigns.BrandProjectIndexPage",
        "campaigns.RegionalSectionPage",
    ]
    base_form_class = CampaignWeekPageForm

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("year"), FieldPanel("edition")]),
                FieldPanel("theme"),
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                FieldPanel("thumbnail"),
            ],
            heading=_("基本信息"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("ceremony_on"),
                FieldRowPanel([FieldPanel("host_city"), FieldPanel("venue")]),
            ],
            heading=_("开幕式"),
        ),
        InlinePanel("organisers", label=_("主办单位"), heading=_("主办单位")),
        InlinePanel("figures", label=_("数据"), heading=_("主要数据")),
        FieldPanel("body"),
        InlinePanel("schedule", label=_("各地安排"), heading=_("各地活动周安排（一省一周）")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("theme"),
        index.SearchField("host_city"),
        index.SearchField("venue"),
        index.SearchField("body"),
        index.FilterField("year"),
    ]
    translatable_fields = BasePage.page_translatable_fields + [
        TranslatableField("theme"),
        TranslatableField("host_city"),
        TranslatableField("venue"),
        TranslatableField("body"),
        SynchronizedField("year", overridable=False),
        SynchronizedField("edition", overridable=False),
        SynchronizedField("starts_on", overridable=False),
        SynchronizedField("ends_on", overridable=False),
        SynchronizedField("ceremony_on", overridable=False),
        SynchronizedField("thumbnail"),
        SynchronizedField("organisers", overridable=False),
        TranslatableField("figures"),
        TranslatableField("schedule"),
    ]

    # --- What the platform needs to know (lifelong_site.page_declarations) ---
    declarations = PageDeclarations(editors=None, search_kind="week")

    class Meta:
        verbose_name = _("活动周")
        verbose_name_plural = _("活动周")

    def __str__(self) -> str:
        return self.title

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = breadcrumbs(self, request)
        context.update(week_context(self))
        context["regional_sections"] = self.regional_sections()
        return context

    def regional_sections(self) -> list[RegionalSectionPage]:
        """The week's live provincial sections in the national order of
        regions, in one query: the list shows only these columns."""
        from .regional import RegionalSectionPage

        # A reader who sees the week has passed its ancestors' restrictions;
        # a section is left out when it has one of its own. (``public()``
        # would cost a query and hide every section of a restricted week.)
        restricted = PageViewRestriction.objects.filter(page_id=OuterRef("pk"))
        return list(
            RegionalSectionPage.objects.child_of(self)
            .live()
            .filter(~Exists(restricted))
            .select_related("region")
            .order_by("region__sort_order", "region__code")
            .only(
                "id",
                "title",
                "url_path",
                "path",
                "depth",
                "locale_id",
                "starts_on",
                "ends_on",
                "host_city",
                "region__name_zh",
                "region__name_en",
            )
        )

    def linked_articles(self, relation: str, limit: int) -> list[Page]:
        """The newest live articles linked to this week, in this page's
        language: at most ``limit`` + 1, so the page can tell there are more
        (a week of the archive has thousands; the listing shows them all).

        Articles point at the Chinese week (the link is synced across
        languages), so match on the week's translation key. The article model
        comes from the reverse relation: campaigns does not import news."""
        article_model = self._meta.get_field(relation).related_model
        return list(
            public(article_model.objects.live())
            .filter(campaign_week__translation_key=self.translation_key, locale_id=self.locale_id)
            .order_by("-published_at")
            .only("id", "title", "url_path", "path", "depth", "locale_id", "published_at")[
                : limit + 1
            ]
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
            raise ValidationError(
                {"year": _("%(year)s 年的活动周已经存在。") % {"year": self.year}}
            )
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("结束日期不能早于开始日期。")})


class WeekOrganiser(Orderable):
    """主办单位, in the order the week's notice lists them. Synchronised: an
    organisation carries its own Chinese and English names."""

    page = ParentalKey(CampaignWeekPage, on_delete=models.CASCADE, related_name="organisers")
    organisation = models.ForeignKey(
        "lifelong_site.Organisation",
        verbose_name=_("主办单位"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    panels = [FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("主办单位")


class HeadlineFigure(TranslatableMixin, Orderable):
    """A number the week reports, e.g. 194 百姓学习之星 or 5,000,000 人次."""

    page = ParentalKey(CampaignWeekPage, on_delete=models.CASCADE, related_name="figures")
    kind = models.CharField(
        _("类别"), max_length=20, choices=FigureKind.choices, default=FigureKind.OTHER
    )
    label = models.CharField(
        _("名称"), max_length=60, blank=True, help_text=_("不填则使用类别名称。")
    )
    number = models.PositiveBigIntegerField(
        _("数值"), help_text=_("填写完整数值，例如 500 万填 5000000；显示时自动换算。")
    )
    unit = models.CharField(
        _("单位"), max_length=20, blank=True, help_text=_("例如 人次、场、位、个。")
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("label")]),
        FieldRowPanel([FieldPanel("number"), FieldPanel("unit")]),
    ]
    # The label and unit are words; the number and its kind are facts.
    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("unit"),
        SynchronizedField("kind", overridable=False),
        SynchronizedField("number", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("数据")
        verbose_name_plural = _("数据")

    @property
    def display_label(self) -> str:
        return self.label or str(FigureKind(self.kind).label)


class ScheduleRow(TranslatableMixin, Orderable):
    """One province's week in the national calendar."""

    page = ParentalKey(CampaignWeekPage, on_delete=models.CASCADE, related_name="schedule")
    region = models.ForeignKey(
        "lifelong_site.Region", verbose_name=_("地区"), on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    host_city = models.CharField(_("主会场城市"), max_length=60, blank=True)
    link = models.URLField(_("链接"), blank=True, help_text=_("该地活动周的专题页或通知，可不填。"))

    panels = [
        FieldPanel("region"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldRowPanel([FieldPanel("host_city"), FieldPanel("link")]),
    ]
    translatable_fields = [
        TranslatableField("host_city"),
        SynchronizedField("region", overridable=False),
        SynchronizedField("starts_on", overridable=False),
        SynchronizedField("ends_on", overridable=False),
        SynchronizedField("link"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("各地安排")
        verbose_name_plural = _("各地安排")

    def clean(self) -> None:
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("结束日期不能早于开始日期。")})

    def is_running_on(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on
