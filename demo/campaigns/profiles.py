"""Demo Learning Stars (百姓学习之星) and brand projects (终身学习品牌项目)
for 2024 and 2017. The people and projects are invented for the demo, in
the shape of the real national lists; the index pages say so."""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.models import Locale

from campaigns.models import (
    BrandProjectIndexPage,
    BrandProjectPage,
    CampaignWeekPage,
    LearningStarIndexPage,
    LearningStarPage,
    ProjectCategory,
    StarCategory,
)
from campaigns.models.profiles import ProfileIndexPage, ProfilePage
from demo.campaigns.images import demo_collection, ensure_image, portrait_picture
from demo.report import DemoReport
from demo.tools import Strings, find_or_add_child, paragraph, publish, region, translate
from lifelong_site.blocks.stream_data import raw_stream

Pair = tuple[str, str]
DEMO_NOTE: Pair = (
    "本栏目中的人物和项目为演示数据。",
    "The people and projects on this page are demo data.",
)


@dataclass(frozen=True)
class Profile:
    slug: str
    name: Pair
    region: str
    category: str
    quote: Pair
    story: tuple[Pair, ...]
    organiser: Pair = ("", "")
    website: str = ""


STARS: dict[int, tuple[Profile, ...]] = {
    2024: (
        Profile(
            "wang-xiulan",
            ("王秀兰", "Wang Xiulan"),
            "liaoning",
            StarCategory.SENIOR,
            (
                "七十岁学会用手机上网课，现在我教邻居们学。",
                "I learned online classes on my phone at seventy; now I teach my neighbours.",
            ),
            (
                (
                    "退休教师王秀兰在社区老年学校学习智能手机使用，随后组建了“银龄数字课堂”志愿队。",
                    "Retired teacher Wang Xiulan learned to use a smartphone at her community's senior school, then founded "
                    "a volunteer team that runs a digital classroom for older residents.",
                ),
            ),
        ),
        Profile(
            "li-jianguo",
            ("李建国", "Li Jianguo"),
            "liaoning",
            StarCategory.WORKER,
            (
                "车间就是课堂，每个岗位都能出工匠。",
                "The workshop is a classroom; every post can produce a craftsman.",
            ),
            (
                (
                    "李建国是沈阳一家装备制造企业的高级技师，二十年坚持夜校学习，带出徒弟四十多名。",
                    "Li Jianguo, a senior technician at a Shenyang equipment maker, has studied at night school for twenty "
                    "years and trained more than forty apprentices.",
                ),
            ),
        ),
        Profile(
            "zhang-hui",
            ("张慧", "Zhang Hui"),
            "jiangsu",
            StarCategory.RURAL,
            (
                "学了电商，村里的大米卖到了全国。",
                "With e-commerce skills, our village's rice now sells nationwide.",
            ),
            (
                (
                    "张慧返乡后参加农民夜校电商培训，带动全村三十余户开设网店。",
                    "Back in her village, Zhang Hui took an e-commerce course at the farmers' night school and helped more "
                    "than thirty households open online shops.",
                ),
            ),
        ),
        Profile(
            "chen-ming",
            ("陈明", "Chen Ming"),
            "zhejiang",
            StarCategory.DISABILITY,
            ("看不见屏幕，但看得见未来。", "I cannot see the screen, but I can see the future."),
            (
                (
                    "视障人士陈明通过读屏软件自学编程，如今为社区开设无障碍上网课程。",
                    "Chen Ming, who is visually impaired, taught himself programming with a screen reader and now runs "
                    "accessible internet classes in his community.",
                ),
            ),
        ),
        Profile(
            "liu-fang",
            ("刘芳", "Liu Fang"),
            "hunan",
            StarCategory.COMMUNITY,
            ("读书会让一栋楼变成了一个家。", "A reading club turned a building into a family."),
            (
                (
                    "刘芳在小区发起读书会，七年间举办活动三百余场。",
                    "Liu Fang started a reading club in her housing estate and has held more than three hundred meetings "
                    "in seven years.",
                ),
            ),
        ),
        Profile(
            "zhao-lei",
            ("赵磊", "Zhao Lei"),
            "sichuan",
            StarCategory.YOUTH,
            ("把非遗蜀绣讲给年轻人听。", "Telling young people the story of Shu embroidery."),
            (
                (
                    "青年手艺人赵磊在社区学院开设蜀绣课程，线上课程学员逾万人。",
                    "Young craftsman Zhao Lei teaches Shu embroidery at a community college; his online course has more "
                    "than ten thousand learners.",
                ),
            ),
        ),
        Profile(
            "sun-yumei",
            ("孙玉梅", "Sun Yumei"),
            "guizhou",
            StarCategory.VOLUNTEER,
            (
                "山里的孩子和老人，都是我的学生。",
                "The children and the elderly in the mountains are all my students.",
            ),
            (
                (
                    "乡村教师孙玉梅利用周末为留守老人开设识字班。",
                    "Village teacher Sun Yumei spends her weekends running literacy classes for older people left behind "
                    "in the village.",
                ),
            ),
        ),
        Profile(
            "huang-dawei",
            ("黄大伟", "Huang Dawei"),
            "guangdong",
            StarCategory.WORKER,
            ("四十岁拿到大专文凭，不算晚。", "A diploma at forty is not too late."),
            (
                (
                    "快递员黄大伟通过开放大学完成学历教育，并在站点组织同事学习。",
                    "Courier Huang Dawei completed a diploma at the open university and organises study sessions for his "
                    "colleagues at the depot.",
                ),
            ),
        ),
    ),
    2017: (
        Profile(
            "wu-guifang",
            ("吴桂芳", "Wu Guifang"),
            "liaoning",
            StarCategory.SENIOR,
            ("学书法十年，越学越年轻。", "Ten years of calligraphy, and I grow younger."),
            (
                (
                    "大连市民吴桂芳在社区教育学院学习书法，作品入选活动周成果展。",
                    "Dalian resident Wu Guifang studies calligraphy at a community-education college; her work was shown "
                    "at the week's exhibition.",
                ),
            ),
        ),
    ),
}

