"""Factories for the news app: listings, press releases, notices, annexes."""

from __future__ import annotations

import datetime as dt

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Locale

from lifelong_site.models import Organisation, Region
from news.models import (
    NewsIndexPage,
    NoticeAnnex,
    NoticeIndexPage,
    NoticeIssuer,
    NoticePage,
    PressReleasePage,
)


def zh_locale() -> Locale:
    return Locale.objects.get(language_code="zh-hans")


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "新闻发布"
    slug = "news"
    locale = factory.LazyFunction(zh_locale)


class NoticeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NoticeIndexPage

    title = "通知公告"
    slug = "notices"
    locale = factory.LazyFunction(zh_locale)


class PressReleasePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PressReleasePage

    title = factory.Sequence(lambda n: f"全民终身学习活动周新闻第{n}号")
    slug = factory.Sequence(lambda n: f"release-{n}")
    locale = factory.LazyFunction(zh_locale)
    published_at = factory.Sequence(
        lambda n: timezone.make_aware(dt.datetime(2024, 4, 1, 9, 30)) - dt.timedelta(days=n)
    )
    source = "www.moe.gov.cn"


class NoticePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NoticePage

    title = factory.Sequence(lambda n: f"关于举办活动的通知（{n}）")
    slug = factory.Sequence(lambda n: f"notice-{n}")
    locale = factory.LazyFunction(zh_locale)
    index_number = factory.Sequence(lambda n: f"360A07-07-2024-{n:04d}")
    document_number = factory.Sequence(lambda n: f"教职成厅函〔2024〕{n + 1}号")
    published_at = factory.Sequence(
        lambda n: timezone.make_aware(dt.datetime(2024, 4, 8, 10, 0)) - dt.timedelta(days=n)
    )
    summary = "部署2024年全民终身学习活动周。"


class SiteDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_document_model()

    title = factory.Sequence(lambda n: f"附件文件{n}")
    file = factory.LazyAttribute(
        lambda doc: ContentFile(b"%PDF-1.4\n% demo annex\n", name="annex.pdf")
    )
    language = "zh-hans"


def region(slug: str) -> Region:
    return Region.objects.get(slug=slug)


def organisation(slug: str) -> Organisation:
    return Organisation.objects.get(slug=slug)


def add_issuers(notice: NoticePage, *slugs: str) -> None:
    for position, slug in enumerate(slugs):
        NoticeIssuer.objects.create(
            page=notice, organisation=organisation(slug), sort_order=position
        )


def add_annex(notice: NoticePage, title: str, position: int, **fields) -> NoticeAnnex:
    return NoticeAnnex.objects.create(
        page=notice, title=title, sort_order=position, locale=notice.locale, **fields
    )
