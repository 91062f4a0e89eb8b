"""Demo details of four weeks (2017 Dalian, 2018 Ningbo, 2023 Chongqing,
2024 Shenyang) and of a demonstration week for the current year: ceremony,
organisers, headline figures, provincial schedule and a photo gallery.

Facts from public reports: the ceremony cities and dates, the 2017 venue, and
the numbers of Learning Stars and brand projects (2020, 2023, 2024), and of
cities taking part (2005, 2014). Every provincial date below is illustrative
demo data in the shape of the real arrangement tables, and the photos are
drawn placeholders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from wagtail.models import Locale

from campaigns.models import CampaignWeekPage, CeremonyGalleryPage, FigureKind
from campaigns.schedule import today
from demo.campaigns.images import ceremony_picture, demo_collection, ensure_image
from demo.report import DemoReport
from demo.tools import (
    Strings,
    find_or_add_child,
    organisation,
    publish,
    region,
    sync_children,
    translate,
)

Pair = tuple[str, str]


@dataclass(frozen=True)
class Row:
    region: str
    starts_on: dt.date
    days: int
    city: Pair

    @property
    def ends_on(self) -> dt.date:
        return self.starts_on + dt.timedelta(days=self.days - 1)


@dataclass(frozen=True)
class Figure:
    kind: FigureKind
    number: int
    unit: Pair
    label: Pair = ("", "")


@dataclass(frozen=True)
class WeekDetails:
    venue: Pair = ("", "")
    organisers: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    schedule: tuple[Row, ...] = ()
    photos: tuple[tuple[Pair, Pair], ...] = ()  # (caption, alt text)
    gallery_title: Pair = ("开幕式图集", "Opening ceremony photos")
    extra: dict[str, object] = field(default_factory=dict)


STARS_UNIT: Pair = ("位", "people")
PROJECTS_UNIT: Pair = ("个", "projects")
NATIONAL_ORGANISERS = ("moe-vocational-adult", "unesco-china", "caea")


def d(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, day)


def ceremony_photos(city: Pair) -> tuple[tuple[Pair, Pair], ...]:
    """Captions and alt texts of the placeholder pictures of one ceremony."""
    zh, en = city
    return (
        (
            (f"{zh}开幕式现场", f"The opening ceremony in {en}"),
            (
                "示意图：舞台上方悬挂红色横幅，台下坐满观众（演示图片）",
                "Illustration: a red banner above the stage and a full audience (demo image)",
            ),
        ),
        (
            ("嘉宾为百姓学习之星颁奖", "Guests present the Learning Star awards"),
            (
                "示意图：五位嘉宾站在舞台前排（演示图片）",
                "Illustration: five guests in a row on the stage (demo image)",
            ),
        ),
        (
            ("老年大学学员表演", "A performance by senior university students"),
            (
                "示意图：舞台与观众席（演示图片）",
                "Illustration: the stage and the audience (demo image)",
            ),
        ),
        (
            ("社区教育成果展", "An exhibition of community education"),
            (
                "示意图：展区与参观人群（演示图片）",
                "Illustration: exhibition stands and visitors (demo image)",
            ),
        ),
        (
            ("市民体验数字化学习", "Residents try digital learning"),
            ("示意图：会场一角（演示图片）", "Illustration: a corner of the venue (demo image)"),
        ),
        (
            ("志愿者为观众讲解", "Volunteers guide visitors"),
            (
                "示意图：观众席前排（演示图片）",
                "Illustration: the front rows of the audience (demo image)",
            ),
        ),
    )


DETAILS: dict[int, WeekDetails] = {
    2005: WeekDetails(figures=(Figure(FigureKind.CITIES, 10, ("个", "cities")),)),
    2014: WeekDetails(figures=(Figure(FigureKind.CITIES, 900, ("个", "cities")),)),
    2020: WeekDetails(
        figures=(
            Figure(FigureKind.STARS, 155, STARS_UNIT),
            Figure(FigureKind.PROJECTS, 159, PROJECTS_UNIT),
        )
    ),
    2017: WeekDetails(
        venue=("金普新区市民文化中心", "Civic Culture Centre, Jinpu New Area"),
        organisers=NATIONAL_ORGANISERS + ("dalian-education",),
        figures=(
            Figure(
                FigureKind.OTHER,
                500,
                ("人", "people"),
                ("开幕式参会人数", "Attended the Dalian opening"),
            ),
            Figure(
                FigureKind.OTHER,
                500,
                ("节", "classes"),
                ("社区教育学院开设课程", "Classes at community colleges"),
            ),
        ),
        schedule=(
            Row("liaoning", d(2017, 10, 27), 7, ("大连", "Dalian")),
            Row("jiangsu", d(2017, 10, 16), 7, ("南京", "Nanjing")),
            Row("zhejiang", d(2017, 11, 6), 7, ("杭州", "Hangzhou")),
            Row("sichuan", d(2017, 11, 13), 7, ("成都", "Chengdu")),
        ),
        photos=ceremony_photos(("大连", "Dalian")),
    ),
    2018: WeekDetails(
        organisers=NATIONAL_ORGANISERS,
        schedule=(
            Row("zhejiang", d(2018, 10, 25), 7, ("宁波", "Ningbo")),
            Row("shandong", d(2018, 9, 17), 7, ("济南", "Jinan")),
            Row("hubei", d(2018, 11, 5), 7, ("武汉", "Wuhan")),
        ),
        photos=ceremony_photos(("宁波", "Ningbo"))[:4],
    ),
    2023: WeekDetails(
        organisers=NATIONAL_ORGANISERS,
        figures=(
            Figure(FigureKind.STARS, 177, STARS_UNIT),
            Figure(FigureKind.PROJECTS, 174, PROJECTS_UNIT),
        ),
        schedule=(
            Row("shanghai", d(2023, 7, 10), 7, ("上海", "Shanghai")),
            Row("fujian", d(2023, 9, 11), 7, ("福州", "Fuzhou")),
            Row("guangdong", d(2023, 10, 16), 7, ("广州", "Guangzhou")),
            Row("chongqing", d(2023, 11, 14), 7, ("重庆", "Chongqing")),
        ),
        photos=ceremony_photos(("重庆", "Chongqing"))[:4],
    ),
    2024: WeekDetails(
        organisers=("moe", "liaoning-education", "shenyang-government"),
        figures=(
            Figure(FigureKind.STARS, 194, STARS_UNIT),
            Figure(FigureKind.PROJECTS, 91, PROJECTS_UNIT),
        ),
        schedule=(
            Row("liaoning", d(2024, 4, 26), 7, ("沈阳", "Shenyang")),
            Row("jiangsu", d(2024, 5, 13), 7, ("南京", "Nanjing")),
            Row("zhejiang", d(2024, 5, 27), 7, ("杭州", "Hangzhou")),
            Row("fujian", d(2024, 6, 3), 7, ("福州", "Fuzhou")),
            Row("shandong", d(2024, 6, 17), 7, ("济南", "Jinan")),
            Row("hunan", d(2024, 9, 16), 7, ("长沙", "Changsha")),
            Row("hubei", d(2024, 9, 23), 7, ("武汉", "Wuhan")),
            Row("guangdong", d(2024, 10, 14), 7, ("广州", "Guangzhou")),
            Row("sichuan", d(2024, 10, 28), 7, ("成都", "Chengdu")),
            Row("guizhou", d(2024, 11, 4), 7, ("贵阳", "Guiyang")),
            Row("xpcc", d(2024, 11, 30), 7, ("石河子", "Shihezi")),
        ),
        photos=ceremony_photos(("沈阳", "Shenyang")),
    ),
}


def current_year_details(day: dt.date) -> WeekDetails:
    """A demonstration schedule around today, so that "this week" and the home
    banner show in the demo whatever the date; rows stay within the year."""
    offsets = (
        (-21, "jiangsu", ("南京", "Nanjing")),
        (-14, "zhejiang", ("杭州", "Hangzhou")),
        (-3, "hunan", ("长沙", "Changsha")),
        (7, "guangdong", ("广州", "Guangzhou")),
        (14, "guizhou", ("贵阳", "Guiyang")),
    )
    rows = []
    for offset, slug, city in offsets:
        starts_on = day + dt.timedelta(days=offset)
        if starts_on.year == day.year and (starts_on + dt.timedelta(days=6)).year == day.year:
            rows.append(Row(slug, starts_on, 7, city))
    return WeekDetails(organisers=NATIONAL_ORGANISERS, schedule=tuple(rows))


def details_for(year: int) -> WeekDetails | None:
    if year == today().year and year not in DETAILS:
        return current_year_details(today())
    return DETAILS.get(year)


def apply_details(page: CampaignWeekPage, details: WeekDetails, s: Strings) -> None:
    """Write the week's inline rows (before the week is published)."""
    sync_children(
        page, "organisers", [{"organisation": organisation(slug)} for slug in details.organisers]
    )
    sync_children(
        page,
        "figures",
        [
            {
                "kind": figure.kind.value,
                "number": figure.number,
                "unit": s(*figure.unit),
                "label": s(*figure.label) if figure.label[0] else "",
            }
            for figure in details.figures
        ],
    )
    sync_children(
        page,
        "schedule",
        [
            {
                "region": region(row.region),
                "starts_on": row.starts_on,
                "ends_on": row.ends_on,
                "host_city": s(*row.city),
                "link": "",
            }
            for row in sorted(details.schedule, key=lambda row: row.starts_on)
        ],
    )
    page.venue = s(*details.venue) if details.venue[0] else ""


