"""One search entry per live page: the flat record every backend indexes.

Pages of different types keep their region, year and date in different
fields and tables; a reader's filters (type, year, region, date range) and
their counts need them side by side. The entry holds them in plain columns,
plus the page's plain text for snippets, and it is what Wagtail's search
backends index — the database backend by default, Elasticsearch or OpenSearch
in production. ``search.entries`` keeps entries in step with publishing.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from .analysis import index_text


class Kind(models.TextChoices):
    RELEASE = "release", _("新闻稿")
    NOTICE = "notice", _("通知公告")
    WEEK = "week", _("活动周")
    GALLERY = "gallery", _("图集")
    STAR = "star", _("学习之星")
    PROJECT = "project", _("品牌项目")
    REGIONAL = "regional", _("地方活动")
    PAGE = "page", _("栏目页面")


class SearchEntryQuerySet(SearchableQuerySetMixin, models.QuerySet):
    pass


class SearchEntry(index.Indexed, models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices, default=Kind.PAGE)
    display_title = models.CharField(_("标题"), max_length=255)
    # Plain text of the page for snippets, capped: the first screenfuls carry
    # what a reader searches for, and a cap keeps the index small at archive scale.
    body_text = models.TextField(_("正文"), blank=True)
    date = models.DateField(_("日期"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("年份"), null=True, blank=True)
    region = models.ForeignKey(
        "lifelong_site.Region", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    campaign_week = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    document_number = models.CharField(_("文号"), max_length=64, blank=True, db_index=True)
    # "kind|year|region_id": one grouped count over it gives every facet at
    # once on the database backends (search.service._counts).
    facet_key = models.CharField(max_length=40, blank=True)
    # False under a login or password restriction: such pages never appear.
    is_public = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SearchEntryQuerySet.as_manager()

    # What the backends index. Text fields are segmented in Python (see
    # search.analysis), so every backend sees the same words; Chinese and
    # English go to separate fields so a search server can give each its own
    # analyzer (search.backends). Filters are plain columns.
    search_fields = [
        # Named "title" because the database backends give the field of that
        # name the title weight; it holds the segmented display_title.
        index.SearchField("title", boost=4, es_extra={"analyzer": "lifelong_zh"}),
        index.SearchField("body_zh", es_extra={"analyzer": "lifelong_zh"}),
        index.SearchField("body_en", es_extra={"analyzer": "lifelong_en"}),
        index.SearchField("document_number", boost=10, es_extra={"analyzer": "lifelong_zh"}),
        index.FilterField("document_number"),
        index.FilterField("locale"),
        index.FilterField("kind"),
        index.FilterField("year"),
        index.FilterField("region"),
        index.FilterField("campaign_week"),
        index.FilterField("date"),
        index.FilterField("is_public"),
        index.FilterField("facet_key"),
    ]

    class Meta:
        verbose_name = _("搜索条目")
        verbose_name_plural = _("搜索条目")
        indexes = [models.Index(fields=["locale", "is_public", "kind", "year"])]

    def __str__(self) -> str:
        return self.display_title

    # --- Indexed text, per language -------------------------------------------

    @property
    def is_chinese(self) -> bool:
        return not self.locale.language_code.startswith("en")

    def _terms(self, text: str, chinese: bool) -> str:
        if chinese != self.is_chinese:
            return ""
        return self._segmented(f"{self._facts(chinese)} {text}")

    def _segmented(self, text: str) -> str:
        """``index_text(text)``, once per entry and text: the PostgreSQL
        backend reads each field three times (vector, plain text,
        autocomplete) and segmenting is most of the cost of indexing.
        Keyed by the text itself, so an entry changed after indexing is
        segmented again."""
        memo = self.__dict__.setdefault("_segmented_texts", {})
        if text not in memo:
            memo[text] = index_text(text)
        return memo[text]

    def _facts(self, chinese: bool) -> str:
        """The year and region as words, so 2019 or 辽宁 finds a page that
        only says so through its week or its region field."""
        facts = [str(self.year)] if self.year else []
        if self.region_id:
            region = self.region
            facts += [region.name_zh, region.short_name_zh] if chinese else [region.name_en]
        return " ".join(fact for fact in facts if fact)

    @property
    def title(self) -> str:
        return self._segmented(self.display_title)

    def body_zh(self) -> str:
        return self._terms(self.body_text, chinese=True)

    def body_en(self) -> str:
        return self._terms(self.body_text, chinese=False)

    @classmethod
    def get_indexed_objects(cls) -> models.QuerySet[SearchEntry]:
        return super().get_indexed_objects().select_related("locale", "region")
