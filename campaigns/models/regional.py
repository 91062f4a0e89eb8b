"""地方活动: the page a province's education department keeps under a week,
e.g. 2024年全民终身学习活动周 → 辽宁省全民终身学习活动周.

Access for a province's editors is granted per region, so ``region`` is a
required fact of the page, synchronised to the English copy like the dates;
the host city, introduction, body and contact line are words and are
translated."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from lifelong_site.blocks import BodyStreamBlock
from lifelong_site.models import BasePage
from lifelong_site.navigation import breadcrumbs
from lifelong_site.page_declarations import REGION_EDITORS, PageDeclarations

from .weeks import CampaignWeekPage


class RegionalSectionPageForm(WagtailAdminPageForm):
    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        region = cleaned_data.get("region")
        # One section per region and week: the week lists each province once.
        # The model cannot check this, as a new page has no place in the tree
        # until the form is valid.
        if region is not None and self.parent_page is not None:
            siblings = RegionalSectionPage.objects.child_of(self.parent_page).filter(region=region)
            if self.instance.pk:
                siblings = siblings.exclude(pk=self.instance.pk)
            if siblings.exists():
                self.add_error(
                    "region",
                    gettext("本活动周下已经有%(region)s的地方活动页面。") % {"region": region},
                )
        return cleaned_data


class RegionalSectionPage(BasePage):
    region = models.ForeignKey(
        "lifelong_site.Region", verbose_name=_("地区"), on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField(_("开始日期"), null=True, blank=True)
    ends_on = models.DateField(_("结束日期"), null=True, blank=True)
    host_city = models.CharField(_("主会场城市"), max_length=60, blank=True)
    intro = models.TextField(_("导语"), blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("正文"), blank=True)
    contact = models.CharField(
        _("联系方式"),
        max_length=200,
        blank=True,
        help_text=_("例如 承办处室和咨询电话，显示在页面末尾。"),
    )

    parent_page_types = ["campaigns.CampaignWeekPage"]
    subpage_types: list[str] = []
    base_form_class = RegionalSectionPageForm

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("region"),
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                FieldPanel("host_city"),
            ],
            heading=_("基本信息"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("contact"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("host_city"),
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("region"),
    ]
    translatable_fields = BasePage.page_translatable_fields + [
        TranslatableField("host_city"),
        TranslatableField("intro"),
        TranslatableField("body"),
        TranslatableField("contact"),
        SynchronizedField("region", overridable=False),
        SynchronizedField("starts_on", overridable=False),
        SynchronizedField("ends_on", overridable=False),
    ]

    # --- What the platform needs to know (lifelong_site.page_declarations) ---
    declarations = PageDeclarations(editors=REGION_EDITORS, search_kind="regional")

    class Meta:
        verbose_name = _("地方活动")
        verbose_name_plural = _("地方活动")

    def clean(self) -> None:
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("结束日期不能早于开始日期。")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = breadcrumbs(self, request)
        context["week"] = self.week()
        return context

    def week(self) -> CampaignWeekPage | None:
        # The parent, by parent_page_types; read as a week in one query.
        return CampaignWeekPage.objects.parent_of(self).first()
