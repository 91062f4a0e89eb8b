"""What the generated pages hang on and point at: the home pages and
listings (made by ``load_demo``), one week per year 2005–2024 with its Learning
Star index, brand project index and ceremony gallery (made here when
missing, in both languages), and a few shared images, documents and tags.

Weeks and their children are shared by every seed: a week found for a year
is used as it is, whoever made it.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import random
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image, ImageDraw
from taggit.models import Tag
from wagtail.models import Collection, Locale, Page

from campaigns.models import (
    BrandProjectIndexPage,
    CampaignIndexPage,
    CampaignWeekPage,
    CeremonyGalleryPage,
    GalleryPhoto,
    LearningStarIndexPage,
)
from lifelong_site.models import Organisation, Region, SiteDocument, SiteImage
from news.models import NewsIndexPage, NoticeIndexPage

from .plan import YEARS, structure_key
from .text import RegionInfo, english_date, ordinal, place
from .tree import BulkPageWriter, NewPage
from .vocabulary import SCENES, TAGS, WEEK_REGION_KINDS, WEEK_THEMES, Pair

SOURCE_LANGUAGE, TRANSLATION_LANGUAGE = "zh-hans", "en"
IMAGE_COUNT = 6
MAX_GALLERY_PHOTOS = 20
FILES_FOLDER = "documents/archive"


class MissingSetup(Exception):
    """The site the archive goes into is not there yet."""


@dataclass
class WeekNodes:
    """One year's pages in both languages (None where there is none)."""

    zh: int
    en: int | None = None
    stars: int | None = None
    projects: int | None = None


@dataclass
class Context:
    zh: Locale
    en: Locale
    news: tuple[int, int]
    notices: tuple[int, int]
    weeks_index: tuple[int, int]
    regions: tuple[RegionInfo, ...]
    organisations: dict[str, int]
    images: list[int] = field(default_factory=list)
    documents: list[tuple[int, Pair]] = field(default_factory=list)
    tags: list[int] = field(default_factory=list)
    weeks: dict[int, WeekNodes] = field(default_factory=dict)
    draft_weeks: list[int] = field(default_factory=list)
    timezone: zoneinfo.ZoneInfo = field(
        default_factory=lambda: zoneinfo.ZoneInfo(settings.TIME_ZONE)
    )

    @property
    def language_of(self) -> dict[int, str]:
        return {self.zh.pk: self.zh.language_code, self.en.pk: self.en.language_code}

    def at(self, day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
        return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=self.timezone)


# --- The site ---------------------------------------------------------------------------


def _pair(model: type[Page], zh: Locale, en: Locale, what: str) -> tuple[int, int]:
    source = model.objects.filter(locale=zh).order_by("path").first()
    if source is None:
        raise MissingSetup(f"There is no Chinese {what} ({model._meta.label}).")
    target = model.objects.filter(locale=en, translation_key=source.translation_key).first()
    if target is None:
        raise MissingSetup(f"The Chinese {what} has no English translation.")
    return source.pk, target.pk


def load_context() -> Context:
    """The listings and the weeks index in both languages, regions and
    organisations; MissingSetup names what is missing."""
    zh = Locale.objects.filter(language_code=SOURCE_LANGUAGE).first()
    en = Locale.objects.filter(language_code=TRANSLATION_LANGUAGE).first()
    if zh is None or en is None:
        raise MissingSetup("The zh-hans and en locales do not exist.")
    regions = tuple(
        RegionInfo(region.pk, region.slug, region.name_zh, region.name_en)
        for region in Region.objects.filter(kind__in=WEEK_REGION_KINDS).order_by(
            "sort_order", "code"
        )
    )
    if not regions:
        raise MissingSetup("There are no regions (lifelong_site.Region).")
    return Context(
        zh=zh,
        en=en,
        news=_pair(NewsIndexPage, zh, en, "news listing"),
        notices=_pair(NoticeIndexPage, zh, en, "notice listing"),
        weeks_index=_pair(CampaignIndexPage, zh, en, "archive of weeks"),
        regions=regions,
        organisations=dict(Organisation.objects.values_list("slug", "pk")),
    )


# --- Shared media and tags -----------------------------------------------------------------


def _picture(number: int) -> bytes:
    """A small generated picture: a gradient, a stage and a row of heads."""
    rng = random.Random(f"archive-image:{number}")
    width, height = 480, 320
    top = tuple(rng.randrange(40, 140) for _ in range(3))
    bottom = tuple(rng.randrange(140, 240) for _ in range(3))
    strip = Image.new("RGB", (1, 64))
    for y in range(64):
        strip.putpixel(
            (0, y), tuple(int(a + (b - a) * y / 63) for a, b in zip(top, bottom, strict=True))
        )
    image = strip.resize((width, height))
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 50, 440, 90), fill=(163, 20, 26))
    for column in range(12):
        x = 30 + column * 38
        draw.ellipse((x, 220, x + 24, 244), fill=(40, 30, 30))
    draw.text((12, height - 20), f"ARCHIVE SAMPLE {number}", fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=75)
    return buffer.getvalue()


