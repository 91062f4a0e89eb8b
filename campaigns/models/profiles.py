"""百姓学习之星 (Learning Stars) and 终身学习品牌项目 (lifelong-learning brand
projects): profiles honoured each year, listed under their week.

Each week has at most one index of each; the index filters its profiles by
region and category, shows the total and paginates."""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from campaigns.profile_listing import ProfileListing
from lifelong_site.blocks import BodyStreamBlock
from lifelong_site.models import BasePage
from lifelong_site.navigation import breadcrumbs
from lifelong_site.page_declarations import PageDeclarations

from .weeks import FIRST_WEEK_YEAR, CampaignWeekPage


class StarCategory(models.TextChoices):
    """Who the learner is; the national list groups stars this way."""

    SENIOR = "senior", _("老年学习者")
    RURAL = "rural", _("农村居民")
    WORKER = "worker", _("职工")
    COMMUNITY = "community", _("社区居民")
    YOUTH = "youth", _("青年")
    DISABILITY = "disability", _("残障人士")
    VOLUNTEER = "volunteer", _("志愿者与教师")


class ProjectCategory(models.TextChoices):
    COMMUNITY = "community", _("社区教育")
    SENIOR = "senior", _("老年教育")
    RURAL = "rural", _("乡村振兴与农民培训")
    WORKPLACE = "workplace", _("职工教育")
    READING = "reading", _("阅读推广")
    DIGITAL = "digital", _("数字化学习")
    FAMILY = "family", _("家庭教育")
    CULTURE = "culture", _("文化传承")


class ProfilePage(BasePage):
    """What a star and a project share. ``year`` is copied from the week the
    page sits under, so archive-wide lists can filter on it without a join."""

    # Joined when the page is served (lifelong_site.http.routing): every profile shows them.
    serve_select_related = ("photo", "region")

    photo = models.ForeignKey(
        "lifelong_site.SiteImage",
        verbose_name=_("照片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    region = models.ForeignKey(
        "lifelong_site.Region",
        verbose_name=_("地区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(
        _("年份"),
        null=True,
        editable=False,
        validators=[MinValueValidator(FIRST_WEEK_YEAR), MaxValueValidator(2100)],
    )
    quote = models.CharField(
        _("一句话"), max_length=140, blank=True, help_text=_("简短的自述或评语，列表中显示。")
    )
    story = StreamField(BodyStreamBlock(), verbose_name=_("事迹"), blank=True)

    parent_page_types: ClassVar[list[str]]
    subpage_types: list[str] = []
    profile_translatable_fields = BasePage.page_translatable_fields + [
        TranslatableField("quote"),
        TranslatableField("story"),
        SynchronizedField("photo"),
        SynchronizedField("region", overridable=False),
        SynchronizedField("year", overridable=False),
        SynchronizedField("category", overridable=False),
    ]

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The path is known once the page is in the tree (treebeard sets it
        # before saving a new child), so the week is found by its path.
        if self.path:
            week = (
                CampaignWeekPage.objects.filter(
                    path__in=[
                        self.path[:pos] for pos in range(self.steplen, len(self.path), self.steplen)
                    ]
                )
                .values_list("year", flat=True)
                .first()
            )
            if week is not None:
                self.year = week
        super().save(*args, **kwargs)

    @property
    def photo_alt(self) -> str:
        # A portrait is described by whom it shows.
        return str(self.title)

    def week(self) -> CampaignWeekPage | None:
        return CampaignWeekPage.objects.ancestor_of(self).filter(locale_id=self.locale_id).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = breadcrumbs(self, request)
        context["week"] = self.week()
        return context


class LearningStarPage(ProfilePage):
    category = models.CharField(
        _("类别"), max_length=20, choices=StarCategory.choices, default=StarCategory.COMMUNITY
    )

    parent_page_types = ["campaigns.LearningStarIndexPage"]
    template = "campaigns/profile_page.html"

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("photo"),
                FieldRowPanel([FieldPanel("region"), FieldPanel("category")]),
                FieldPanel("quote"),
            ],
            heading=_("基本信息"),
        ),
        FieldPanel("story"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("quote"),
        index.SearchField("story"),
        index.FilterField("year"),
        index.FilterField("region"),
        index.FilterField("category"),
    ]
    translatable_fields = ProfilePage.profile_translatable_fields

    # --- What the platform needs to know (lifelong_site.page_declarations) ---
    declarations = PageDeclarations(editors=None, search_kind="star")

    class Meta:
        verbose_name = _("百姓学习之星")
        verbose_name_plural = _("百姓学习之星")


class BrandProjectPage(ProfilePage):
    category = models.CharField(
        _("类别"), max_length=20, choices=ProjectCategory.choices, default=ProjectCategory.COMMUNITY
    )
    organiser = models.CharField(_("实施单位"), max_length=160, blank=True)
    website = models.URLField(_("项目网站"), blank=True)

    parent_page_types = ["campaigns.BrandProjectIndexPage"]
    template = "campaigns/profile_page.html"

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("photo"),
                FieldRowPanel([FieldPanel("region"), FieldPanel("category")]),
                FieldRowPanel([FieldPanel("organiser"), FieldPanel("website")]),
                FieldPanel("quote"),
            ],
            heading=_("基本信息"),
        ),
        FieldPanel("story"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("quote"),
        index.SearchField("story"),
        index.SearchField("organiser"),
        index.FilterField("year"),
        index.FilterField("region"),
        index.FilterField("category"),
    ]
    translatable_fields = ProfilePage.profile_translatable_fields + [
        TranslatableField("organiser"),
        SynchronizedField("website"),
    ]

    # --- What the platform needs to know (lifelong_site.page_declarations) ---
    declarations = PageDeclarations(editors=None, search_kind="project")

    class Meta:
        verbose_name = _("终身学习品牌项目")
        verbose_name_plural = _("终身学习品牌项目")

    @property
    def photo_alt(self) -> str:
        return ""  # a project photo is decorative next to the project's name