def ensure_gallery(
    week: CampaignWeekPage, english: Locale, details: WeekDetails, city: Pair, report: DemoReport
) -> None:
    if not details.photos:
        return
    s = Strings()
    collection = demo_collection()
    gallery, created = find_or_add_child(
        week,
        CeremonyGalleryPage,
        "photos",
        {
            "title": s(f"{week.year}年开幕式图集", f"Opening ceremony {week.year}: photos"),
            "intro": s(
                "开幕式现场照片。本演示中的照片均为程序生成的示意图。",
                "Photos of the opening ceremony. In this demo every photo is a generated placeholder.",
            ),
        },
    )
    rows = []
    for number, (caption, alt_text) in enumerate(details.photos, start=1):
        image, _created = ensure_image(
            f"{week.year} {caption[0]}",
            ceremony_picture(f"{week.year}-{number}", f"{week.year} {city[1]}"),
            collection,
            credit="演示图片",
        )
        rows.append(
            {
                "image": image,
                "caption": s(*caption),
                "alt_text": s(*alt_text),
                "credit": s("演示图片", "Demo image"),
            }
        )
    sync_children(gallery, "photos", rows)
    publish(gallery)
    report.record(f"开幕式图集 {week.year} (zh-hans)", created)
    translate(gallery, english, s, report, f"Gallery {week.year} (en)")