def ensure_images(limit: int = 24) -> list[int]:
    """Ids of existing images to reuse; a handful are drawn if there are none."""
    ids = list(SiteImage.objects.order_by("pk").values_list("pk", flat=True)[:limit])
    if ids:
        return ids
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    for number in range(1, IMAGE_COUNT + 1):
        image = SiteImage(
            title=f"活动周资料图片 {number}", collection=collection, credit="全民终身学习活动周"
        )
        image.file = ImageFile(io.BytesIO(_picture(number)), name=f"archive-sample-{number}.jpg")
        image.save()
        ids.append(image.pk)
    return ids


# The forms attached to notices, in the order of text.annex_titles()[1:].
ANNEX_FORMS: tuple[tuple[Pair, list[str]], ...] = (
    (
        (
            "各地活动周特色亮点报送表（模板）",
            "Form for reporting the highlights of a province's week (template)",
        ),
        [
            "省份",
            "活动周时间",
            "亮点名称",
            "亮点简介（300字以内）",
            "参与人次",
            "联系人",
            "联系电话",
        ],
    ),
    (
        ("全民终身学习活动周开展情况汇总表（模板）", "Summary table of the week (template)"),
        ["省份", "活动周起止时间", "参与地市（个）", "举办活动（场）", "参与人次（万）", "备注"],
    ),
    (
        ("“百姓学习之星”推荐表（模板）", "Recommendation form for Learning Stars (template)"),
        ["姓名", "性别", "出生年月", "工作单位", "类别", "主要事迹（300字以内）"],
    ),
    (
        ("“终身学习品牌项目”推荐表（模板）", "Recommendation form for brand projects (template)"),
        ["项目名称", "实施单位", "类别", "开始年份", "项目简介（500字以内）", "联系人"],
    ),
)


def ensure_documents() -> list[tuple[int, Pair]]:
    """A few shared annex files (CSV forms), found again by title."""
    storage = SiteDocument._meta.get_field("file").storage
    documents = []
    for number, (title, header) in enumerate(ANNEX_FORMS, start=1):
        document = SiteDocument.objects.filter(title=title[0], language=SOURCE_LANGUAGE).first()
        if document is None:
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\r\n").writerow(header)
            content = buffer.getvalue().encode("utf-8-sig")
            name = storage.save(f"{FILES_FOLDER}/annex-form-{number}.csv", ContentFile(content))
            document = SiteDocument.objects.create(
                title=title[0],
                language=SOURCE_LANGUAGE,
                file=name,
                file_size=len(content),
                file_hash=hashlib.sha1(content).hexdigest(),
            )
        documents.append((document.pk, title))
    return documents


def ensure_tags() -> list[int]:
    return [Tag.objects.get_or_create(name=name)[0].pk for name in TAGS]


# --- Pages of the structure ----------------------------------------------------------------


def base_fields(
    model: type[Page],
    title: str,
    slug: str,
    locale_id: int,
    translation_key,
    published: dt.datetime,
) -> dict:
    """Fields of the wagtailcore_page row of a live page published once."""
    return {
        "title": title,
        "draft_title": title,
        "slug": slug,
        "locale_id": locale_id,
        "translation_key": translation_key,
        "content_type_id": ContentType.objects.get_for_model(model).pk,
        "live": True,
        "has_unpublished_changes": False,
        "first_published_at": published,
        "last_published_at": published,
        "latest_revision_created_at": published,
        "show_in_menus": False,
    }


def _paragraph(text: str, key: str) -> dict:
    return {"type": "paragraph", "value": f"<p>{text}</p>", "id": key}


def _week_pages(context: Context, year: int) -> list[NewPage]:
    rng = random.Random(f"archive-week:{year}")
    theme = rng.choice(WEEK_THEMES)
    city = place(rng, context.regions)
    ceremony = dt.date(year, rng.randint(4, 11), rng.randint(1, 28))
    edition = year - YEARS[0] + 1
    key = structure_key(f"week-{year}")
    paragraphs = [
        (
            f"{year}年全民终身学习活动周是第{edition}届，主题为“{theme[0]}”，各地按照“一省一周”的方式陆续举办。",
            f"The {year} week was the {ordinal(edition)}, on the theme “{theme[1]}”; the provinces held their weeks "
            f"one after another.",
        ),
        (
            f"全国开幕式于{ceremony.month}月{ceremony.day}日在{city.city[0]}举行。",
            f"The national opening ceremony took place in {city.city[1]} on {english_date(ceremony)}.",
        ),
    ]
    ids = [structure_key(f"week-{year}-block-{index}") for index in range(len(paragraphs))]
    pages = []
    for language, locale, parent in (
        (0, context.zh, context.weeks_index[0]),
        (1, context.en, context.weeks_index[1]),
    ):
        title = (
            f"{year}年全民终身学习活动周"
            if language == 0
            else f"National Lifelong Learning Activity Week {year}"
        )
        page = CampaignWeekPage(
            **base_fields(
                CampaignWeekPage,
                title,
                _free_slug(parent, str(year)),
                locale.pk,
                key,
                context.at(ceremony),
            ),
            year=year,
            edition=edition,
            theme=theme[language],
            host_city=city.city[language],
            ceremony_on=ceremony,
            body=[
                _paragraph(pair[language], str(block))
                for pair, block in zip(paragraphs, ids, strict=True)
            ],
        )
        pages.append(NewPage(parent, page))
    return pages


