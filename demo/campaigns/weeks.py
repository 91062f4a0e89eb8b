"""Demo content of the campaigns app: the archive of past weeks (历届活动周),
Chinese first and English as its wagtail-localize translation.

Facts come from public reports of the national opening ceremonies; where a
detail was not in our sources the text says so in a comment ("demo text").
Running the loader again updates the same pages instead of adding new ones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from wagtail.models import Locale

from campaigns.models import CampaignIndexPage, CampaignWeekPage
from campaigns.models.weeks import FIRST_WEEK_YEAR
from campaigns.schedule import today
from demo.campaigns.details import apply_details, current_year_details, details_for, ensure_gallery
from demo.campaigns.profiles import ensure_profiles
from demo.campaigns.regional import ensure_regional_sections
from demo.report import DemoReport
from demo.site import ensure_locales
from demo.tools import Strings, find_or_add_child, paragraph, publish, source_home, translate
from lifelong_site.blocks.stream_data import raw_stream
from lifelong_site.models import HomePage
from lifelong_site.reference_data import ensure_reference_data

WEEKS_SLUG = "weeks"

# --- The weeks ------------------------------------------------------------------


@dataclass(frozen=True)
class Week:
    year: int
    theme: tuple[str, str]
    host_city: tuple[str, str]
    ceremony_on: dt.date | None
    # Known for 2024 only (April to early December); that week opened with
    # its ceremony, so the national span starts on the ceremony date.
    ends_on: dt.date | None
    paragraphs: tuple[tuple[str, str], ...]
    is_demonstration: bool = False
    first_day: dt.date | None = None  # when the week did not open with its ceremony

    @property
    def starts_on(self) -> dt.date | None:
        return self.first_day or (self.ceremony_on if self.ends_on else None)

    @property
    def edition(self) -> int:
        # Held every year since the first in 2005: 2024 is the 20th.
        return self.year - FIRST_WEEK_YEAR + 1


LIFESTYLE = ("让学习成为一种生活方式", "Make learning a lifestyle")

# The national opening ceremony's date; 2024's April–early December span is
# from its notice.
WEEKS: list[Week] = [
    Week(
        2005,
        # Demo text: the 2005 theme and opening city are not in our sources.
        ("全民学习，终身学习", "Learning for all, learning for life"),
        ("", ""),
        None,
        None,
        (
            (
                "2005年，教育部职业教育与成人教育司、中国联合国教科文组织全国委员会秘书处和中国成人教育协会"
                "共同发起全民终身学习活动周，首届活动周约有10个城市参加。",
                "In 2005 the Ministry of Education's Department of Vocational and Adult Education, the secretariat "
                "of the National Commission of China for UNESCO and the China Adult Education Association launched "
                "the National Lifelong Learning Activity Week; about ten cities took part in the first one.",
            ),
            (
                "活动周借鉴了联合国教科文组织倡导的成人学习周等做法，此后每年举办一届。",
                "The week drew on the adult learners' weeks promoted by UNESCO and has been held every year since.",
            ),
        ),
    ),
    Week(
        2011,
        (
            "人人终身学习，创建学习型城市",
            "Lifelong learning for everyone, building learning cities",
        ),
        ("武汉", "Wuhan"),
        dt.date(2011, 10, 22),
        None,
        (
            (
                "2011年活动周全国总开幕式于10月22日在湖北省武汉市举行，来自23个省（区、市）的400多名代表参加。",
                "The national opening of the 2011 week was held in Wuhan, Hubei Province, on 22 October, attended "
                "by more than 400 delegates from 23 provinces, autonomous regions and municipalities.",
            ),
            (
                "这一年适逢中国共产党成立90周年，全国有215个县（市、区）围绕活动周主题开展学习活动。",
                "The year marked the 90th anniversary of the founding of the Communist Party of China; 215 counties, "
                "cities and districts organised learning activities on the week's theme.",
            ),
        ),
    ),
    Week(
        2014,
        ("全民终身学习，创造出彩人生", "Lifelong learning for all, for a life that shines"),
        ("重庆", "Chongqing"),
        dt.date(2014, 11, 4),
        None,
        (
            (
                "2014年是活动周的第十个年头。全国总开幕式于11月4日在重庆市渝中区举行，"
                "参加活动周的城市已由首届的10个增加到900多个。",
                "2014 was the week's tenth year. The national opening took place in Yuzhong District, Chongqing, on "
                "4 November; the number of cities taking part had grown from 10 at the first week to more than 900.",
            ),
        ),
    ),
    Week(
        2015,
        (
            "发展全民终身学习，推动法治社会建设",
            "Developing lifelong learning for all, advancing the rule of law in society",
        ),
        ("苏州", "Suzhou"),
        dt.date(2015, 10, 29),
        None,
        (
            (
                "2015年活动周全国总开幕式于10月29日在江苏省苏州市举行，有关部委、各省级教育行政部门和"
                "学习型城市建设联盟成员城市的近400名代表参会。",
                "The national opening of the 2015 week was held in Suzhou, Jiangsu Province, on 29 October; almost "
                "400 delegates came from ministries, provincial education departments and the cities of the "
                "learning-cities network.",
            ),
        ),
    ),
    Week(
        2017,
        # Demo text: the 2017 national theme is not in our sources.
        (
            "全民终身学习，助力学习型社会建设",
            "Lifelong learning for all, building a learning society",
        ),
        ("大连", "Dalian"),
        None,
        None,
        (
            (
                "2017年活动周是第十三届。大连市活动周开幕式在金普新区市民文化中心举行，500余人参加，"
                "会上为全国“百姓学习之星”和“终身学习品牌项目”颁奖。",
                "2017 saw the thirteenth week. Dalian opened its week at the civic culture centre of Jinpu New Area "
                "with more than 500 participants; national Learning Stars and brand projects received their awards "
                "there.",
            ),
            (
                "活动周期间，各区社区教育学院为市民开设了500多节课程，多个区还举办了摄影、书法和文艺展演，"
                "展示社区教育成果。",
                "During the week the district community-education colleges offered more than 500 classes to "
                "residents, and several districts showed what community education had achieved in photography, "
                "calligraphy and stage performances.",
            ),
        ),
    ),
    Week(
        2018,
        (
            "服务国家重大战略，推动全民终身学习",
            "Serving major national strategies, advancing lifelong learning for all",
        ),
        ("宁波", "Ningbo"),
        dt.date(2018, 10, 25),
        None,
        (
            (
                "2018年活动周全国总开幕式于10月25日在浙江省宁波市举行，600余位代表参加。",
                "The national opening of the 2018 week took place in Ningbo, Zhejiang Province, on 25 October, with "
                "more than 600 delegates.",
            ),
            (
                "开幕式启动了社区教育大讲堂100讲、社区教育和老年教育资源共享行动等项目，"
                "并表彰了当年的“百姓学习之星”和“终身学习品牌项目”。",
                "The ceremony launched a series of 100 community-education lectures and a resource-sharing "
                "campaign for community and senior education, and honoured the year's Learning Stars and brand "
                "projects.",
            ),
        ),
    ),
    Week(
        2020,
        ("全民智学，助力“双战双赢”", "Smart learning for all, winning on both fronts"),
        ("上海", "Shanghai"),
        dt.date(2020, 11, 1),
        None,
        (
            (
                "受新冠肺炎疫情影响，2020年活动周采用线上线下相结合的方式，于11月1日同步开启，"
                "全国总开幕式在上海复旦大学举行。",
                "Because of the COVID-19 pandemic, the 2020 week combined online and on-site activities. It opened "
                "on 1 November, with the national ceremony at Fudan University in Shanghai.",
            ),
            (
                "本届活动周推荐认定了155位“百姓学习之星”和159个“终身学习品牌项目”。",
                "The week recognised 155 Learning Stars and 159 lifelong-learning brand projects.",
            ),
        ),
    ),
    Week(
        2023,
        LIFESTYLE,
        ("重庆", "Chongqing"),
        dt.date(2023, 11, 14),
        None,
        (
            (
                "2023年活动周是第十九届。各地活动自7月起陆续开展，主题阅读、数字阅读分享和线上社会大讲堂是这一届的重点。",
                "The 2023 week was the nineteenth. Local weeks began in July; themed reading, the sharing of digital "
                "reading and online public lectures were at its centre.",
            ),
            (
                "11月14日，全国总开幕式在重庆举行，共宣传推介177位“百姓学习之星”和174个“终身学习品牌项目”。",
                "The national opening ceremony was held in Chongqing on 14 November; 177 Learning Stars and 174 "
                "brand projects were presented.",
            ),
        ),
    ),
    Week(
        2024,
        LIFESTYLE,
        ("沈阳", "Shenyang"),
        dt.date(2024, 4, 26),
        dt.date(2024, 12, 6),
        (
            (
                "2024年是全民终身学习活动周举办的第二十年。活动周4月至12月上旬按照“一省一周”的方式在全国陆续开展。",
                "2024 marks the twentieth year of the National Lifelong Learning Activity Week. From April to early "
                "December the provinces hold their weeks one after another, one province at a time.",
            ),
            (
                "4月26日，开幕式在辽宁省沈阳市举行，会上发布了《全民终身学习沈阳倡议》，"
                "并公布了194位“百姓学习之星”和91个“终身学习品牌项目”。",
                "The opening ceremony took place in Shenyang, Liaoning Province, on 26 April. It released the "
                "Shenyang Initiative on Lifelong Learning for All and announced 194 Learning Stars and 91 "
                "lifelong-learning brand projects.",
            ),
        ),
    ),
]


def demonstration_week(day: dt.date) -> list[Week]:
    """This year's week, so the home banner and "this week" show in the demo;
    its title and text say it is a demonstration. None if the year is real."""
    if any(week.year == day.year for week in WEEKS):
        return []
    rows = current_year_details(day).schedule
    return [
        Week(
            day.year,
            LIFESTYLE,
            ("", ""),
            None,  # no ceremony: the demonstration week has none
            max((row.ends_on for row in rows), default=None),
            (
                (
                    "本页是演示用的当年活动周：各地安排围绕今天的日期生成，用于展示“本周进行中”和首页横幅。",
                    "This page is a demonstration week for the current year: the provincial schedule is generated around "
                    "today's date to show the running week and the home page banner.",
                ),
            ),
            is_demonstration=True,
            first_day=min((row.starts_on for row in rows), default=None),
        )
    ]


def ensure_weeks_index(home: HomePage, english: Locale, report: DemoReport) -> CampaignIndexPage:
    s = Strings()
    index, created = find_or_add_child(
        home,
        CampaignIndexPage,
        WEEKS_SLUG,
        {
            "title": s("历届活动周", "Past weeks"),
            "intro": s(
                "全民终身学习活动周自2005年起每年举办一届。这里按年份收录历届活动周的主题、开幕式举办城市和主要活动。",
                "The National Lifelong Learning Activity Week has been held every year since 2005. Here you find "
                "each year's theme, the city that hosted the opening ceremony and the main activities.",
            ),
            "show_in_menus": True,
        },
    )
    publish(index)
    report.record("历届活动周 (zh-hans)", created)
    translate(index, english, s, report, "Past weeks (en)")
    return index


def week_content(week: Week) -> tuple[dict[str, Any], Strings]:
    s = Strings()
    fields: dict[str, Any] = {
        "title": s(
            f"{week.year}年全民终身学习活动周" + ("（演示）" if week.is_demonstration else ""),
            f"National Lifelong Learning Activity Week {week.year}"
            + (" (demonstration)" if week.is_demonstration else ""),
        ),
        "year": week.year,
        "edition": week.edition,
        "theme": s(*week.theme) if week.theme[0] else "",
        "host_city": s(*week.host_city) if week.host_city[0] else "",
        "starts_on": week.starts_on,
        "ends_on": week.ends_on,
        "ceremony_on": week.ceremony_on,
        "body": raw_stream(
            f"week-{week.year}", [paragraph(s(zh, en)) for zh, en in week.paragraphs]
        ),
    }
    return fields, s


def ensure_week(
    index: CampaignIndexPage, english: Locale, week: Week, report: DemoReport
) -> CampaignWeekPage:
    fields, strings = week_content(week)
    page, created = find_or_add_child(index, CampaignWeekPage, str(week.year), fields)
    details = details_for(week.year)
    if details is not None:
        apply_details(page, details, strings)
    publish(page)
    report.record(f"活动周 {week.year} (zh-hans)", created)
    translate(page, english, strings, report, f"Week {week.year} (en)")
    return page


def get_week(year: int) -> CampaignWeekPage | None:
    """The Chinese page of a year's week, for releases and notices to link to."""
    zh, _en = ensure_locales()
    return CampaignWeekPage.objects.filter(locale=zh, year=year).first()


@transaction.atomic
def load(report: DemoReport) -> None:
    ensure_reference_data()
    home, _zh, english = source_home()
    index = ensure_weeks_index(home, english, report)
    for week in [*WEEKS, *demonstration_week(today())]:
        page = ensure_week(index, english, week, report)
        details = details_for(week.year)
        if details is not None:
            ensure_gallery(page, english, details, week.host_city, report)
        ensure_profiles(page, english, report)
        ensure_regional_sections(page, english, report)
