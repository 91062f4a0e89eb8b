"""The judged queries of the relevance benchmark.

Each judgement names the pages of the demo content (``manage.py load_demo``)
that answer the query, best first: the first is the ideal top result, the
others are also relevant. Nothing else is relevant, the distractor releases
(bench/relevance/distractors.py) included; they never name what these
queries look for.

Pages are named by a stable key, never by primary key:

- ``"news/2024-opening-ceremony-shenyang"``: the page's path below the home
  page of the query's language;
- ``"title:四川省举办社区教育成果展"``: the exact title, for pages whose slug
  is generated (the imported archive articles).

The relevance is judged from the content, as a reader would judge it, and is
not adjusted to what the search returns. This is the national week's site:
a year query ("2024 开幕式", "2023年活动周") asks for the national event of that
year, not for a province's week of the same year.
"""

from __future__ import annotations

from dataclasses import dataclass

ZH = "zh-hans"
EN = "en"

CATEGORIES = ("place", "topic", "year", "name", "document number", "typo", "multi-word")


@dataclass(frozen=True)
class Judgement:
    query: str
    language: str  # "zh-hans" or "en": the site the reader searches
    category: str
    expected: tuple[str, ...]  # page keys, the ideal top result first
    note: str = ""

    def __post_init__(self) -> None:
        if self.language not in (ZH, EN):
            raise ValueError(f"{self.query}: unknown language {self.language}")
        if self.category not in CATEGORIES:
            raise ValueError(f"{self.query}: unknown category {self.category}")
        if not self.expected:
            raise ValueError(f"{self.query}: no expected page")


# Page sets shared by several queries.
SHENYANG = (
    "news/2024-opening-ceremony-shenyang",
    "weeks/2024",
    "weeks/2024/photos",
    "news/2024-liaoning-activities",
    "weeks/2024/brand-projects/silver-digital-classroom",
    "weeks/2024/learning-stars/li-jianguo",
)
CHONGQING = (
    "news/2023-national-opening-chongqing",
    "news/2014-national-opening-chongqing",
    "weeks/2023",
    "weeks/2014",
    "weeks/2023/photos",
)
OPENING_2024 = ("news/2024-opening-ceremony-shenyang", "weeks/2024/photos", "weeks/2024")
NOTICE = ("notices/2024-week-five-departments-notice",)
LEARNING_STARS = (
    "weeks/2024/learning-stars",
    "weeks/2017/learning-stars",
    "news/2023-shaanxi-learning-stars",
)
# Broad: every page names the 全民终身学习活动周. The pages whose subject is
# lifelong learning itself, beyond the week's name: the brand-project
# listings and the first week, which set out to spread the idea.
LIFELONG_LEARNING = (
    "weeks/2024/brand-projects",
    "weeks/2017/brand-projects",
    "weeks/2005",
    "news/2005-first-week-launched",
)
SENIOR_EDUCATION = (
    "news/2016-shandong-senior-learning",
    "news/2018-national-opening-ningbo",
    "weeks/2018",
    "news/2013-sichuan-learning-activities",
    "news/2021-henan-week-opens",
)

