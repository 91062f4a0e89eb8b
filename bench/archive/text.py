"""Chinese texts and their English versions, drawn from templates.

Every function takes the page's own ``random.Random`` and returns
(Chinese, English) pairs built from the same choices, so a translation says
what its source says. The wording imitates the releases and notices the
ministry and the provinces publish; the facts in it are invented.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from .vocabulary import (
    CITIES,
    GIVEN_SYLLABLES,
    MONTHS_EN,
    NOTICE_SUBJECTS,
    QUOTES,
    STAR_ROLES,
    SURNAMES,
    THEMES,
    VENUES,
    WEEK_EVENTS,
    Pair,
)


@dataclass(frozen=True)
class RegionInfo:
    id: int
    slug: str
    name_zh: str
    name_en: str


@dataclass(frozen=True)
class Place:
    region: RegionInfo
    city: Pair

    @property
    def province(self) -> Pair:
        return (self.region.name_zh, self.region.name_en)


def place(rng: random.Random, regions: tuple[RegionInfo, ...]) -> Place:
    region = rng.choice(regions)
    cities = CITIES.get(region.slug) or ((region.name_zh, region.name_en),)
    return Place(region, rng.choice(cities))


def day_in_year(rng: random.Random, year: int) -> dt.date:
    """A day between April and mid-December, when the provinces hold their weeks."""
    start = dt.date(year, 4, 1)
    return start + dt.timedelta(days=rng.randrange((dt.date(year, 12, 15) - start).days))


def english_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS_EN[day.month - 1]}"


def ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def person(rng: random.Random) -> Pair:
    surname = rng.choice(SURNAMES)
    given = [rng.choice(GIVEN_SYLLABLES) for _ in range(rng.choice((1, 2, 2)))]
    return surname[0] + "".join(
        zh for zh, _en in given
    ), f"{surname[1]} {''.join(en for _zh, en in given).capitalize()}"


# --- Press releases ---------------------------------------------------------------


@dataclass(frozen=True)
class ReleaseText:
    title: Pair
    subtitle: Pair
    paragraphs: list[Pair]
    source: Pair
    theme: Pair


def release_title(rng: random.Random, year: int, where: Place, theme: Pair, venue: Pair) -> Pair:
    (province, province_en), (city, city_en) = where.province, where.city
    form = rng.randrange(5)
    if form == 0:
        event = rng.choice(WEEK_EVENTS)
        return (
            f"{province}{year}年全民终身学习活动周{event[0]}",
            f"{province_en}: {year} Lifelong Learning Week {event[1]}",
        )
    if form == 1:
        return f"{city}举办{theme[0]}活动", f"{city_en} holds {theme[1]} activities"
    if form == 2:
        return (
            f"{city}{venue[0]}开展{theme[0]}学习周活动",
            f"{venue[1].capitalize()} in {city_en} hold a {theme[1]} learning week",
        )
    if form == 3:
        return (
            f"{province}推介{year}年度“百姓学习之星”",
            f"{province_en} presents its {year} Learning Stars",
        )
    return (
        f"{city}{theme[0]}进社区 居民共享学习机会",
        f"{theme[1].capitalize()} reaches the neighbourhoods of {city_en}",
    )


def release_paragraphs(
    rng: random.Random, year: int, day: dt.date, where: Place, theme: Pair, venue: Pair
) -> list[Pair]:
    (province, province_en), (city, city_en) = where.province, where.city
    activities, visits = rng.randint(50, 900), rng.randint(2, 120)
    stars, projects = rng.randint(5, 60), rng.randint(3, 40)
    counties, events = rng.randint(8, 120), rng.randint(200, 9000)
    courses = rng.randint(20, 600)
    opening = (
        f"{day.month}月{day.day}日，{province}{year}年全民终身学习活动周在{city}启动。活动周以“{theme[0]}”为重点，"
        f"全省各地将陆续开展{activities}余场学习活动。",
        f"On {english_date(day)}, {province_en} launched its {year} Lifelong Learning Week in {city_en}. The week "
        f"focuses on {theme[1]}; more than {activities} learning activities will take place across the province.",
    )
    middle = [
        (
            f"活动周期间，{city}的{venue[0]}面向市民免费开放，推出讲座、体验课程和学习成果展示，预计参与人次超过{visits}万。",
            f"During the week the {venue[1]} of {city_en} are open to residents free of charge, with lectures, taster "
            f"classes and exhibitions of learners' work; more than {visits * 10000:,} visits are expected.",
        ),
        (
            f"{province}教育厅有关负责人表示，将以活动周为契机，推动{theme[0]}与社区治理、乡村振兴相结合，"
            f"建设人人皆学、处处能学、时时可学的学习型社会。",
            f"An official of the {province_en} education department said the week would be used to link {theme[1]} "
            f"with community governance and rural revitalisation, building a learning society where everyone can learn, "
            f"anywhere and at any time.",
        ),
        (
            f"今年的活动周还推介了{stars}位“百姓学习之星”和{projects}个“终身学习品牌项目”，他们的学习故事通过报告会和网络直播与群众见面。",
            f"This year's week also presents {stars} Learning Stars and {projects} lifelong-learning brand projects, "
            f"whose stories reach the public through talks and live streams.",
        ),
        (
            f"在{city}，{venue[0]}联合志愿者开设智能手机使用、防范电信诈骗和健康知识等课程，帮助老年人跨越“数字鸿沟”。",
            f"In {city_en}, {venue[1]} and volunteers run classes on using smartphones, avoiding telephone fraud and "
            f"staying healthy, helping older people across the digital divide.",
        ),
        (
            f"各地还结合{theme[0]}开展读书分享、非遗体验、技能比赛等活动，线上平台同步推出{courses}门免费课程。",
            f"Localities are also holding reading circles, intangible-heritage workshops and skills contests on "
            f"{theme[1]}, and online platforms offer {courses} free courses.",
        ),
        (
            f"据统计，{year}年活动周期间，{province}共有{counties}个县（市、区）参与，举办各类学习活动{events}场。",
            f"In {year}, {counties} counties, cities and districts of {province_en} took part in the week, holding "
            f"{events:,} learning events.",
        ),
        (
            f"{city}市民表示，家门口的学习活动丰富多样，既学到了新知识，也结识了新朋友。",
            f"Residents of {city_en} said the learning activities on their doorstep were varied: they learned new "
            f"things and made new friends.",
        ),
    ]
    closing = (
        f"下一步，{province}将完善终身学习公共服务体系，推动学习资源向基层延伸，让学习成为一种生活方式。",
        f"Next, {province_en} will improve its public services for lifelong learning and bring learning resources "
        f"closer to communities, making learning a lifestyle.",
    )
    chosen = rng.sample(middle, rng.randint(1, 4))
    return [opening, *chosen, *([closing] if rng.random() < 0.6 else [])]


def release_text(rng: random.Random, year: int, day: dt.date, where: Place) -> ReleaseText:
    theme, venue = rng.choice(THEMES), rng.choice(VENUES)
    title = release_title(rng, year, where, theme, venue)
    subtitle = ("", "")
    if rng.random() < 0.15:
        subtitle = (
            f"{where.city[0]}{theme[0]}成果丰硕",
            f"{theme[1].capitalize()} bears fruit in {where.city[1]}",
        )
    if rng.random() < 0.2:
        source = ("教育部网站", "Ministry of Education website")
    else:
        source = (
            f"{where.region.name_zh}教育厅",
            f"{where.region.name_en} Department of Education",
        )
    return ReleaseText(
        title, subtitle, release_paragraphs(rng, year, day, where, theme, venue), source, theme
    )


# --- Notices ------------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeText:
    title: Pair
    summary: Pair
    paragraphs: list[Pair]
    addressees: Pair


ADDRESSEES: Pair = (
    "各省、自治区、直辖市教育厅（教委），新疆生产建设兵团教育局",
    "The departments (commissions) of education of all provinces, autonomous regions and municipalities; the "
    "education bureau of the Xinjiang Production and Construction Corps",
)


def notice_text(
    rng: random.Random, year: int, signed: dt.date, deadline: dt.date, office: Pair
) -> NoticeText:
    theme = rng.choice(THEMES)
    title_zh, title_en, subject_zh, subject_en = rng.choice(NOTICE_SUBJECTS)
    values = {"year": year, "theme": theme[0], "theme_en": theme[1]}
    title = (title_zh.format(**values), title_en.format(**values))
    subject = (subject_zh.format(**values), subject_en.format(**values))
    first, last = rng.randint(4, 6), rng.randint(10, 12)
    paragraphs = [
        (
            f"为深入贯彻落实建设全民终身学习的学习型社会的部署，推动全民终身学习持续深入开展，现就{subject[0]}有关事项通知如下。",
            f"To carry out the plan to build a learning society in which everyone learns throughout life, we give "
            f"notice of the arrangements for {subject[1]}.",
        ),
        (
            f"一、活动时间。{year}年{first}月至{last}月，各地按照“一省一周”的方式错时开展活动周，具体安排见附件。",
            f"1. Dates. From {MONTHS_EN[first - 1]} to {MONTHS_EN[last - 1]} {year} the provinces hold their weeks "
            f"one after another; see the annexes for details.",
        ),
        (
            f"二、活动内容。各地要围绕“{theme[0]}”创新活动形式，用好图书馆、博物馆、文化馆和社区学校等场所，"
            f"线上线下相结合开展学习活动。",
            f"2. Activities. Provinces should find new forms of activity on {theme[1]}, use libraries, museums, "
            f"cultural centres and community schools, and combine online and on-site learning.",
        ),
        (
            "三、工作要求。各地要加强组织领导，结合实际制定实施方案，广泛动员社会各方参与，及时总结典型经验。",
            "3. Requirements. Provinces should strengthen leadership, draw up plans suited to local conditions, involve "
            "all parts of society and sum up good practice promptly.",
        ),
    ]
    if rng.random() < 0.7:
        paragraphs.append(
            (
                f"四、材料报送。请于{deadline.year}年{deadline.month}月{deadline.day}日前将有关材料报送{office[0]}。",
                f"4. Reporting. Please send the documents to the {office[1]} by {english_date(deadline)} {deadline.year}.",
            )
        )
    summary = (
        f"部署{subject[0]}，各地按“一省一周”方式在{first}月至{last}月错时开展。",
        f"Arrangements for {subject[1]}, {MONTHS_EN[first - 1]} to {MONTHS_EN[last - 1]}.",
    )
    return NoticeText(title, (summary[0][:100], summary[1][:100]), paragraphs, ADDRESSEES)


def annex_titles(year: int) -> tuple[Pair, ...]:
    """The arrangements (a table in the page), then the forms (shared files,
    in the order of structure.ANNEX_FORMS)."""
    return (
        (
            f"{year}年全民终身学习活动周各地活动安排",
            f"Arrangements of the provinces for the {year} week",
        ),
        ("各地活动周特色亮点报送表", "Form for reporting the highlights of each province's week"),
        (f"{year}年全民终身学习活动周开展情况汇总表", f"Summary table of the {year} week"),
        ("“百姓学习之星”推荐表", "Recommendation form for Learning Stars"),
        ("“终身学习品牌项目”推荐表", "Recommendation form for brand projects"),
    )


def schedule_rows(
    rng: random.Random, regions: tuple[RegionInfo, ...], year: int
) -> list[tuple[Pair, str]]:
    """A few provinces' week dates, for an annex table: (province, "5月12日—5月18日")."""
    rows = []
    for region in sorted(
        rng.sample(regions, min(len(regions), rng.randint(4, 8))), key=lambda item: item.id
    ):
        start = day_in_year(rng, year)
        end = start + dt.timedelta(days=6)
        rows.append(((region.name_zh, region.name_en), f"{start:%Y-%m-%d} – {end:%Y-%m-%d}"))
    return rows