PROJECTS: dict[int, tuple[Profile, ...]] = {
    2024: (
        Profile(
            "silver-digital-classroom",
            ("银龄数字课堂", "Silver-age digital classroom"),
            "liaoning",
            ProjectCategory.DIGITAL,
            ("让老年人跨越数字鸿沟。", "Helping older people across the digital divide."),
            (
                (
                    "项目在沈阳各社区开设智能手机、移动支付和防诈骗课程。",
                    "The project runs smartphone, mobile-payment and anti-fraud classes in Shenyang's communities.",
                ),
            ),
            organiser=("沈阳市社区教育学院", "Shenyang Community Education College"),
            website="https://www.example.org/silver",
        ),
        Profile(
            "farmers-night-school",
            ("农民夜校", "Farmers' night school"),
            "jiangsu",
            ProjectCategory.RURAL,
            ("白天下田，晚上上课。", "Fields by day, classes by night."),
            (
                (
                    "面向农民开设种植技术、电商和法律知识课程。",
                    "Courses on farming techniques, e-commerce and the law for farmers.",
                ),
            ),
            organiser=(
                "江苏省某县农业广播电视学校",
                "A county agricultural broadcasting school, Jiangsu",
            ),
        ),
        Profile(
            "community-reading-relay",
            ("社区阅读接力", "Community reading relay"),
            "hunan",
            ProjectCategory.READING,
            ("一本书在一百个家庭间传递。", "One book passes through a hundred homes."),
            (
                (
                    "居民以接力方式共读图书并分享心得。",
                    "Residents read books in turn and share what they learned.",
                ),
            ),
            organiser=("长沙市某街道社区学校", "A neighbourhood community school, Changsha"),
        ),
        Profile(
            "workplace-craftsman-academy",
            ("工匠学堂", "Craftsman academy"),
            "guangdong",
            ProjectCategory.WORKPLACE,
            ("让每位职工都有成长通道。", "A path of growth for every worker."),
            (
                (
                    "企业与工会合作开设技能提升课程。",
                    "Employers and trade unions run skills courses together.",
                ),
            ),
            organiser=("广州市总工会", "Guangzhou Federation of Trade Unions"),
        ),
    ),
    2017: (
        Profile(
            "bohai-community-education",
            ("环渤海社区教育合作", "Circum-Bohai community education cooperation"),
            "liaoning",
            ProjectCategory.COMMUNITY,
            ("城市之间，共享课程。", "Cities sharing their courses."),
            (
                (
                    "环渤海地区社区教育合作组织每年举办研讨会，交流社区教育经验。",
                    "The Circum-Bohai community-education cooperation organisation holds a seminar every year to share "
                    "experience.",
                ),
            ),
            organiser=(
                "环渤海地区社区教育合作组织",
                "Circum-Bohai Community Education Cooperation Organisation",
            ),
        ),
        Profile(
            "jinpu-family-education",
            ("金普家庭教育讲堂", "Jinpu family education lectures"),
            "liaoning",
            ProjectCategory.FAMILY,
            ("好家风从学习开始。", "Good family values begin with learning."),
            (
                (
                    "讲堂面向家长开设家庭教育和家风建设课程。",
                    "The lectures offer parents courses on family education and family values.",
                ),
            ),
            organiser=("大连金普新区社会事业局", "Social Affairs Bureau of Jinpu New Area, Dalian"),
        ),
    ),
}


