"""The 2024 five-department notice of the news demo (教职成厅函〔2024〕7号),
with its annexes: the provincial schedule as a table on the page, two
generated spreadsheet forms as files, an English file for one of them."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from wagtail.models import Locale, Page
from wagtail_localize.models import OverridableSegment, SegmentOverride, TranslationSource

from campaigns.models import CampaignWeekPage
from demo.news.documents import csv_bytes, demo_document
from demo.report import DemoReport
from demo.tools import (
    Strings,
    aware,
    find_or_add_child,
    heading,
    organisation,
    paragraph,
    publish,
    sync_children,
    translate,
)
from lifelong_site.blocks.stream_data import Block, raw_stream
from lifelong_site.models import SiteDocument
from news.models import NoticePage

Pair = tuple[str, str]
# Index into a Pair.
ZH, EN = 0, 1

NOTICE_SLUG = "2024-week-five-departments-notice"


HIGHLIGHTS_FORM = [
    ["省份", "活动周时间", "亮点名称", "亮点简介（300字以内）", "参与人次", "联系人", "联系电话"],
    ["填报说明：每个特色亮点填写一行，可附图片和视频链接。", "", "", "", "", "", ""],
]
SUMMARY_FORM_ZH = [
    [
        "省份",
        "活动周起止时间",
        "参与地市（个）",
        "参与县（市、区）（个）",
        "举办活动（场）",
        "参与人次（万）",
        "线上学习人次（万）",
        "推荐“百姓学习之星”（人）",
        "推荐“终身学习品牌项目”（个）",
        "备注",
    ],
]
SUMMARY_FORM_EN = [
    [
        "Province",
        "Dates of the week",
        "Cities taking part",
        "Counties and districts taking part",
        "Events held",
        "Participants (10,000s)",
        "Online learners (10,000s)",
        "Learning Stars recommended",
        "Brand projects recommended",
        "Notes",
    ],
]


@dataclass(frozen=True)
class NoticeFiles:
    highlights: SiteDocument
    summary: SiteDocument
    summary_en: SiteDocument


def notice_files(report: DemoReport) -> NoticeFiles:
    return NoticeFiles(
        highlights=demo_document(
            "各地活动周特色亮点报送表",
            "2024-week-annex-2-highlights.csv",
            csv_bytes(HIGHLIGHTS_FORM),
            "zh-hans",
            report,
        ),
        summary=demo_document(
            "2024年全民终身学习活动周开展情况汇总表",
            "2024-week-annex-3-summary.csv",
            csv_bytes(SUMMARY_FORM_ZH),
            "zh-hans",
            report,
        ),
        summary_en=demo_document(
            "Summary table of the 2024 National Lifelong Learning Activity Week",
            "2024-week-annex-3-summary-en.csv",
            csv_bytes(SUMMARY_FORM_EN),
            "en",
            report,
        ),
    )


ISSUER_SLUGS = [
    "moe-general-office",
    "publicity-department-office",
    "civil-affairs-office",
    "culture-tourism-office",
    "acftu-office",
]

# Annex 1. Liaoning (Shenyang, late April) is from the 2024 opening; the other
# rows are illustrative demo data in the shape of the real arrangement table.
SCHEDULE_HEADER: list[Pair] = [
    ("序号", "No."),
    ("省份", "Province"),
    ("活动周时间", "Week"),
    ("开幕式举办地", "Opening ceremony"),
]
SCHEDULE_ROWS: list[tuple[Pair, Pair, Pair]] = [
    (("辽宁", "Liaoning"), ("4月下旬", "Late April"), ("沈阳", "Shenyang")),
    (("江苏", "Jiangsu"), ("5月中旬", "Mid-May"), ("南京", "Nanjing")),
    (("浙江", "Zhejiang"), ("5月下旬", "Late May"), ("杭州", "Hangzhou")),
    (("福建", "Fujian"), ("6月上旬", "Early June"), ("福州", "Fuzhou")),
    (("山东", "Shandong"), ("6月中旬", "Mid-June"), ("济南", "Jinan")),
    (("湖南", "Hunan"), ("9月中旬", "Mid-September"), ("长沙", "Changsha")),
    (("湖北", "Hubei"), ("9月下旬", "Late September"), ("武汉", "Wuhan")),
    (("广东", "Guangdong"), ("10月中旬", "Mid-October"), ("广州", "Guangzhou")),
    (("四川", "Sichuan"), ("10月下旬", "Late October"), ("成都", "Chengdu")),
    (("贵州", "Guizhou"), ("11月上旬", "Early November"), ("贵阳", "Guiyang")),
    (
        ("新疆兵团", "Xinjiang Production and Construction Corps"),
        ("12月上旬", "Early December"),
        ("石河子", "Shihezi"),
    ),
]
SCHEDULE_CAPTION: Pair = (
    "2024年各地活动周时间及开幕式举办地",
    "Dates and opening venues of the provincial weeks, 2024",
)
SCHEDULE_NOTE: Pair = (
    "各地活动周的具体时间以当地发布的安排为准。",
    "The exact dates are those announced by each province.",
)


def schedule_table(language: int) -> dict[str, Any]:
    """The annex 1 table in one language (ZH or EN)."""
    rows = [[pair[language] for pair in SCHEDULE_HEADER]]
    rows += [
        [str(number), *(pair[language] for pair in row)]
        for number, row in enumerate(SCHEDULE_ROWS, start=1)
    ]
    return {
        "data": rows,
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_header_choice": "row",
        "table_caption": SCHEDULE_CAPTION[language],
    }


def schedule_stream(language: int) -> list[dict[str, Any]]:
    # Same key in both languages: the English annex keeps the block ids that
    # wagtail-localize gave the Chinese one.
    return raw_stream(
        "notice-2024-annex-1",
        [paragraph(SCHEDULE_NOTE[language]), ("table", schedule_table(language))],
    )


def notice_body(s: Strings) -> list[dict[str, Any]]:
    blocks: list[Block] = [
        paragraph(
            s(
                "为贯彻落实党的二十大关于建设全民终身学习的学习型社会、学习型大国的部署，推动全民终身学习持续深入开展，"
                "现就举办2024年全民终身学习活动周有关事项通知如下。",
                "To carry out the decision of the 20th National Congress of the Communist Party of China to build a "
                "learning society and a learning nation in which everyone learns throughout life, and to keep lifelong "
                "learning for all moving forward, we give notice of the arrangements for the 2024 National Lifelong "
                "Learning Activity Week.",
            )
        ),
        heading(s("一、总体要求", "1. General requirements")),
        paragraph(
            s(
                "2024年活动周要坚持中央和地方联动，发挥教育、宣传、民政、文化和旅游、工会等系统的资源优势，创新活动形式，"
                "丰富活动内容，突出地方特色，广泛动员群众参与，推动各地错时开展、全年贯通，"
                "助力建设人人皆学、处处能学、时时可学的学习型社会。",
                "The 2024 week links central and local efforts and draws on the resources of the education, publicity, "
                "civil affairs, culture and tourism and trade union systems. It should find new forms, offer richer "
                "content, bring out local character and involve the public widely, with the provinces holding their "
                "weeks at different times so that activities run through the whole year, helping to build a learning "
                "society where everyone can learn, anywhere and at any time.",
            )
        ),
        paragraph(
            s(
                "（一）动员社会各方参与。在党委领导下发挥政府的主导作用，完善活动周运行机制，汇聚社会优质资源，营造良好学习氛围。",
                "(1) Involve all parts of society. Under the leadership of Party committees, governments take the lead, "
                "improve the way the week is run, bring together good resources from across society and create a "
                "climate that favours learning.",
            )
        ),
        paragraph(
            s(
                "（二）激发群众学习热情。创新工作方法，宣传身边的学习典型和感人事迹，引导群众爱学习、乐学习、会学习。",
                "(2) Spark people's enthusiasm for learning. Find new methods, make known the learners and stories "
                "around us that inspire, and help people to love learning, enjoy it and learn well.",
            )
        ),
        paragraph(
            s(
                "（三）突出地方特色。用好各类公共文化设施和资源，开展形式多样的学习实践活动，打造终身学习品牌项目，"
                "提供多样化、智能化、体验式的学习场景。",
                "(3) Bring out local character. Make good use of public cultural facilities and resources, organise "
                "varied learning activities, build lifelong-learning brand projects and offer diverse, smart and "
                "hands-on places to learn.",
            )
        ),
        paragraph(
            s(
                "（四）推进数字化学习。建设开放共享的终身学习公共服务平台，提供充足优质的数字学习资源，加强质量管理，"
                "满足群众便捷、高效、开放的学习需求。",
                "(4) Promote digital learning. Build open, shared public service platforms for lifelong learning, "
                "provide ample high-quality digital learning resources and manage their quality, so that people can "
                "learn conveniently, efficiently and openly.",
            )
        ),
        heading(s("二、活动主题", "2. Theme")),
        paragraph(s("让学习成为一种生活方式。", "Make learning a lifestyle.")),
        heading(s("三、活动安排", "3. Schedule")),
        paragraph(
            s(
                "2024年4月至12月上旬，根据前期与各地的沟通情况，按照“一省一周”的方式统筹安排，各地活动周贯穿全年"
                "（具体安排见附件1）。全国活动周开幕式另行安排。",
                "From April to early December 2024, based on earlier consultation with the provinces, the weeks are "
                "scheduled one province at a time and run through the year (see Annex 1). The national opening "
                "ceremony will be arranged separately.",
            )
        ),
        heading(s("四、活动内容", "4. Activities")),
        paragraph(
            s(
                "（一）创新特色学习活动。各地要结合实际确定活动主题，线上线下相结合，用好图书馆、博物馆、科技馆、文化馆和"
                "职工文化宫等公共文化设施，结合红色文化和非遗传承开展沉浸式学习体验。",
                "(1) New and distinctive learning activities. Each province chooses a theme that fits local "
                "conditions, combines online and on-site activities, uses libraries, museums, science centres, "
                "cultural centres and workers' cultural palaces, and offers immersive learning rooted in revolutionary "
                "heritage and intangible cultural heritage.",
            )
        ),
        paragraph(
            s(
                "（二）深化常规学习活动。深入开展全民阅读，持续举办主题阅读、线上社会大讲堂和数字阅读分享等活动，"
                "结合青少年和老年人阅读行动，推进学习型家庭、学习型社区建设。",
                "(2) Deeper regular learning activities. Promote reading for all through themed reading, online public "
                "lectures and digital reading circles; link them with the reading campaigns for young and older "
                "people, and build learning families and learning communities.",
            )
        ),
        paragraph(
            s(
                "（三）开展“百姓学习之星”进校园、进社区、进企业活动。通过事迹报告会、读书分享会等形式，"
                "发挥学习典型的示范带动作用，激发各行各业群众的学习热情。",
                "(3) Learning Stars in schools, neighbourhoods and workplaces. Through talks and reading circles, let "
                "outstanding learners set an example and stir the enthusiasm of people in every walk of life.",
            )
        ),
        paragraph(
            s(
                "（四）开展“终身学习品牌项目”巡展。统筹区域学习资源，通过大型活动和专题巡展推动品牌项目走进基层、走进家庭，"
                "关注“一老一小”，开展亲子阅读和书香社区建设。",
                "(4) Touring exhibitions of lifelong-learning brand projects. Pool regional learning resources and use "
                "large events and themed exhibitions to bring brand projects to communities and families, with "
                "attention to older people and children, parent-child reading and reading-friendly neighbourhoods.",
            )
        ),
        paragraph(
            s(
                "（五）推进数字赋能全民学习。建设终身学习数字化服务平台，推动学习资源跨平台、跨区域共享，"
                "推进个人终身学习账户和学习成果认定、积累与转换，为老年人提供大字版、有声读物等无障碍学习资源。",
                "(5) Digital support for learning for all. Build digital service platforms for lifelong learning, share "
                "resources across platforms and regions, develop personal lifelong-learning accounts and the "
                "recognition, accumulation and transfer of learning outcomes, and provide large-print, audio and "
                "other accessible resources for older people.",
            )
        ),
        heading(s("五、组织保障", "5. Organisation and support")),
        paragraph(
            s(
                "（一）加强组织领导。坚持“一省一案”，各地在党委和政府领导下完善工作机制，联合制定活动周实施方案。"
                "教育、宣传、文化和旅游、民政（老龄办）、工会等部门按照职责分工组织开展各具特色的学习活动。",
                "(1) Stronger leadership and organisation. Each province draws up its own plan: under the leadership "
                "of Party committees and governments, the provinces improve their working arrangements and draw up "
                "implementation plans jointly, and the education, publicity, culture and tourism, civil affairs "
                "(ageing) and trade union departments each organise distinctive activities within their remit.",
            )
        ),
        paragraph(
            s(
                "（二）加大宣传力度。及时总结典型经验，挖掘感人故事，组织主流媒体和网络媒体做好宣传报道。"
                "教育部将在相关网站选登各地案例、图片和视频。",
                "(2) More publicity. Sum up good practice promptly, find moving stories and work with mainstream and "
                "online media on coverage. The Ministry of Education will feature selected cases, photos and videos "
                "from the provinces on its websites.",
            )
        ),
        paragraph(
            s(
                "请各省级教育行政部门在本地活动周结束后，及时将各地活动周特色亮点报送表（附件2）和"
                "2024年全民终身学习活动周开展情况汇总表（附件3）报送教育部职业教育与成人教育司。典型案例可随时报送。",
                "Provincial education departments are asked to send the form on the highlights of their week (Annex 2) "
                "and the summary table of the 2024 week (Annex 3) to the Department of Vocational and Adult Education "
                "of the Ministry of Education soon after their week ends. Good examples may be sent at any time.",
            )
        ),
    ]
    return raw_stream("notice-2024", blocks)


def notice_fields(s: Strings, week: CampaignWeekPage | None) -> dict[str, Any]:
    return {
        "title": s(
            "教育部等五部门关于举办2024年全民终身学习活动周的通知",
            "Notice of the Ministry of Education and four other departments on holding the 2024 National "
            "Lifelong Learning Activity Week",
        ),
        # 文号 is real; 索引号, signing and publication dates are demo values.
        "document_number": "教职成厅函〔2024〕7号",
        "index_number": "360A07-07-2024-0007",
        "signed_on": dt.date(2024, 4, 2),
        "published_at": aware(2024, 4, 8, 10, 0),
        "addressees": s(
            "各省、自治区、直辖市教育厅（教委）、党委宣传部、民政厅（局）、文化和旅游厅（局）、总工会，"
            "新疆生产建设兵团教育局、党委宣传部、民政局、文化体育广电和旅游局、总工会",
            "The departments (commissions) of education, Party committee publicity departments, departments "
            "(bureaus) of civil affairs, departments (bureaus) of culture and tourism and federations of trade "
            "unions of all provinces, autonomous regions and municipalities directly under the central government; "
            "the education bureau, Party committee publicity department, civil affairs bureau, bureau of culture, "
            "sports, radio, television and tourism, and federation of trade unions of the Xinjiang Production and "
            "Construction Corps",
        ),
        "summary": s(
            "教育部等五部门部署2024年全民终身学习活动周：4月至12月上旬按“一省一周”方式举办，"
            "主题为“让学习成为一种生活方式”。",
            # The 100-character limit holds for the English summary too.
            "Five departments set out the 2024 week: province by province, April to early December.",
        ),
        "subject_category": "education",
        "disclosure": "proactive",
        "source": "www.moe.gov.cn",
        "department": organisation("moe"),
        "region": None,
        "campaign_week": week,
        "body": notice_body(s),
    }


def notice_annexes(s: Strings, files: NoticeFiles) -> list[dict[str, Any]]:
    # Annex 1's paragraph and every text cell of its table are segments that
    # wagtail-localize translates (see AccessibleTableBlock).
    s(*SCHEDULE_NOTE)
    s(*SCHEDULE_CAPTION)
    for pair in SCHEDULE_HEADER:
        s(*pair)
    for row in SCHEDULE_ROWS:
        for pair in row:
            s(*pair)
    return [
        {
            "title": s(
                "2024年全民终身学习活动周各地活动安排",
                "Arrangements of the provinces for the 2024 National Lifelong Learning Activity Week",
            ),
            "document": None,
            "html": schedule_stream(ZH),
        },
        {
            "title": s(
                "各地活动周特色亮点报送表",
                "Form for reporting the highlights of each province's week",
            ),
            "document": files.highlights,
            "html": [],
        },
        {
            "title": s(
                "2024年全民终身学习活动周开展情况汇总表",
                "Summary table of the 2024 National Lifelong Learning Activity Week",
            ),
            "document": files.summary,
            "html": [],
        },
    ]


def notice_contacts(s: Strings) -> list[dict[str, Any]]:
    # Demo names; the telephone numbers are the public ones of the offices.
    return [
        {
            "name": s("王明", "Wang Ming"),
            "organisation": s(
                "教育部职业教育与成人教育司",
                "Department of Vocational and Adult Education, Ministry of Education",
            ),
            "phone": "010-66097704",
            "email": "wang.ming@example.cn",
        },
        {
            "name": s("陈静", "Chen Jing"),
            "organisation": s("中国成人教育协会", "China Adult Education Association"),
            "phone": "010-58582578",
            "email": "chen.jing@example.cn",
        },
    ]


def override_annex_document(
    notice: NoticePage, english: Locale, annex_key: Any, document: SiteDocument
) -> None:
    """Give the English page its own file for one annex, the way the
    translation editor does: an override of the synced ``document`` segment,
    which wagtail-localize re-applies on every sync."""
    source, _created = TranslationSource.update_or_create_from_instance(
        NoticePage.objects.get(pk=notice.pk)
    )
    segment = OverridableSegment.objects.select_related("context").get(
        source=source, context__path=f"annexes.{annex_key}.document"
    )
    SegmentOverride.objects.update_or_create(
        locale=english, context=segment.context, defaults={"data_json": json.dumps(document.pk)}
    )


def ensure_notice(
    index: Page, english: Locale, week: CampaignWeekPage | None, report: DemoReport
) -> NoticePage:
    files = notice_files(report)
    s = Strings()
    notice, created = find_or_add_child(index, NoticePage, NOTICE_SLUG, notice_fields(s, week))
    notice.tags.set(["通知", "2024"])
    sync_children(
        notice, "issuers", [{"organisation": organisation(slug)} for slug in ISSUER_SLUGS]
    )
    sync_children(notice, "annexes", notice_annexes(s, files))
    sync_children(notice, "contacts", notice_contacts(s))
    publish(notice)
    report.record("通知 教职成厅函〔2024〕7号 (zh-hans)", created)

    _schedule, _highlights, summary_annex = notice.annexes.all()
    override_annex_document(notice, english, summary_annex.translation_key, files.summary_en)
    translate(notice, english, s, report, "Notice 教职成厅函〔2024〕7号 (en)")
    return notice