JUDGEMENTS: list[Judgement] = [
    # --- Places ---------------------------------------------------------------
    Judgement("沈阳", ZH, "place", SHENYANG),
    Judgement(
        "沈阳市",
        ZH,
        "place",
        SHENYANG,
        "a word longer than the indexed one: found through its parts",
    ),
    Judgement("重庆", ZH, "place", CHONGQING),
    Judgement(
        "上海",
        ZH,
        "place",
        ("news/2020-national-opening-shanghai", "news/2009-shanghai-learning-week", "weeks/2020"),
    ),
    Judgement(
        "武汉",
        ZH,
        "place",
        ("news/2011-national-opening-wuhan", "news/2007-wuhan-week-reaches-villages", "weeks/2011"),
    ),
    Judgement(
        "大连",
        ZH,
        "place",
        (
            "news/2017-dalian-week-opens",
            "weeks/2017",
            "weeks/2017/photos",
            "weeks/2017/learning-stars/wu-guifang",
            "weeks/2017/brand-projects/jinpu-family-education",
        ),
    ),
    Judgement("杭州", ZH, "place", ("title:浙江省2009年全民终身学习活动周在杭州开幕",)),
    Judgement("新疆生产建设兵团", ZH, "place", ("news/2022-xpcc-learning-week",)),
    Judgement("Shenyang", EN, "place", SHENYANG),
    Judgement("Chongqing", EN, "place", CHONGQING),
    Judgement("Shanghai", EN, "place", ("news/2020-national-opening-shanghai", "weeks/2020")),
    Judgement(
        "Dalian",
        EN,
        "place",
        (
            "news/2017-dalian-week-opens",
            "news/dalian-stages-lifelong-learning-for-all-week",
            "weeks/2017",
            "weeks/2017/photos",
            "weeks/2017/learning-stars/wu-guifang",
            "weeks/2017/brand-projects/jinpu-family-education",
        ),
    ),
    Judgement("Ningbo", EN, "place", ("weeks/2018", "weeks/2018/photos")),
    # --- Topics ---------------------------------------------------------------
    Judgement("终身学习", ZH, "topic", LIFELONG_LEARNING, "broad"),
    Judgement("百姓学习之星", ZH, "topic", LEARNING_STARS),
    Judgement("学习之星", ZH, "topic", LEARNING_STARS, "part of a longer indexed name"),
    Judgement(
        "终身学习品牌项目", ZH, "topic", ("weeks/2024/brand-projects", "weeks/2017/brand-projects")
    ),
    Judgement(
        "社区教育",
        ZH,
        "topic",
        (
            "title:四川省举办社区教育成果展",
            "weeks/2017/brand-projects/bohai-community-education",
            "news/2013-sichuan-learning-activities",
            "news/2018-national-opening-ningbo",
            "weeks/2018",
            "news/2021-henan-week-opens",
            "weeks/2017",
            "news/2017-dalian-week-opens",
            "news/2006-weeks-across-cities",
            "news/2007-wuhan-week-reaches-villages",
        ),
    ),
    Judgement("老年教育", ZH, "topic", SENIOR_EDUCATION),
    Judgement(
        "学习型城市",
        ZH,
        "topic",
        (
            "news/2011-national-opening-wuhan",
            "weeks/2011",
            "news/2012-jiangsu-week-opens",
            "weeks/2015",
            "news/2015-national-opening-suzhou",
        ),
    ),
    Judgement(
        "数字学习",
        ZH,
        "topic",
        (
            "news/2024-hunan-digital-learning",
            "news/2019-guangdong-online-resources",
            "weeks/2024/brand-projects/silver-digital-classroom",
            "weeks/2024/learning-stars/wang-xiulan",
            "notices/2024-week-five-departments-notice",
            "news/2024-opening-ceremony-shenyang",
        ),
    ),
    Judgement(
        "lifelong learning",
        EN,
        "topic",
        LIFELONG_LEARNING[:3],
        "broad; the 2005 release has no English version",
    ),
    Judgement(
        "learning star", EN, "topic", ("weeks/2024/learning-stars", "weeks/2017/learning-stars")
    ),
    Judgement(
        "community education",
        EN,
        "topic",
        (
            "weeks/2017/brand-projects/bohai-community-education",
            "news/2021-henan-week-opens",
            "weeks/2018",
            "weeks/2017",
            "news/2017-dalian-week-opens",
        ),
    ),
    Judgement(
        "brand projects", EN, "topic", ("weeks/2024/brand-projects", "weeks/2017/brand-projects")
    ),
    # --- Years ----------------------------------------------------------------
    Judgement("2024 开幕式", ZH, "year", OPENING_2024),
    Judgement(
        "2019年 活动周",
        ZH,
        "year",
        ("news/2019-fujian-week-launched", "news/2019-guangdong-online-resources"),
    ),
    Judgement("2014年开幕式", ZH, "year", ("news/2014-national-opening-chongqing", "weeks/2014")),
    Judgement(
        "2023年活动周",
        ZH,
        "year",
        ("weeks/2023", "news/2023-national-opening-chongqing", "weeks/2023/photos"),
    ),
    Judgement(
        "首届活动周",
        ZH,
        "year",
        ("news/2005-first-week-launched", "weeks/2005"),
        "the first week, 2005",
    ),
    Judgement("2024 opening ceremony", EN, "year", OPENING_2024),
    Judgement("2020 week", EN, "year", ("weeks/2020", "news/2020-national-opening-shanghai")),
    # --- Names: people, organisations, projects -----------------------------
    Judgement("王秀兰", ZH, "name", ("weeks/2024/learning-stars/wang-xiulan",)),
    Judgement("李建国", ZH, "name", ("weeks/2024/learning-stars/li-jianguo",)),
    Judgement("吴岩", ZH, "name", ("news/2024-opening-ceremony-shenyang",)),
    Judgement(
        "银龄数字课堂",
        ZH,
        "name",
        (
            "weeks/2024/brand-projects/silver-digital-classroom",
            "weeks/2024/learning-stars/wang-xiulan",
        ),
    ),
    Judgement(
        "农民夜校",
        ZH,
        "name",
        ("weeks/2024/brand-projects/farmers-night-school", "weeks/2024/learning-stars/zhang-hui"),
    ),
    Judgement(
        "中国成人教育协会",
        ZH,
        "name",
        ("news/2005-first-week-launched", "weeks/2005", "news/2006-weeks-across-cities"),
    ),
    Judgement("复旦大学", ZH, "name", ("news/2020-national-opening-shanghai", "weeks/2020")),
    Judgement(
        "全民终身学习沈阳倡议", ZH, "name", ("news/2024-opening-ceremony-shenyang", "weeks/2024")
    ),
    Judgement("Wang Xiulan", EN, "name", ("weeks/2024/learning-stars/wang-xiulan",)),
    Judgement("Wu Yan", EN, "name", ("news/2024-opening-ceremony-shenyang",)),
    Judgement(
        "Fudan University", EN, "name", ("news/2020-national-opening-shanghai", "weeks/2020")
    ),
    Judgement("Shu embroidery", EN, "name", ("weeks/2024/learning-stars/zhao-lei",)),
    # --- Document numbers (文号) ------------------------------------------------
    Judgement("教职成厅函〔2024〕7号", ZH, "document number", NOTICE, "the official form"),
    Judgement("教职成厅函[2024]7号", ZH, "document number", NOTICE, "ASCII brackets"),
    Judgement("教职成厅函［2024］7号", ZH, "document number", NOTICE, "full-width square brackets"),
    Judgement("教职成厅函2024 7号", ZH, "document number", NOTICE, "no brackets, a space"),
    Judgement("教职成厅函20247号", ZH, "document number", NOTICE, "no brackets, no space"),
    Judgement("教职成厅函【2024】7号", EN, "document number", NOTICE, "on the English site"),
    # --- Typos ------------------------------------------------------------------
    Judgement("沈杨", ZH, "typo", SHENYANG, "沈阳 with 杨 for 阳"),
    Judgement("终生学习", ZH, "typo", LIFELONG_LEARNING, "终身学习 with 生 for 身"),
    Judgement(
        "苏洲",
        ZH,
        "typo",
        ("news/2015-national-opening-suzhou", "weeks/2015"),
        "苏州 with 洲 for 州",
    ),
    Judgement("百姓学习之心", ZH, "typo", LEARNING_STARS, "百姓学习之星 with 心 for 星"),
    Judgement("Shenyng", EN, "typo", SHENYANG),
    Judgement("Chongqng", EN, "typo", CHONGQING),
    Judgement(
        "ceremoney",
        EN,
        "typo",
        (
            "weeks/2024/photos",
            "weeks/2023/photos",
            "weeks/2018/photos",
            "weeks/2017/photos",
            "news/2024-opening-ceremony-shenyang",
            "news/2023-national-opening-chongqing",
            "news/2014-national-opening-chongqing",
            "news/2020-national-opening-shanghai",
            "news/2011-national-opening-wuhan",
            "news/2017-dalian-week-opens",
            "news/dalian-stages-lifelong-learning-for-all-week",
        ),
    ),
    Judgement(
        "Fudan Univercity",
        EN,
        "typo",
        ("news/2020-national-opening-shanghai", "weeks/2020"),
        "one word right, one misspelt",
    ),
    # --- Several words --------------------------------------------------------
    Judgement("沈阳 开幕式", ZH, "multi-word", OPENING_2024),
    Judgement(
        "重庆 2014", ZH, "multi-word", ("news/2014-national-opening-chongqing", "weeks/2014")
    ),
    Judgement(
        "宁波 开幕式",
        ZH,
        "multi-word",
        ("news/2018-national-opening-ningbo", "weeks/2018", "weeks/2018/photos"),
    ),
    Judgement("社区教育 成果展", ZH, "multi-word", ("title:四川省举办社区教育成果展",)),
    Judgement(
        "老年大学 智能手机",
        ZH,
        "multi-word",
        (
            "weeks/2024/learning-stars/wang-xiulan",
            "news/2024-hunan-digital-learning",
            "weeks/2024/brand-projects/silver-digital-classroom",
        ),
    ),
    Judgement(
        "Chongqing opening ceremony 2023",
        EN,
        "multi-word",
        ("news/2023-national-opening-chongqing", "weeks/2023/photos", "weeks/2023"),
    ),
    Judgement(
        "digital classroom older people",
        EN,
        "multi-word",
        (
            "weeks/2024/brand-projects/silver-digital-classroom",
            "weeks/2024/learning-stars/wang-xiulan",
        ),
    ),
    Judgement(
        "learning stars Liaoning",
        EN,
        "multi-word",
        (
            "news/2024-liaoning-activities",
            "weeks/2024/learning-stars",
            "weeks/2024/learning-stars/li-jianguo",
        ),
    ),
]