def _ensure_index(
    week: CampaignWeekPage,
    english: Locale,
    model: type[ProfileIndexPage],
    slug: str,
    title: Pair,
    intro: Pair,
    report: DemoReport,
) -> ProfileIndexPage:
    s = Strings()
    index, created = find_or_add_child(
        week,
        model,
        slug,
        {
            "title": s(*title),
            "intro": s(f"{intro[0]}{DEMO_NOTE[0]}", f"{intro[1]} {DEMO_NOTE[1]}"),
        },
    )
    publish(index)
    report.record(f"{title[0]} {week.year} (zh-hans)", created)
    translate(index, english, s, report, f"{title[1]} {week.year} (en)")
    return index


def _ensure_profile(
    index: ProfileIndexPage,
    english: Locale,
    model: type[ProfilePage],
    profile: Profile,
    year: int,
    report: DemoReport,
) -> None:
    s = Strings()
    photo, _created = ensure_image(
        f"{year} {profile.name[0]}", portrait_picture(profile.slug), demo_collection(), "演示图片"
    )
    fields = {
        "title": s(*profile.name),
        "photo": photo,
        "region": region(profile.region),
        "category": str(profile.category),
        "quote": s(*profile.quote),
        "story": raw_stream(
            f"profile-{year}-{profile.slug}", [paragraph(s(zh, en)) for zh, en in profile.story]
        ),
    }
    if model is BrandProjectPage:
        fields["organiser"] = s(*profile.organiser)
        fields["website"] = profile.website
    page, created = find_or_add_child(index, model, profile.slug, fields)
    publish(page)
    report.record(f"{profile.name[0]} (zh-hans)", created)
    translate(page, english, s, report, f"{profile.name[1]} (en)")


def ensure_profiles(week: CampaignWeekPage, english: Locale, report: DemoReport) -> None:
    stars, projects = STARS.get(week.year, ()), PROJECTS.get(week.year, ())
    if stars:
        index = _ensure_index(
            week,
            english,
            LearningStarIndexPage,
            "learning-stars",
            ("百姓学习之星", "Learning Stars"),
            (
                f"{week.year}年全民终身学习活动周推介的百姓学习之星。",
                f"Learning Stars presented during the {week.year} week.",
            ),
            report,
        )
        for profile in stars:
            _ensure_profile(index, english, LearningStarPage, profile, week.year, report)
    if projects:
        index = _ensure_index(
            week,
            english,
            BrandProjectIndexPage,
            "brand-projects",
            ("终身学习品牌项目", "Lifelong learning brand projects"),
            (
                f"{week.year}年全民终身学习活动周推介的终身学习品牌项目。",
                f"Brand projects presented during the {week.year} week.",
            ),
            report,
        )
        for profile in projects:
            _ensure_profile(index, english, BrandProjectPage, profile, week.year, report)
