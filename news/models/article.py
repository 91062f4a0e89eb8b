"""What press releases and notices share: publication metadata, body, tags,
change notes, withdrawal, and the government-site article meta tags."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from lifelong_site.blocks import BodyStreamBlock
from lifelong_site.models import BasePage
from news.article_context import article_context


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ChangeNote(TranslatableMixin, Orderable):
    """A dated public note on a major edit (更正说明). Minor edits add none."""

    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="change_notes")
    changed_on = models.DateField(_("更正日期"), default=timezone.localdate)
    note = models.CharField(_("更正说明"), max_length=500)

    panels = [FieldRowPanel([FieldPanel("changed_on"), FieldPanel("note")])]
    translatable_fields = [
        TranslatableField("note"),
        SynchronizedField("changed_on", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("更正说明")


class PageViewCount(models.Model):
    """Views per page, kept off the page row so counting never creates a
    revision, never touches the page's cache key, and is written by the
    counter beacon only, not by the page request itself."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="view_count"
    )
    views = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.page_id}: {self.views}"


class ArticlePage(BasePage):
    """Abstract base of press releases and notices."""

    # Joined when the page is served (lifelong_site.http.routing): every article shows them.
    serve_select_related = ("department", "region", "lead_image")

    subtitle = models.CharField(_("副标题"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("发布时间"), default=timezone.now, db_index=True)
    date_is_approximate = models.BooleanField(
        _("日期为推定"), default=False, help_text=_("导入的旧稿件只知道大致日期时勾选。")
    )
    source = models.CharField(
        _("信息来源"), max_length=120, blank=True, help_text=_("例如 教育部网站 或 www.moe.gov.cn")
    )
    reprinted_from = models.CharField(_("转载自"), max_length=200, blank=True)
    author = models.CharField(_("作者"), max_length=120, blank=True)
    department = models.ForeignKey(
        "lifelong_site.Organisation",
        verbose_name=_("发布部门"),
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
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image = models.ForeignKey(
        "lifelong_site.SiteImage",
        verbose_name=_("题图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_alt = models.CharField(_("题图替代文本"), max_length=250, blank=True)
    lead_image_caption = models.CharField(_("题图图注"), max_length=300, blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("正文"), blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("标签"))
    withdrawn_at = models.DateTimeField(
        _("撤回/废止时间"),
        null=True,
        blank=True,
        help_text=_("撤回的稿件仍可访问，页面顶部显示撤回说明和日期。"),
    )
    withdrawal_note = models.TextField(_("撤回说明"), blank=True)
    # Set by `manage.py import_archive`: which saved file the page came from
    # ("<locale>:<path relative to the imported folder>") and the file's
    # SHA-256, so importing it again updates this page instead of adding one.
    import_key = models.CharField(
        _("导入来源"), max_length=300, blank=True, db_index=True, editable=False
    )
    import_checksum = models.CharField(max_length=64, blank=True, editable=False)

    # The page's locale, copied into this table so that one index serves
    # "the next article in this language by publication time" (neighbours,
    # listing pages): Wagtail keeps the locale on wagtailcore_page, and an
    # index cannot span two tables. Without it, the walk of the published_at
    # index passes every article of the other language (the oldest English
    # release read the whole Chinese archive to find it had no older one).
    # Set by save() and by every bulk insert (copy_listing_fields); a page's
    # locale never changes.
    listing_locale = models.ForeignKey(
        "wagtailcore.Locale",
        null=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # the first column of the order index instead
    )

    # A copy (or a translation) is not the imported file's page.
    exclude_fields_in_copy = ["import_key", "import_checksum"]

    class Meta:
        abstract = True

    def copy_listing_fields(self) -> None:
        """What this table keeps of wagtailcore_page for its indexes."""
        self.listing_locale_id = self.locale_id

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.copy_listing_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "locale" in update_fields:
            kwargs["update_fields"] = {*update_fields, "listing_locale"}
        super().save(*args, **kwargs)

    # --- Editor panels, shared parts ---------------------------------------
    publication_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("published_at"), FieldPanel("date_is_approximate")]),
                FieldRowPanel([FieldPanel("source"), FieldPanel("reprinted_from")]),
                FieldRowPanel([FieldPanel("author"), FieldPanel("department")]),
                FieldPanel("region"),
                FieldPanel("tags"),
            ],
            heading=_("发布信息"),
        )
    ]
    lead_image_panels = [
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_alt"),
                FieldPanel("lead_image_caption"),
            ],
            heading=_("题图"),
        )
    ]
    correction_panels = [
        InlinePanel("change_notes", label=_("更正说明"), heading=_("更正说明（仅重大修改时填写）")),
        MultiFieldPanel(
            [FieldPanel("withdrawn_at"), FieldPanel("withdrawal_note")], heading=_("撤回")
        ),
    ]

    # --- Search ------------------------------------------------------------
    search_fields = BasePage.search_fields + [
        index.SearchField("subtitle"),
        index.SearchField("body"),
        index.SearchField("source"),
        index.FilterField("published_at"),
        index.FilterField("region"),
    ]

    # --- Translation: what is translated, what is synced ------------------
    # Translated: words readers see. Synced (same in both languages, not
    # editable in the English page): dates, region, department, image, tags'
    # relation. Alt text and captions are translated.
    article_translatable_fields = BasePage.page_translatable_fields + [
        TranslatableField("subtitle"),
        TranslatableField("source"),
        TranslatableField("reprinted_from"),
        TranslatableField("author"),
        TranslatableField("lead_image_alt"),
        TranslatableField("lead_image_caption"),
        TranslatableField("body"),
        TranslatableField("withdrawal_note"),
        TranslatableField("change_notes"),
        SynchronizedField("published_at", overridable=False),
        SynchronizedField("date_is_approximate", overridable=False),
        SynchronizedField("department", overridable=False),
        SynchronizedField("region", overridable=False),
        SynchronizedField("lead_image"),
        SynchronizedField("withdrawn_at", overridable=False),
        # Tags stay Chinese on English pages (shown with lang="zh-Hans") so the
        # tag filter is one vocabulary across languages: sync the relation.
        SynchronizedField("tagged_items", overridable=False),
    ]

    # --- Behaviour ----------------------------------------------------------
    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None and self.withdrawn_at <= timezone.now()

    # What a listing card (news/components/card.html) and the article's
    # notices read of any article, declared here for every type: a lookup
    # that misses makes Django's template engine call dir() on the page to
    # tell a missing attribute from a failing property, about 0.1 ms each,
    # and a listing of 20 releases made 64 of them (6 ms of its 34 ms).
    @property
    def is_repealed(self) -> bool:
        return False  # only a notice can be repealed

    @property
    def card_summary(self) -> str:
        return self.subtitle

    @property
    def card_document_number(self) -> str:
        return ""  # only a notice has one

    @property
    def lead_image_alt_text(self) -> str:
        if self.lead_image_alt:
            return self.lead_image_alt
        if self.lead_image is not None:
            return self.lead_image.description or self.lead_image.title
        return ""

    @cached_property
    def tag_list(self) -> list[Any]:
        """The page's tags, read once however many parts of the page show
        them (related items, the tag list, meta keywords, JSON-LD). In a
        preview the tagged items are the form's, in memory, some without a pk."""
        tagged = sorted(
            self.tagged_items.all().select_related("tag"),
            key=lambda item: (item.pk is None, item.pk or 0),
        )
        return [item.tag for item in tagged]

    def content_source(self) -> str:
        return (
            self.reprinted_from
            or self.source
            or (self.department.display_name if self.department else "")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(article_context(self, request))
        return context

    def get_article_meta(self) -> dict[str, str]:
        return {
            "ArticleTitle": self.title,
            "PubDate": self.format_pub_date(self.published_at),
            "ContentSource": self.content_source(),
        }
