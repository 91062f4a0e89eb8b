"""Factories for the campaigns app: the archive, weeks, galleries, profiles."""

from __future__ import annotations

import io

import factory
import wagtail_factories
from django.core.files.images import ImageFile
from PIL import Image
from wagtail.models import Collection

from campaigns.models import (
    BrandProjectIndexPage,
    BrandProjectPage,
    CampaignIndexPage,
    CampaignWeekPage,
    CeremonyGalleryPage,
    GalleryPhoto,
    HeadlineFigure,
    LearningStarIndexPage,
    LearningStarPage,
    ScheduleRow,
)
from lifelong_site.models import Region, SiteImage
from tests.factories.news import zh_locale


def image_file(
    name: str = "photo.png", size: tuple[int, int] = (640, 427), colour: str = "#a3141a"
) -> ImageFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return ImageFile(buffer, name=name)


class SiteImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SiteImage

    title = factory.Sequence(lambda n: f"开幕式照片{n}")
    file = factory.LazyFunction(image_file)
    collection = factory.LazyFunction(Collection.get_first_root_node)
    credit = "新华社"


class CampaignIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CampaignIndexPage

    title = "历届活动周"
    slug = "weeks"
    locale = factory.LazyFunction(zh_locale)


class CampaignWeekPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CampaignWeekPage

    year = 2024
    title = factory.LazyAttribute(lambda week: f"{week.year}年全民终身学习活动周")
    slug = factory.LazyAttribute(lambda week: str(week.year))
    edition = factory.LazyAttribute(lambda week: week.year - 2004)
    theme = "让学习成为一种生活方式"
    host_city = "沈阳"
    locale = factory.LazyFunction(zh_locale)


class CeremonyGalleryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CeremonyGalleryPage

    title = "开幕式图集"
    slug = "photos"
    locale = factory.LazyFunction(zh_locale)


class LearningStarIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LearningStarIndexPage

    title = "百姓学习之星"
    slug = "learning-stars"
    locale = factory.LazyFunction(zh_locale)


class BrandProjectIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = BrandProjectIndexPage

    title = "终身学习品牌项目"
    slug = "brand-projects"
    locale = factory.LazyFunction(zh_locale)


class LearningStarPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LearningStarPage

    title = factory.Sequence(lambda n: f"学习之星{n}")
    slug = factory.Sequence(lambda n: f"star-{n}")
    locale = factory.LazyFunction(zh_locale)
    category = "senior"
    quote = "活到老，学到老。"


class BrandProjectPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = BrandProjectPage

    title = factory.Sequence(lambda n: f"品牌项目{n}")
    slug = factory.Sequence(lambda n: f"project-{n}")
    locale = factory.LazyFunction(zh_locale)
    category = "community"
    organiser = "沈阳市社区教育学院"


def add_photos(
    gallery: CeremonyGalleryPage, count: int, *, alt_text: str = "开幕式现场"
) -> list[GalleryPhoto]:
    return [
        GalleryPhoto.objects.create(
            page=gallery,
            image=SiteImageFactory(),
            alt_text=alt_text,
            caption=f"照片说明{n}",
            credit="摄影：张三",
            sort_order=n,
            locale=gallery.locale,
        )
        for n in range(count)
    ]


def add_schedule_row(
    week: CampaignWeekPage, region_slug: str, starts_on, ends_on, city: str = ""
) -> ScheduleRow:
    return ScheduleRow.objects.create(
        page=week,
        region=Region.objects.get(slug=region_slug),
        starts_on=starts_on,
        ends_on=ends_on,
        host_city=city,
        sort_order=week.schedule.count(),
        locale=week.locale,
    )


def add_figure(week: CampaignWeekPage, kind: str, number: int, unit: str = "") -> HeadlineFigure:
    return HeadlineFigure.objects.create(
        page=week,
        kind=kind,
        number=number,
        unit=unit,
        sort_order=week.figures.count(),
        locale=week.locale,
    )
