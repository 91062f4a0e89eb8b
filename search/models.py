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
        region = self.region  # no query when the entry has no region
        if region is not None:
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


# --- Popular searches ----------------------------------------------------------
#
# What readers search for is counted per query, language and day, with the
# number of distinct clients (search.popular); a query many clients searched
# becomes a candidate, and only what an editor approved is shown as popular
# (大家都在搜, the autocomplete). docs/search.md has the rules.

SEARCH_LANGUAGES = [("zh-hans", _("中文")), ("en", _("英文"))]


def normalise_term(text: str) -> str:
    """A query as the popular list and the log keep it: single spaces, lower case."""
    return " ".join(str(text).split()).lower()


class PopularSearch(models.Model):
    """A query proposed (a candidate) or decided by an editor: approved ones
    are the popular searches readers see, in their language."""

    class Status(models.TextChoices):
        CANDIDATE = "candidate", _("待审核")
        APPROVED = "approved", _("已批准")
        HIDDEN = "hidden", _("已隐藏")
        BANNED = "banned", _("已禁止")

    term = models.CharField(_("搜索词"), max_length=100)
    language = models.CharField(
        _("语言"), max_length=8, choices=SEARCH_LANGUAGES, default="zh-hans"
    )
    status = models.CharField(
        _("状态"),
        max_length=16,
        choices=Status.choices,
        default=Status.CANDIDATE,
        help_text=_(
            "已批准的词显示在该语言搜索页的“大家都在搜”和搜索框提示中；已禁止的词不再显示，也不再成为候选。"
        ),
    )
    clients = models.PositiveIntegerField(_("不同访客"), default=0, editable=False)
    results = models.PositiveIntegerField(_("结果数"), default=0, editable=False)
    last_seen = models.DateField(_("最近搜索"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("热门搜索")
        verbose_name_plural = _("热门搜索")
        constraints = [
            models.UniqueConstraint(
                fields=["term", "language"], name="site_search_popular_term_language"
            )
        ]
        indexes = [models.Index(fields=["language", "status"])]

    def __str__(self) -> str:
        return self.term

    def save(self, *args, **kwargs) -> None:
        self.term = normalise_term(self.term)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        # Before the unique check, so "Opening Ceremony" meets "opening ceremony".
        self.term = normalise_term(self.term)


class SearchTermDay(models.Model):
    """One query in one language on one day: how many distinct clients
    searched it (each counted once that day) and how many results it found.
    Kept for the retention period (search.popular.RETENTION_DAYS)."""

    term = models.CharField(max_length=100)
    language = models.CharField(max_length=8, choices=SEARCH_LANGUAGES)
    date = models.DateField(db_index=True)
    clients = models.PositiveIntegerField(default=0)
    results = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("搜索词日统计")
        verbose_name_plural = _("搜索词日统计")
        constraints = [
            models.UniqueConstraint(
                fields=["term", "language", "date"], name="site_search_term_day_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.term} ({self.language}, {self.date})"


class SearchTermClient(models.Model):
    """A client that searched the query that day, as a keyed hash of its
    address valid for that day only (lifelong_site.security.client_ip.client_key),
    so a client counts once. Deleted once the day is over."""

    term = models.CharField(max_length=100)
    language = models.CharField(max_length=8, choices=SEARCH_LANGUAGES)
    date = models.DateField(db_index=True)
    client = models.CharField(max_length=16)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["term", "language", "date", "client"], name="site_search_term_client_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.term} ({self.language}, {self.date})"