def _index_pages(
    context: Context,
    year: int,
    model: type[Page],
    slug: str,
    title: Pair,
    intro: Pair,
    week: WeekNodes,
    photos: Callable[[int], list[GalleryPhoto]] | None = None,
) -> list[NewPage]:
    """The zh (and en) child of ``model`` under a year's week, where missing."""
    pages = []
    source = model.objects.filter(locale=context.zh).child_of(Page.objects.get(pk=week.zh)).first()
    key = source.translation_key if source else structure_key(f"{model.__name__}-{year}")
    published = context.at(dt.date(year, 4, 1))
    targets = [(0, context.zh, week.zh, source is None)]
    if week.en is not None:
        exists = (
            model.objects.filter(locale=context.en).child_of(Page.objects.get(pk=week.en)).exists()
        )
        targets.append((1, context.en, week.en, not exists))
    for language, locale, parent, missing in targets:
        if not missing:
            continue
        fields = base_fields(
            model, title[language], _free_slug(parent, slug), locale.pk, key, published
        )
        page = model(**fields, intro=intro[language])
        children = {"photos": photos(locale.pk)} if photos else {}
        pages.append(NewPage(parent, page, children))
    return pages


def _free_slug(parent_id: int, slug: str) -> str:
    parent = Page.objects.get(pk=parent_id)
    taken = set(parent.get_children().values_list("slug", flat=True))
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def _gallery_photos(context: Context, year: int) -> Callable[[int], list[GalleryPhoto]]:
    rng = random.Random(f"archive-gallery:{year}")
    count = rng.randint(8, MAX_GALLERY_PHOTOS)
    scenes = [rng.choice(SCENES) for _ in range(count)]
    images = [rng.choice(context.images) for _ in range(count)]
    language_index = {context.zh.pk: 0, context.en.pk: 1}

    def photos(locale_id: int) -> list[GalleryPhoto]:
        language = language_index[locale_id]
        return [
            GalleryPhoto(
                locale_id=locale_id,
                translation_key=structure_key(f"gallery-{year}-photo-{number}"),
                sort_order=number,
                image_id=image,
                alt_text=scene[language],
                caption=scene[language],
                credit=("活动周组委会", "Organising committee")[language],
            )
            for number, (scene, image) in enumerate(zip(scenes, images, strict=True))
        ]

    return photos


def ensure_weeks(context: Context, writer: BulkPageWriter) -> int:
    """Fill ``context.weeks`` for 2005–2024, creating the missing weeks, their
    indexes and galleries. Returns how many pages were created."""
    created = 0
    missing = [
        year
        for year in YEARS
        if not CampaignWeekPage.objects.filter(locale=context.zh, year=year).exists()
    ]
    new_weeks = [page for year in missing for page in _week_pages(context, year)]
    created += len(writer.write(new_weeks, context.language_of))

    for year in YEARS:
        week = (
            CampaignWeekPage.objects.filter(locale=context.zh, year=year).order_by("path").first()
        )
        english = CampaignWeekPage.objects.filter(
            locale=context.en, translation_key=week.translation_key
        ).first()
        context.weeks[year] = WeekNodes(zh=week.pk, en=english.pk if english else None)
        if not week.live:
            context.draft_weeks.append(year)

    pages: list[NewPage] = []
    for year, week in context.weeks.items():
        pages += _index_pages(
            context,
            year,
            LearningStarIndexPage,
            "learning-stars",
            ("百姓学习之星", "Learning Stars"),
            (
                f"{year}年全民终身学习活动周推介的百姓学习之星。",
                f"Learning Stars presented during the {year} week.",
            ),
            week,
        )
        pages += _index_pages(
            context,
            year,
            BrandProjectIndexPage,
            "brand-projects",
            ("终身学习品牌项目", "Lifelong learning brand projects"),
            (
                f"{year}年全民终身学习活动周推介的终身学习品牌项目。",
                f"Brand projects presented during the {year} week.",
            ),
            week,
        )
        pages += _index_pages(
            context,
            year,
            CeremonyGalleryPage,
            "photos",
            (f"{year}年开幕式图集", f"Opening ceremony {year}: photos"),
            ("开幕式现场照片。", "Photos of the opening ceremony."),
            week,
            photos=_gallery_photos(context, year),
        )
    created += len(writer.write(pages, context.language_of))

    for week in context.weeks.values():
        week.stars = _child_id(LearningStarIndexPage, context.zh, week.zh)
        week.projects = _child_id(BrandProjectIndexPage, context.zh, week.zh)
    return created


def _child_id(model: type[Page], locale: Locale, parent_id: int) -> int:
    parent = Page.objects.get(pk=parent_id)
    return (
        model.objects.filter(locale=locale)
        .child_of(parent)
        .order_by("path")
        .values_list("pk", flat=True)
        .first()
    )
