"""Snippets shared by news and campaigns: provincial-level regions and the
issuing organisations. Both carry explicit Chinese and English names because
they appear in 文号 validation, filters and glossaries whatever the page
language. They are deliberately *not* locale copies (no TranslatableMixin):
pages of both languages point at the same record through synchronised
foreign keys, so a region filter or a 文号 check works the same on /en/, and
the English name is edited beside the Chinese one. The machine-translation
glossary reads both names (lifelong_site.translation.glossary)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

from lifelong_site.i18n import is_english


class RegionKind(models.TextChoices):
    PROVINCE = "province", _("省")
    AUTONOMOUS_REGION = "autonomous_region", _("自治区")
    MUNICIPALITY = "municipality", _("直辖市")
    SPECIAL_ADMINISTRATIVE_REGION = "sar", _("特别行政区")
    CORPS = "corps", _("新疆生产建设兵团")
    NATIONAL = "national", _("全国")


class Region(index.Indexed, models.Model):
    """A provincial-level division (or the Xinjiang Production and Construction
    Corps, which holds its own week like a province)."""

    code = models.CharField(
        _("行政区划代码"),
        max_length=6,
        unique=True,
        help_text=_("GB/T 2260 前两位加0000，例如 210000（辽宁省）。"),
    )
    slug = models.SlugField(_("英文标识"), max_length=60, unique=True)
    name_zh = models.CharField(_("中文名称"), max_length=40, unique=True)
    short_name_zh = models.CharField(
        _("简称"), max_length=10, blank=True, help_text=_("例如 辽宁、新疆兵团。")
    )
    name_en = models.CharField(_("英文名称"), max_length=80)
    kind = models.CharField(_("类型"), max_length=20, choices=RegionKind.choices)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    panels = [
        FieldRowPanel([FieldPanel("name_zh"), FieldPanel("short_name_zh")]),
        FieldRowPanel([FieldPanel("name_en"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("code"), FieldPanel("kind"), FieldPanel("sort_order")]),
    ]
    search_fields = [
        index.SearchField("name_zh"),
        index.SearchField("short_name_zh"),
        index.SearchField("name_en"),
        index.AutocompleteField("name_zh"),
    ]

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("地区")
        verbose_name_plural = _("地区")

    def __str__(self) -> str:
        return self.name_zh

    @property
    def display_name(self) -> str:
        """The name in the active language."""
        return self.name_en if is_english() else self.name_zh


class Organisation(index.Indexed, models.Model):
    """An issuing body (发文机关) or organiser, with the abbreviation (机关代字)
    that opens its document numbers, e.g. 教职成厅 in 教职成厅函〔2024〕7号."""

    name_zh = models.CharField(_("中文全称"), max_length=120, unique=True)
    name_en = models.CharField(_("英文全称"), max_length=200)
    short_name_zh = models.CharField(_("中文简称"), max_length=40, blank=True)
    abbreviation = models.CharField(
        _("发文机关代字"),
        max_length=20,
        blank=True,
        help_text=_("文号开头的机关代字，例如 教职成厅。多个代字用空格分隔。"),
    )
    slug = models.SlugField(_("英文标识"), max_length=80, unique=True)
    website = models.URLField(_("网站"), blank=True)

    panels = [
        FieldPanel("name_zh"),
        FieldPanel("name_en"),
        FieldRowPanel([FieldPanel("short_name_zh"), FieldPanel("abbreviation")]),
        FieldRowPanel([FieldPanel("slug"), FieldPanel("website")]),
    ]
    search_fields = [
        index.SearchField("name_zh"),
        index.SearchField("name_en"),
        index.SearchField("short_name_zh"),
        index.AutocompleteField("name_zh"),
    ]

    class Meta:
        ordering = ["name_zh"]
        verbose_name = _("机构")
        verbose_name_plural = _("机构")

    def __str__(self) -> str:
        return self.name_zh

    @property
    def display_name(self) -> str:
        return self.name_en if is_english() else self.name_zh

    @property
    def abbreviations(self) -> list[str]:
        return self.abbreviation.split()