# --- Learning Stars and brand projects ------------------------------------------------


def star_story(
    rng: random.Random, name: Pair, category: str, where: Place
) -> tuple[Pair, list[Pair]]:
    role = rng.choice(STAR_ROLES.get(category, STAR_ROLES["community"]))
    years, learners = rng.randint(3, 30), rng.randint(10, 3000)
    theme = rng.choice(THEMES)
    subject, possessive = rng.choice((("she", "her"), ("he", "his")))
    paragraphs = [
        (
            f"{where.city[0]}{role[0]}{name[0]}坚持学习{years}年，在{theme[0]}方面成为远近闻名的学习带头人。",
            f"{name[1]}, a {role[1]} in {where.city[1]}, has kept learning for {years} years and is known far and wide "
            f"for leading others in {theme[1]}.",
        ),
        (
            f"{name[0]}把学到的知识和技能分享给身边的人，先后带动{learners}人参加学习。",
            f"{name[1]} shares what {subject} has learned with the people around, and has brought "
            f"{learners} people into learning.",
        ),
    ]
    if rng.random() < 0.5:
        paragraphs.append(
            (
                f"在{where.province[0]}全民终身学习活动周上，{name[0]}走进社区和学校，讲述自己的学习故事。",
                f"During the {where.province[1]} Lifelong Learning Week, {name[1]} visited neighbourhoods and schools "
                f"to tell the story of {possessive} learning.",
            )
        )
    return rng.choice(QUOTES), paragraphs


def project_story(
    rng: random.Random, name: Pair, where: Place, organiser: Pair
) -> tuple[Pair, list[Pair]]:
    started, sessions, learners = rng.randint(2, 15), rng.randint(20, 800), rng.randint(500, 90000)
    paragraphs = [
        (
            f"“{name[0]}”由{organiser[0]}实施，已连续开展{started}年，每年组织学习活动{sessions}场。",
            f"The {name[1]} is run by the {organiser[1]} and has been going for {started} years, with {sessions} "
            f"learning sessions a year.",
        ),
        (
            f"项目面向{where.city[0]}市民，累计服务学习者{learners}人次，形成了可复制、可推广的经验。",
            f"It is open to the residents of {where.city[1]} and has served {learners:,} learners so far; others can "
            f"copy what it does.",
        ),
    ]
    quote = rng.choice(
        (
            ("让学习就在家门口。", "Learning on your doorstep."),
            ("人人皆学、处处能学、时时可学。", "Everyone can learn, anywhere, at any time."),
            ("小项目，大课堂。", "A small project, a big classroom."),
        )
    )
    return quote, paragraphs
