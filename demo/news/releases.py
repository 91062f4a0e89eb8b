"""Press releases of the news demo, 2005 to 2024: the 2024 opening ceremony
in Shenyang in full, and shorter releases (their details are illustrative),
some translated, one corrected and one withdrawn."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from wagtail.models import Locale, Page

from campaigns.models import CampaignWeekPage
from demo.report import DemoReport
from demo.tools import (
    Strings,
    aware,
    find_or_add_child,
    heading,
    numbered_list,
    organisation,
    paragraph,
    publish,
    quote,
    region,
    sync_children,
    translate,
)
from lifelong_site.blocks.stream_data import Block, raw_stream
from news.models import NoticePage, PressReleasePage

Pair = tuple[str, str]

SHENYANG_SLUG = "2024-opening-ceremony-shenyang"


def zh_only(text: str) -> Pair:
    """A Chinese text of a release that stays untranslated in the demo."""
    return (text, "")


@dataclass(frozen=True)
class Release:
    slug: str
    published: dt.datetime
    title: Pair
    paragraphs: tuple[Pair, ...]
    region: str | None = None
    department: str | None = None
    week: int | None = None
    tags: tuple[str, ...] = ()
    source: Pair = ("", "")
    approximate: bool = False
    translated: bool = False
    correction: tuple[dt.date, Pair] | None = None
    withdrawal: tuple[dt.datetime, Pair] | None = None


MOE_SITE: Pair = ("教育部网站", "Ministry of Education website")

# Generic demo releases. The national openings (2011–2023) follow public
# reports; the provincial items are illustrative.
RELEASES: list[Release] = [
    Release(
        "2005-first-week-launched",
        aware(2005, 10, 15),
        zh_only("首届全民终身学习活动周启动"),
        (
            zh_only(
                "由教育部职业教育与成人教育司、中国联合国教科文组织全国委员会秘书处和中国成人教育协会共同发起的"
                "首届全民终身学习活动周启动，首批约10个城市参加。"
            ),
            zh_only(
                "各参与城市围绕“全民学习、终身学习”开展讲座、读书和社区课堂等活动，向市民宣传终身学习理念。"
            ),
        ),
        department="moe-vocational-adult",
        week=2005,
        tags=("首届",),
        source=zh_only("中国成人教育协会"),
        approximate=True,
    ),
    Release(
        "2006-weeks-across-cities",
        aware(2006, 11, 10),
        zh_only("2006年全民终身学习活动周在多地举办"),
        (
            zh_only(
                "2006年全民终身学习活动周期间，参与城市在社区、企业和学校组织学习展示、专题讲座和读书交流等活动。"
            ),
            zh_only("多地把活动周与社区教育实验区建设结合起来，推动学习活动向街道和社区延伸。"),
        ),
        tags=("社区教育",),
        source=zh_only("中国成人教育协会"),
        approximate=True,
    ),
    Release(
        "2007-wuhan-week-reaches-villages",
        aware(2007, 10, 28),
        zh_only("武汉市全民终身学习活动周向农村延伸"),
        (
            zh_only(
                "武汉市2007年全民终身学习活动周启动仪式在新洲区举行，活动周首次把主会场放在远城区，"
                "学习活动由城市向农村延伸。"
            ),
            zh_only("启动仪式上，新洲区被授予全国社区教育实验区称号。"),
        ),
        region="hubei",
        tags=("社区教育", "乡村"),
        source=zh_only("武汉市教育局"),
    ),
    Release(
        "2008-beijing-week-opens",
        aware(2008, 10, 20),
        zh_only("北京市全民终身学习活动周开幕"),
        (
            zh_only(
                "北京市全民终身学习活动周开幕，各区结合社区教育开展读书沙龙、技能培训和文化展演等活动。"
            ),
            zh_only("活动周期间，图书馆、博物馆和社区学校面向市民开放，提供讲座和体验课程。"),
        ),
        region="beijing",
        tags=("社区教育",),
        source=zh_only("北京市教育委员会"),
        approximate=True,
    ),
    Release(
        "2009-shanghai-learning-week",
        aware(2009, 11, 5),
        zh_only("上海市举办2009年全民终身学习活动周"),
        (
            zh_only(
                "上海市2009年全民终身学习活动周期间，各区县社区学院和老年大学集中举办开放课程和学习成果展示。"
            ),
            zh_only("市民可就近参加书法、摄影、健康和信息技术等方面的体验课程。"),
        ),
        region="shanghai",
        tags=("老年教育",),
        source=zh_only("上海市教育委员会"),
        approximate=True,
    ),
    Release(
        "2010-zhejiang-open-classrooms",
        aware(2010, 10, 18),
        zh_only("浙江省全民终身学习活动周启动 社区学院开放课堂"),
        (
            zh_only("浙江省全民终身学习活动周启动，全省社区学院在活动周期间向居民开放课堂。"),
            zh_only("各地还组织学习型家庭、学习型社区评选展示，交流推进学习型社会建设的做法。"),
        ),
        region="zhejiang",
        tags=("社区教育",),
        source=zh_only("浙江省教育厅"),
    ),
    Release(
        "2011-national-opening-wuhan",
        aware(2011, 10, 22, 18, 0),
        (
            "2011年全民终身学习活动周全国总开幕式在武汉举行",
            "National opening of the 2011 Lifelong Learning Week held in Wuhan",
        ),
        (
            (
                "10月22日，2011年全民终身学习活动周全国总开幕式在湖北省武汉市举行，来自23个省（区、市）的400多名代表参加。",
                "The national opening ceremony of the 2011 Lifelong Learning Week was held in Wuhan, Hubei Province, on "
                "22 October, attended by more than 400 delegates from 23 provinces, autonomous regions and "
                "municipalities.",
            ),
            (
                "今年活动周以“人人终身学习，创建学习型城市”为主题，全国215个县（市、区）开展相关活动；"
                "开幕式后还举办了学习型城市建设论坛。",
                "This year's theme is “Lifelong learning for everyone, building learning cities”; 215 counties, cities "
                "and districts are holding activities, and a forum on building learning cities followed the ceremony.",
            ),
        ),
        region="hubei",
        department="moe",
        week=2011,
        tags=("开幕式",),
        source=MOE_SITE,
        translated=True,
    ),
    Release(
        "2012-jiangsu-week-opens",
        aware(2012, 10, 25),
        zh_only("江苏省2012年全民终身学习活动周开幕"),
        (
            zh_only("江苏省2012年全民终身学习活动周开幕，各市围绕学习型城市建设开展系列活动。"),
            zh_only("活动周期间，开放大学和社区教育机构推出面向职工、老年人和新市民的培训课程。"),
        ),
        region="jiangsu",
        tags=("开幕式",),
        source=zh_only("江苏省教育厅"),
        approximate=True,
    ),
    Release(
        "2013-sichuan-learning-activities",
        aware(2013, 11, 8),
        zh_only("四川省开展全民终身学习活动周系列活动"),
        (
            zh_only("四川省在全民终身学习活动周期间组织社区教育、老年教育和职工培训等系列活动。"),
            zh_only("各地结合地方文化开展非遗技艺展示和读书分享，吸引不同年龄的居民参与。"),
        ),
        region="sichuan",
        tags=("非遗",),
        source=zh_only("四川省教育厅"),
        approximate=True,
    ),
    Release(
        "2014-national-opening-chongqing",
        aware(2014, 11, 4, 17, 0),
        (
            "2014年全民终身学习活动周全国总开幕式在重庆举行",
            "National opening of the 2014 Lifelong Learning Week held in Chongqing",
        ),
        (
            (
                "11月4日，以“全民终身学习，创造出彩人生”为主题的2014年全民终身学习活动周全国总开幕式在重庆市渝中区举行。",
                "The national opening ceremony of the 2014 Lifelong Learning Week, themed “Lifelong learning for all, for "
                "a life that shines”, took place in Yuzhong District, Chongqing, on 4 November.",
            ),
            (
                "今年是活动周举办的第十年，参与城市已从首届的10个增加到900多个。",
                "This is the week's tenth year; the number of participating cities has grown from 10 at the first week "
                "to more than 900.",
            ),
        ),
        region="chongqing",
        department="moe",
        week=2014,
        tags=("开幕式",),
        source=MOE_SITE,
        translated=True,
    ),
    Release(
        "2015-national-opening-suzhou",
        aware(2015, 10, 29, 17, 0),
        zh_only("2015年全民终身学习活动周全国总开幕式在苏州举行"),
        (
            zh_only(
                "10月29日，2015年全民终身学习活动周全国总开幕式在江苏省苏州市举行，主题为“发展全民终身学习，推动法治社会建设”。"
            ),
            zh_only(
                "来自有关部委、各省级教育行政部门、学习型城市建设联盟成员城市和院校的近400名代表参加。"
            ),
        ),
        region="jiangsu",
        department="moe",
        week=2015,
        tags=("开幕式",),
        source=zh_only("教育部网站"),
    ),
    Release(
        "2016-shandong-senior-learning",
        aware(2016, 10, 20),
        zh_only("山东省全民终身学习活动周聚焦老年教育"),
        (
            zh_only(
                "山东省全民终身学习活动周把老年教育作为重点，各地老年大学和社区学校开设体验课程。"
            ),
            zh_only("活动周期间还举办了老年学员作品展和学习经验交流会。"),
        ),
        region="shandong",
        tags=("老年教育",),
        source=zh_only("山东省教育厅"),
        approximate=True,
    ),
    Release(
        "2017-dalian-week-opens",
        aware(2017, 10, 27),
        ("大连市2017年全民终身学习活动周开幕", "Dalian opens its 2017 Lifelong Learning Week"),
        (
            (
                "大连市2017年全民终身学习活动周开幕式在金普新区市民文化中心举行，辽宁省教育厅、大连市教育局等单位和各界代表500余人参加。",
                "Dalian opened its 2017 Lifelong Learning Week at the civic culture centre of Jinpu New Area, with more "
                "than 500 people from the Liaoning Provincial Department of Education, the Dalian Municipal Education "
                "Bureau and many other organisations and walks of life.",
            ),
            (
                "开幕式上为全国“百姓学习之星”和“终身学习品牌项目”颁奖；活动周期间，各区社区教育学院面向市民开设500多节课程。",
                "National Learning Stars and lifelong-learning brand projects received their awards at the ceremony; "
                "during the week the district community-education colleges are offering more than 500 classes to "
                "residents.",
            ),
        ),
        region="liaoning",
        department="dalian-education",
        week=2017,
        tags=("开幕式", "百姓学习之星"),
        source=("大连市教育局", "Dalian Municipal Education Bureau"),
        approximate=True,
        translated=True,
    ),
    Release(
        "2018-national-opening-ningbo",
        aware(2018, 10, 25, 17, 0),
        zh_only("2018年全民终身学习活动周全国总开幕式在宁波举行"),
        (
            zh_only(
                "10月25日，2018年全民终身学习活动周全国总开幕式在浙江省宁波市举行，主题为“服务国家重大战略，推动全民终身学习”。"
            ),
            zh_only(
                "开幕式启动了社区教育大讲堂100讲、社区教育和老年教育资源共享行动等项目，600余位代表参加。"
            ),
        ),
        region="zhejiang",
        department="moe-vocational-adult",
        week=2018,
        tags=("开幕式",),
        source=zh_only("教育部网站"),
    ),
    Release(
        "2019-fujian-week-launched",
        aware(2019, 5, 14),
        ("2019年全民终身学习活动周（福建）启动", "2019 Lifelong Learning Week launched in Fujian"),
        (
            (
                "2019年福建省全民终身学习活动周在福州启动，全省各设区市将在随后一周内陆续举办学习活动。",
                "Fujian Province launched its 2019 Lifelong Learning Week in Fuzhou; the cities of the province hold "
                "their own learning activities in the following days.",
            ),
            (
                "活动周期间，社区学校、图书馆和文化馆推出读书分享、非遗体验和数字技能课程。",
                "During the week, community schools, libraries and cultural centres are offering reading circles, "
                "intangible-heritage workshops and digital-skills courses.",
            ),
        ),
        region="fujian",
        tags=("启动仪式", "非遗"),
        source=("福建省教育厅", "Fujian Provincial Department of Education"),
        translated=True,
        correction=(
            dt.date(2019, 5, 16),
            (
                "更正：原稿误将启动仪式举办地写为厦门，现已更正为福州。",
                "Correction: the first version gave Xiamen as the venue of the launch; "
                "it was Fuzhou.",
            ),
        ),
    ),
    Release(
        "2019-guangdong-online-resources",
        aware(2019, 10, 21),
        zh_only("广东省举办全民终身学习活动周 推出线上学习资源"),
        (
            zh_only(
                "广东省全民终身学习活动周期间，省内开放大学和社区教育机构上线一批免费网络课程。"
            ),
            zh_only("课程涵盖职业技能、家庭教育和健康生活等内容，市民可通过手机随时学习。"),
        ),
        region="guangdong",
        tags=("数字学习",),
        source=zh_only("广东省教育厅"),
    ),
    Release(
        "2020-national-opening-shanghai",
        aware(2020, 11, 1, 17, 0),
        (
            "2020年全民终身学习活动周全国总开幕式在上海举行",
            "National opening of the 2020 Lifelong Learning Week held in Shanghai",
        ),
        (
            (
                "11月1日，2020年全民终身学习活动周全国总开幕式在复旦大学举行，活动周以线上线下相结合的方式同步开启。",
                "The national opening ceremony of the 2020 Lifelong Learning Week was held at Fudan University on "
                "1 November; the week opened online and on site at the same time.",
            ),
            (
                "今年活动周推荐认定了155位“百姓学习之星”和159个“终身学习品牌项目”。",
                "This year's week recognised 155 Learning Stars and 159 lifelong-learning brand projects.",
            ),
        ),
        region="shanghai",
        department="moe-vocational-adult",
        week=2020,
        tags=("开幕式", "数字学习"),
        source=MOE_SITE,
        translated=True,
    ),
    Release(
        "2021-henan-week-opens",
        aware(2021, 5, 28),
        ("2021年河南省全民终身学习活动周开幕", "Henan opens its 2021 Lifelong Learning Week"),
        (
            (
                "2021年河南省全民终身学习活动周开幕，全省将开展社区教育成果展示、老年教育体验和职工技能培训等活动。",
                "Henan's 2021 Lifelong Learning Week has opened; community-education exhibitions, taster classes for "
                "older learners and skills training for workers are planned across the province.",
            ),
            (
                "各地活动的具体时间和地点由当地教育部门另行公布。",
                "Local education authorities will announce the times and places of their activities.",
            ),
        ),
        region="henan",
        tags=("开幕式",),
        source=("河南省教育厅", "Henan Provincial Department of Education"),
        translated=True,
        withdrawal=(
            aware(2021, 6, 3, 10, 0),
            (
                "本稿件所载活动安排已调整，请以河南省教育厅此后发布的安排为准。",
                "The arrangements in this release have changed; please refer to "
                "those published later by the Henan Provincial Department of "
                "Education.",
            ),
        ),
    ),
    Release(
        "2021-yunnan-week-villages",
        aware(2021, 11, 12),
        zh_only("云南省全民终身学习活动周走进乡村"),
        (
            zh_only(
                "云南省全民终身学习活动周把学习活动送到乡村，组织农技培训、普通话推广和健康知识讲座。"
            ),
            zh_only("各地还通过直播方式把优质课程送到边远村寨。"),
        ),
        region="yunnan",
        tags=("乡村", "数字学习"),
        source=zh_only("云南省教育厅"),
    ),
    Release(
        "2022-anhui-week-launched",
        aware(2022, 9, 20),
        zh_only("2022年安徽省全民终身学习活动周启动"),
        (
            zh_only("2022年安徽省全民终身学习活动周启动，各地以线上为主、线下为辅开展学习活动。"),
            zh_only("活动周期间推出的线上社会大讲堂面向全省居民免费开放。"),
        ),
        region="anhui",
        tags=("启动仪式", "数字学习"),
        source=zh_only("安徽省教育厅"),
    ),
    Release(
        "2022-xpcc-learning-week",
        aware(2022, 10, 12),
        zh_only("新疆生产建设兵团举办全民终身学习活动周"),
        (
            zh_only(
                "新疆生产建设兵团全民终身学习活动周期间，各师市组织职工技能培训、读书分享和国家通用语言文字学习活动。"
            ),
            zh_only("团场社区学校面向职工群众开放，举办种植养殖技术和健康生活讲座。"),
        ),
        region="xpcc",
        tags=("职工教育",),
        source=zh_only("新疆生产建设兵团教育局"),
    ),
    Release(
        "2023-national-opening-chongqing",
        aware(2023, 11, 14, 17, 0),
        (
            "2023年全民终身学习活动周全国总开幕式在重庆举行",
            "National opening of the 2023 Lifelong Learning Week held in Chongqing",
        ),
        (
            (
                "11月14日，以“让学习成为一种生活方式”为主题的2023年全民终身学习活动周全国总开幕式在重庆举行。",
                "The national opening ceremony of the 2023 Lifelong Learning Week, themed “Make learning a lifestyle”, "
                "was held in Chongqing on 14 November.",
            ),
            (
                "今年活动周宣传推介177位“百姓学习之星”和174个“终身学习品牌项目”，各地活动自7月起陆续开展。",
                "This year's week presents 177 Learning Stars and 174 lifelong-learning brand projects; local "
                "activities have been under way since July.",
            ),
        ),
        region="chongqing",
        department="moe",
        week=2023,
        tags=("开幕式", "百姓学习之星"),
        source=MOE_SITE,
        translated=True,
    ),
    Release(
        "2023-hainan-week-opens",
        aware(2023, 12, 27, 16, 0),
        zh_only("海南省2023年全民终身学习活动周开幕"),
        (
            zh_only(
                "海南省2023年全民终身学习活动周总开幕式在琼中黎族苗族自治县举行，由海南省教育厅主办。"
            ),
            zh_only(
                "开幕式为全省“百姓学习之星”和“终身学习品牌项目”颁奖，并举行了下一届举办地的交接仪式。"
            ),
        ),
        region="hainan",
        week=2023,
        tags=("开幕式",),
        source=zh_only("海南省教育厅"),
    ),
    Release(
        "2023-shaanxi-learning-stars",
        aware(2023, 10, 16),
        zh_only("陕西省全民终身学习活动周推介百姓学习之星"),
        (
            zh_only(
                "陕西省全民终身学习活动周期间，各地通过报告会和读书分享会宣传推介“百姓学习之星”的学习故事。"
            ),
            zh_only("学习之星走进学校、社区和企业，与居民交流坚持学习的经历。"),
        ),
        region="shaanxi",
        week=2023,
        tags=("百姓学习之星",),
        source=zh_only("陕西省教育厅"),
    ),
    Release(
        "2024-liaoning-activities",
        aware(2024, 5, 10),
        (
            "辽宁省全民终身学习活动周系列活动陆续展开",
            "Lifelong Learning Week activities under way across Liaoning",
        ),
        (
            (
                "全国开幕式在沈阳举行后，辽宁省各市的活动周系列活动陆续展开，社区学校和老年大学推出开放课程。",
                "After the national opening ceremony in Shenyang, the cities of Liaoning have started their own series "
                "of activities, with open classes at community schools and universities for older people.",
            ),
            (
                "各地还组织“百姓学习之星”进社区、进企业，讲述自己的学习经历。",
                "Learning Stars are also visiting neighbourhoods and workplaces to talk about their own learning.",
            ),
        ),
        region="liaoning",
        department="liaoning-education",
        week=2024,
        tags=("百姓学习之星", "2024"),
        source=("辽宁省教育厅", "Department of Education of Liaoning Province"),
        translated=True,
    ),
    Release(
        "2024-hunan-digital-learning",
        aware(2024, 9, 18),
        zh_only("湖南省全民终身学习活动周开展数字学习推广"),
        (
            zh_only(
                "湖南省全民终身学习活动周期间，各地组织数字学习推广活动，帮助老年人使用智能手机和在线学习平台。"
            ),
            zh_only("社区学校开设大字版课程和有声读物专区，方便不同群体参与学习。"),
        ),
        region="hunan",
        week=2024,
        tags=("数字学习", "2024"),
        source=zh_only("湖南省教育厅"),
    ),
    Release(
        "2024-guizhou-week-launched",
        aware(2024, 11, 6),
        zh_only("贵州省2024年全民终身学习活动周启动"),
        (
            zh_only(
                "贵州省2024年全民终身学习活动周启动，活动围绕“让学习成为一种生活方式”主题，在全省城乡同步开展。"
            ),
            zh_only("活动周期间，各地推出民族文化传承、乡村振兴技能培训等特色学习项目。"),
        ),
        region="guizhou",
        week=2024,
        tags=("启动仪式", "2024"),
        source=zh_only("贵州省教育厅"),
    ),
]


def shenyang_body(s: Strings) -> list[dict[str, Any]]:
    blocks: list[Block] = [
        paragraph(
            s(
                "4月26日，2024年全民终身学习活动周开幕式在辽宁省沈阳市举行。开幕式由教育部会同中央宣传部、民政部等部门"
                "共同主办，教育部副部长吴岩出席并讲话。",
                "The opening ceremony of the 2024 National Lifelong Learning Activity Week took place in Shenyang, "
                "Liaoning Province, on 26 April. The Ministry of Education organised it together with the Publicity "
                "Department of the CPC Central Committee, the Ministry of Civil Affairs and other departments. Vice "
                "Minister of Education Wu Yan attended and gave a speech.",
            )
        ),
        heading(
            s(
                "建设人人皆学、处处能学、时时可学的学习型社会",
                "A learning society where everyone can learn, anywhere and at any time",
            )
        ),
        paragraph(
            s(
                "吴岩表示，党中央高度重视学习型社会建设。近年来，教育部通过举办全民终身学习活动周等宣传活动、完善相关政策法规、"
                "健全教育体系、丰富学习资源等举措，推进学习型城市、学习型社区和学习型组织建设。",
                "Wu Yan said that the Party Central Committee attaches great importance to building a learning "
                "society. In recent years the Ministry of Education has promoted learning cities, communities and "
                "organisations by holding the annual Lifelong Learning Week and other awareness campaigns, improving "
                "policies and regulations, strengthening the education system and enriching learning resources.",
            )
        ),
        paragraph(
            s(
                "他指出，建设学习型社会既是促进人的全面发展的重要途径，也是建设教育强国的重要组成部分。下一步要完善产业工人"
                "继续教育体系和终身职业技能培训制度，建设汇聚优质数字学习资源、提供一站式服务的智慧平台，"
                "并坚持党委领导、部门统筹、社会参与、全民行动。",
                "He pointed out that a learning society is both an important path to people's all-round development "
                "and an integral part of making China strong in education. The next steps include a better "
                "continuing-education system for industrial workers and lifelong vocational skills training, smart "
                "platforms that gather high-quality digital learning resources and offer one-stop services, and "
                "continued Party leadership, coordination among departments, involvement of society and participation "
                "by everyone.",
            )
        ),
        quote(
            s("让学习成为一种生活方式。", "Make learning a lifestyle."),
            s(
                "2024年全民终身学习活动周主题",
                "Theme of the 2024 National Lifelong Learning Activity Week",
            ),
        ),
        heading(s("开幕式上发布和启动的内容", "Announced and launched at the ceremony")),
        numbered_list(
            [
                s(
                    "发布《全民终身学习沈阳倡议》，凝聚全社会推进终身学习的共识。",
                    "The Shenyang Initiative on Lifelong Learning for All was released, setting out a shared commitment "
                    "to lifelong learning.",
                ),
                s(
                    "公布194位“百姓学习之星”和91个“终身学习品牌项目”名单，推广各地好的做法。",
                    "The names of 194 Learning Stars and 91 lifelong-learning brand projects were announced, so that "
                    "good practice can spread.",
                ),
                s(
                    "启动教育部与中华全国总工会共同发起的产业工人数字化学习赋能行动。",
                    "The Ministry of Education and the All-China Federation of Trade Unions launched a joint action plan "
                    "to empower industrial workers through digital learning.",
                ),
                s(
                    "推动全国总工会职工数字化培训平台与国家开放大学终身教育平台互联互通。",
                    "Work began on connecting the ACFTU's digital training platform for employees with the lifelong "
                    "education platform of the Open University of China.",
                ),
                s(
                    "国家电力投资集团与国家智慧职业教育平台签署合作协议。",
                    "State Power Investment Corporation and the National Smart Vocational Education Platform signed a "
                    "partnership agreement.",
                ),
            ]
        ),
        paragraph(
            s(
                "各地教育行政部门、开放大学、老年大学、成人教育协会和企业的200余名代表参加开幕式。",
                "More than 200 representatives of local education authorities, open universities, universities for "
                "older people, adult education associations and enterprises attended the ceremony.",
            )
        ),
    ]
    return raw_stream("release-2024-shenyang", blocks)


def ensure_shenyang_release(
    index: Page,
    english: Locale,
    week: CampaignWeekPage | None,
    notice: NoticePage,
    report: DemoReport,
) -> PressReleasePage:
    s = Strings()
    fields = {
        "title": s(
            "2024年全民终身学习活动周开幕式在沈阳举行",
            "2024 National Lifelong Learning Activity Week opens in Shenyang",
        ),
        "subtitle": s(
            "《全民终身学习沈阳倡议》发布",
            "Shenyang Initiative on Lifelong Learning for All released",
        ),
        "published_at": aware(2024, 4, 27, 9, 0),
        "date_is_approximate": False,
        "source": "www.moe.gov.cn",
        "department": organisation("moe"),
        "region": region("liaoning"),
        "campaign_week": week,
        "withdrawn_at": None,
        "withdrawal_note": "",
        "body": shenyang_body(s),
    }
    release, created = find_or_add_child(index, PressReleasePage, SHENYANG_SLUG, fields)
    release.tags.set(["开幕式", "百姓学习之星", "2024"])
    sync_children(
        release, "related_links", [{"page": page} for page in (notice, week) if page is not None]
    )
    sync_children(release, "change_notes", [])
    publish(release)
    report.record(f"新闻稿 {SHENYANG_SLUG} (zh-hans)", created)
    translate(release, english, s, report, f"Release {SHENYANG_SLUG} (en)")
    return release


def release_fields(
    release: Release, s: Strings, weeks: dict[int, CampaignWeekPage | None]
) -> dict[str, Any]:
    withdrawn_at, withdrawal_note = release.withdrawal or (None, ("", ""))
    return {
        "title": s(*release.title),
        "published_at": release.published,
        "date_is_approximate": release.approximate,
        "source": s(*release.source) if release.source[0] else "",
        "department": organisation(release.department),
        "region": region(release.region),
        "campaign_week": weeks.get(release.week) if release.week else None,
        "withdrawn_at": withdrawn_at,
        "withdrawal_note": s(*withdrawal_note) if withdrawal_note[0] else "",
        "body": raw_stream(
            f"release-{release.slug}", [paragraph(s(*pair)) for pair in release.paragraphs]
        ),
    }


def ensure_release(
    index: Page,
    english: Locale,
    release: Release,
    weeks: dict[int, CampaignWeekPage | None],
    report: DemoReport,
) -> PressReleasePage:
    s = Strings()
    page, created = find_or_add_child(
        index, PressReleasePage, release.slug, release_fields(release, s, weeks)
    )
    page.tags.set(list(release.tags))
    notes = []
    if release.correction:
        changed_on, note = release.correction
        notes.append({"changed_on": changed_on, "note": s(*note)})
    sync_children(page, "change_notes", notes)
    publish(page)
    report.record(f"新闻稿 {release.slug} (zh-hans)", created)
    if release.translated:
        translate(page, english, s, report, f"Release {release.slug} (en)")
    return page
