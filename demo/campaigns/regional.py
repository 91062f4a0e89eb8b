"""Demo provincial sections (地方活动) of the 2024 week: Liaoning, in Chinese
and English, and Jiangsu, in Chinese only, as a province that has not had
its page translated yet.

The dates and main venue cities are those of the week's demo schedule
(demo.campaigns.details), so the section and its schedule row agree. That
the national opening was held in Shenyang on 26 April is from public
reports; the programmes, activities and contact lines are demo text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wagtail.models import Locale

from campaigns.models import CampaignWeekPage, RegionalSectionPage
from demo.campaigns.details import DETAILS, Row
from demo.report import DemoReport
from demo.tools import (
    Strings,
    find_or_add_child,
    heading,
    numbered_list,
    paragraph,
    publish,
    region,
    translate,
)
from lifelong_site.blocks.stream_data import Block, raw_stream

Pair = tuple[str, str]


@dataclass(frozen=True)
class Section:
    region: str  # the region's slug, also the page's slug
    title: Pair
    intro: Pair
    # ("h", pair) is a heading, ("ol", pairs) a numbered list, ("p", pair) a paragraph.
    body: tuple[tuple[str, Any], ...]
    contact: Pair = ("", "")
    translated: bool = True


SECTIONS: dict[int, tuple[Section, ...]] = {
    2024: (
        Section(
            "liaoning",
            ("辽宁省全民终身学习活动周", "Liaoning Lifelong Learning Activity Week"),
            (
                "2024年4月26日，全民终身学习活动周全国开幕式在沈阳举行，辽宁省活动周同日启动。",
                "The national opening of the 2024 week was held in Shenyang on 26 April, and Liaoning's own week began "
                "the same day.",
            ),
            (
                (
                    "p",
                    (
                        "活动周期间，全省14个市围绕“让学习成为一种生活方式”的主题，依托社区教育学院、老年大学和开放大学，"
                        "组织开展社区教育、老年教育、职工教育和数字化学习等系列活动。",
                        "During the week all fourteen cities of the province held community, senior, workplace and "
                        "digital learning activities on the theme “Make learning a lifestyle”, at community "
                        "colleges, universities for the elderly and the open university.",
                    ),
                ),
                ("h", ("活动安排", "Programme")),
                (
                    "ol",
                    (
                        (
                            "4月26日：全国开幕式暨辽宁省活动周启动仪式（沈阳）",
                            "26 April: national opening and launch of the Liaoning week (Shenyang)",
                        ),
                        (
                            "4月27日至5月1日：各市社区教育和老年教育成果展示、体验课堂",
                            "27 April to 1 May: community and senior education exhibitions and open classes in every city",
                        ),
                        (
                            "5月2日：全省百姓学习之星经验交流会（线上）",
                            "2 May: Learning Stars of the province share their experience (online)",
                        ),
                    ),
                ),
                (
                    "p",
                    (
                        "各市社区教育学院向市民开放课堂，举办读书分享、非遗技艺体验和智能手机应用培训，部分活动通过网络直播同步进行。",
                        "Community colleges opened their classrooms to residents, with reading circles, intangible "
                        "heritage workshops and smartphone classes; some events were streamed online.",
                    ),
                ),
            ),
            (
                "辽宁省教育厅职业教育与继续教育处",
                "Division of Vocational and Continuing Education, Department of Education of Liaoning Province",
            ),
        ),
        Section(
            "jiangsu",
            ("江苏省全民终身学习活动周", ""),
            ("江苏省活动周在全省同步开展，主会场设在南京。", ""),
            (
                (
                    "p",
                    (
                        "活动周期间，全省各地依托社区教育中心、农民夜校和城乡社区学习点，开展主题阅读、技能培训和"
                        "“百姓学习之星”事迹分享等活动，推动学习资源向基层延伸。",
                        "",
                    ),
                ),
                (
                    "p",
                    (
                        "南京主会场举办终身学习成果展，集中展示本省推介的终身学习品牌项目，并开放线上课程供市民免费学习。",
                        "",
                    ),
                ),
            ),
            ("江苏省教育厅职业教育处", ""),
            translated=False,
        ),
    ),
}


def _schedule_row(year: int, region_slug: str) -> Row | None:
    details = DETAILS.get(year)
    return (
        next((row for row in details.schedule if row.region == region_slug), None)
        if details
        else None
    )


def _body(section: Section, s: Strings, key: str) -> list[dict]:
    blocks: list[Block] = []
    for kind, value in section.body:
        if kind == "h":
            blocks.append(heading(s(*value)))
        elif kind == "ol":
            blocks.append(numbered_list([s(*item) for item in value]))
        else:
            blocks.append(paragraph(s(*value)))
    return raw_stream(key, blocks)


def ensure_section(
    week: CampaignWeekPage, english: Locale, section: Section, report: DemoReport
) -> RegionalSectionPage:
    s = Strings()
    row = _schedule_row(week.year, section.region)
    fields = {
        "title": s(*section.title),
        "region": region(section.region),
        "starts_on": row.starts_on if row else None,
        "ends_on": row.ends_on if row else None,
        "host_city": s(*row.city) if row else "",
        "intro": s(*section.intro),
        "body": _body(section, s, f"regional-{week.year}-{section.region}"),
        "contact": s(*section.contact) if section.contact[0] else "",
    }
    page, created = find_or_add_child(week, RegionalSectionPage, section.region, fields)
    publish(page)
    report.record(f"{section.title[0]} {week.year} (zh-hans)", created)
    if section.translated:
        translate(page, english, s, report, f"{section.title[1]} {week.year} (en)")
    return page


def ensure_regional_sections(week: CampaignWeekPage, english: Locale, report: DemoReport) -> None:
    for section in SECTIONS.get(week.year, ()):
        ensure_section(week, english, section, report)