class ProfileIndexPage(BasePage):
    """The stars or projects of one week, filterable by region and category."""

    intro = models.TextField(_("导语"), blank=True)

    parent_page_types = ["campaigns.CampaignWeekPage"]
    max_count_per_parent = 1

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    translatable_fields = BasePage.page_translatable_fields + [TranslatableField("intro")]

    profile_model: ClassVar[type[ProfilePage]]
    category_choices: ClassVar[type[models.TextChoices]]

    class Meta:
        abstract = True

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # A malformed filter is answered 400 with its message on the page.
        listing = ProfileListing.from_request(self, request)
        response = super().serve(request, *args, listing=listing, **kwargs)
        if listing.errors:
            response.status_code = 400
        return response

    def get_context(self, request, *args, listing=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = breadcrumbs(self, request)
        context["listing"] = listing
        context["week"] = self.get_parent().specific_deferred
        return context


class LearningStarIndexPage(ProfileIndexPage):
    # Wagtail derives a template name per concrete class; both indexes share one.
    template = "campaigns/profile_index_page.html"
    subpage_types = ["campaigns.LearningStarPage"]
    profile_model = LearningStarPage
    category_choices = StarCategory

    # --- What the platform needs to know (lifelong_site.page_declarations) ---
    declarations = PageDeclarations(editors=None, search_kind="page")

    class Meta:
        verbose_name = _("百姓学习之星栏目")
        verbose_name_plural = _("百姓学习之星栏目")


class BrandProjectIndexPage(ProfileIndexPage):
    # Wagtail derives a template name per concrete class; both indexes share one.
    template = "campaigns/profile_index_page.html"
    subpage_types = ["campaigns.BrandProjectPage"]
    profile_model = BrandProjectPage
    category_choices = ProjectCategory

    # --- What the platform needs to know (lifelong_site.page_declarations) ---
    declarations = PageDeclarations(editors=None, search_kind="page")

    class Meta:
        verbose_name = _("终身学习品牌项目栏目")
        verbose_name_plural = _("终身学习品牌项目栏目")
