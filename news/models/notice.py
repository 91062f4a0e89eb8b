"""Official notices (通知公告) with government information-disclosure
metadata, issuing bodies, contacts and numbered annexes (附件1..n)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from lifelong_site.blocks import AccessibleTableBlock
from lifelong_site.document_numbers import (
    normalise_document_number,
    validate_document_number,
    validate_index_number,
)
from lifelong_site.navigation import language_code_of
from lifelong_site.page_declarations import PageDeclarations
from news.article_context import annex_views
from news.forms import NoticePageForm

from .article import ArticlePage

SUMMARY_MAX_LENGTH = 100


class Disclosure(models.TextChoices):
    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")


class SubjectCategory(models.TextChoices):
    EDUCATION = "education", _("教育")
    CULTURE = "culture", _("文化")
    CIVIL_AFFAIRS = "civil_affairs", _("民政")
    LABOUR = "labour", _("劳动、人事")
    GENERAL = "general", _("综合政务")


class AnnexBodyBlock(blocks.StreamBlock):
    """An annex readable in the browser: text and tables."""

    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"],
        label=_("段落"),
        template="components/blocks/paragraph.html",
    )
    table = AccessibleTableBlock()


class NoticeIssuer(Orderable):
    """One issuing body (发文机关), in the order the notice lists them."""

    page = ParentalKey("news.NoticePage", on_delete=models.CASCADE, related_name="issuers")
    organisation = models.ForeignKey(
        "lifelong_site.Organisation",
        verbose_name=_("发文机关"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    panels = [FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("发文机关")


class NoticeContact(TranslatableMixin, Orderable):
    page = ParentalKey("news.NoticePage", on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("联系人"), max_length=60)
    organisation = models.CharField(_("单位"), max_length=120, blank=True)
    phone = models.CharField(_("电话"), max_length=60, blank=True)
    email = models.EmailField(_("邮箱"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("organisation")]),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
    ]
    # Names of people are translated (transliterated) by hand; numbers are synced.
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("organisation"),
        SynchronizedField("phone", overridable=False),
        SynchronizedField("email", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("联系人")


class NoticeAnnex(TranslatableMixin, Orderable):
    """附件: a downloadable file, an HTML annex readable in the page, or both.
    Numbered 附件1..n by position."""

    page = ParentalKey("news.NoticePage", on_delete=models.CASCADE, related_name="annexes")
    title = models.CharField(_("附件标题"), max_length=255)
    reference_number = models.CharField(_("附件编号"), max_length=60, blank=True)
    document = models.ForeignKey(
        "lifelong_site.SiteDocument",
        verbose_name=_("文件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    html = StreamField(
        AnnexBodyBlock(),
        verbose_name=_("网页版内容"),
        blank=True,
        help_text=_("例如各地安排表：读者无需下载即可阅读。"),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("reference_number"),
        FieldPanel("document"),
        FieldPanel("html"),
    ]
    # The file is synced but overridable: an English page may carry an English
    # file; otherwise it shows the Chinese file, marked as Chinese.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("html"),
        SynchronizedField("reference_number", overridable=False),
        SynchronizedField("document"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def clean(self) -> None:
        super().clean()
        if self.document_id is None and not self.html:
            raise ValidationError(_("附件需要上传文件或填写网页版内容，二者至少其一。"))

    @property
    def number(self) -> int:
        return (self.sort_order or 0) + 1


class NoticePage(ArticlePage):
    # Required in the admin (NoticePageForm); blank only on notices imported
    # from archives that predate the disclosure catalogue.
    index_number = models.CharField(
        _("索引号"), max_length=40, blank=True, validators=[validate_index_number]
    )
    document_number = models.CharField(
        _("文号"),
        max_length=60,
        blank=True,
        help_text=_("例如 教职成厅函〔2024〕7号；[ ] 与 ［ ］ 会自动改为 〔 〕。"),
    )
    addressees = models.TextField(_("主送"), blank=True)
    signed_on = models.DateField(_("成文日期"), null=True, blank=True)
    subject_category = models.CharField(
        _("主题分类"),
        max_length=20,
        choices=SubjectCategory.choices,
        default=SubjectCategory.EDUCATION,
    )
    disclosure = models.CharField(
        _("公开属性"), max_length=20, choices=Disclosure.choices, default=Disclosure.PROACTIVE
    )
    valid_from = models.DateField(_("生效日期"), null=True, blank=True)
    repealed_on = models.DateField(_("废止日期"), null=True, blank=True)
    summary = models.CharField(_("内容概述"), max_length=SUMMARY_MAX_LENGTH, blank=True)
    accessible_format_contact = models.CharField(
        _("无障碍格式联系方式"),
        max_length=200,
        blank=True,
        help_text=_("读者需要其他格式（如大字版、可读文本）时的联系方式；留空则使用页面联系人。"),
    )
    campaign_week = models.ForeignKey(
        "campaigns.CampaignWeekPage",
        verbose_name=_("所属活动周"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notices",
    )

    parent_page_types = ["news.NoticeIndexPage"]
    subpage_types: list[str] = []
    base_form_class = NoticePageForm

    # --- Editor panels --------------------------------------------------------
    content_panels = ArticlePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("index_number"), FieldPanel("document_number")]),
                InlinePanel("issuers", label=_("发文机关"), min_num=1),
                FieldPanel("addressees"),
                FieldRowPanel([FieldPanel("signed_on"), FieldPanel("published_at")]),
                FieldRowPanel([FieldPanel("subject_category"), FieldPanel("disclosure")]),
                FieldRowPanel([FieldPanel("valid_from"), FieldPanel("repealed_on")]),
                FieldPanel("summary"),
            ],
            heading=_("信息公开目录"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("source"), FieldPanel("region")]),
                FieldPanel("tags"),
                PageChooserPanel("campaign_week", "campaigns.CampaignWeekPage"),
            ],
            heading=_("发布信息"),
        ),
        FieldPanel("body"),
        InlinePanel(
            "annexes", label=_("附件"), heading=_("附件（按顺序自动编号为 附件1、附件2……）")
        ),
        FieldPanel("accessible_format_contact"),
        InlinePanel("contacts", label=_("联系人")),
        *ArticlePage.correction_panels,
    ]

    # --- Search -----------------------------------------------------------------
    search_fields = ArticlePage.search_fields + [
        index.SearchField("document_number", boost=5),
        index.SearchField("index_number"),
        index.SearchField("summary", boost=2),
        index.SearchField("addressees"),
        index.FilterField("document_number"),
        index.FilterField("campaign_week"),
    ]

    # --- Translation --------------------------------------------------------------
    # 文号, 索引号 and every date are synced byte for byte: they identify the
    # document and must never be (machine-)translated.
    translatable_fields = ArticlePage.article_translatable_fields + [
        SynchronizedField("index_number", overridable=False),
        SynchronizedField("document_number", overridable=False),
        SynchronizedField("signed_on", overridable=False),
        SynchronizedField("subject_category", overridable=False),
        SynchronizedField("disclosure", overridable=False),
        SynchronizedField("valid_from", overridable=False),
        SynchronizedField("repealed_on", overridable=False),
        SynchronizedField("campaign_week", overridable=False),
        SynchronizedField("issuers", overridable=False),
        TranslatableField("addressees"),
        TranslatableField("summary"),
        TranslatableField("accessible_format_contact"),
        TranslatableField("annexes"),
        TranslatableField("contacts"),
    ]

    # --- What the platform needs to know (lifelong_site.page_declarations) ---
    declarations = PageDeclarations(editors=None, search_kind="notice")

    class Meta:
        verbose_name = _("通知公告")
        verbose_name_plural = _("通知公告")
        indexes = [
            # Related items: the newest of the week without reading the
            # others (news.article_context.related_items).
            models.Index(fields=["campaign_week", "-published_at"], name="notice_week_newest"),
            # Neighbours and listing pages: a walk in publication order that
            # stays in one language (ArticlePage.listing_locale).
            models.Index(
                fields=["listing_locale", "published_at", "page_ptr"], name="notice_locale_order"
            ),
        ]

    def get_json_ld_type(self) -> str:
        return "GovernmentDocument"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        annexes = list(self.annexes.select_related("document").all())
        context["annexes"] = annex_views(annexes, language_code_of(request, self))
        context["issuer_list"] = [
            issuer.organisation for issuer in self.issuers.select_related("organisation")
        ]
        context["contact_list"] = list(self.contacts.all())
        return context

    @property
    def is_repealed(self) -> bool:
        return self.repealed_on is not None and self.repealed_on <= timezone.localdate()

    @property
    def card_summary(self) -> str:
        return self.summary or self.subtitle

    @property
    def card_document_number(self) -> str:
        return self.document_number

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[ValidationError]] = {}
        if self.document_number:
            self.document_number = normalise_document_number(self.document_number)
            try:
                validate_document_number(self.document_number)
            except ValidationError as error:
                errors.setdefault("document_number", []).append(error)
        if self.index_number:
            duplicate = (
                NoticePage.objects.filter(index_number=self.index_number, locale_id=self.locale_id)
                .exclude(translation_key=self.translation_key)
                .first()
            )
            if duplicate is not None:
                errors.setdefault("index_number", []).append(
                    ValidationError(
                        _("索引号 %(number)s 已被“%(title)s”使用。"),
                        params={"number": self.index_number, "title": duplicate.title},
                        code="duplicate_index_number",
                    )
                )
        if self.valid_from and self.repealed_on and self.repealed_on < self.valid_from:
            errors.setdefault("repealed_on", []).append(
                ValidationError(_("废止日期不能早于生效日期。"))
            )
        if (
            self.signed_on
            and self.published_at
            and self.signed_on > timezone.localtime(self.published_at).date()
        ):
            errors.setdefault("signed_on", []).append(
                ValidationError(_("成文日期不能晚于发布日期。"))
            )
        if errors:
            raise ValidationError(errors)
