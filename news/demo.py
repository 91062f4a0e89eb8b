"""Demo content of the news app: the two listings (新闻发布, 通知公告), the 2024
five-department notice with its annexes, and press releases from 2005 to 2024,
Chinese first and English as the wagtail-localize translation.

Facts of the 2024 opening ceremony and notice come from their public
versions; the wording here is our own. The shorter releases are generic demo
items (their details are illustrative), enough for the listing to need a
second page. Running the loader again updates everything in place.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from lifelong_site.demo import DemoReport
from lifelong_site.demo_tools import (
    Block,
    Strings,
    aware,
    ensure_reference_data,
    find_or_add_child,
    heading,
    numbered_list,
    organisation,
    paragraph,
    publish,
    quote,
    raw_stream,
    region,
    source_home,
    sync_children,
    translate,
)
from lifelong_site.models import HomePage, SiteDocument
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page
from wagtail_localize.models import OverridableSegment, SegmentOverride, TranslationSource

from campaigns.demo import get_week
from campaigns.models import CampaignWeekPage

from .models import NewsIndexPage, NoticeIndexPage, NoticePage, PressReleasePage

Pair = tuple[str, str]
# Index into a Pair.
ZH, EN = 0, 1

NEWS_SLUG = "news"
NOTICES_SLUG = "notices"
NOTICE_SLUG = "2024-week-five-departments-notice"
SHENYANG_SLUG = "2024-opening-ceremony-shenyang"
DEMO_FILES_FOLDER = "documents/demo"


# --- Small helpers ----------------------------------------------------------------


def zh_only(text: str) -> Pair:
    """A Chinese text of a release that stays untranslated in the demo."""
    return (text, "")


# --- Listings -------------------------------------------------------------------------


def ensure_listing(
    home: HomePage,
    english: Locale,
    model: type[NewsIndexPage] | type[NoticeIndexPage],
    slug: str,
    title: Pair,
    intro: Pair,
    report: DemoReport,
) -> Page:
    s = Strings()
    page, created = find_or_add_child(
        home, model, slug, {"title": s(*title), "intro": s(*intro), "show_in_menus": True}
    )
    publish(page)
    report.record(f"{title[0]} (zh-hans)", created)
    translate(page, english, s, report, f"{title[1]} (en)")
    return page


# --- Generated annex files ------------------------------------------------------------


def csv_bytes(rows: Sequence[Sequence[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    # The byte-order mark makes spreadsheet programs read the Chinese
    # headings as UTF-8 instead of the local code page.
    return buffer.getvalue().encode("utf-8-sig")


def demo_document(
    title: str, filename: str, content: bytes, language: str, report: DemoReport
) -> SiteDocument:
    """A document whose file the loader writes itself; found again by title
    and language, and its file rewritten only when the content changed."""
    document_model = get_document_model()
    storage = document_model._meta.get_field("file").storage
    name = f"{DEMO_FILES_FOLDER}/{filename}"
    if storage.exists(name):
        with storage.open(name) as stored:
            unchanged = stored.read() == content
        if not unchanged:
            storage.delete(name)
    if not storage.exists(name):
        name = storage.save(name, ContentFile(content))
    document = document_model.objects.filter(title=title, language=language).first()
    created = document is None
    if document is None:
        document = document_model(title=title, language=language)
    document.file = name
    document.file_size = len(content)
    # Wagtail uses the SHA-1 of the file to spot duplicate uploads.
    document.file_hash = hashlib.sha1(content).hexdigest()
    document.save()
    report.record(f"文件 {title} ({language})", created)
    return document


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


# --- The 2024 notice ------------------------------------------------------------------

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


# --- Press releases ---------------------------------------------------------------------


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


@transaction.atomic
def load(report: DemoReport) -> None:
    ensure_reference_data()
    home, _zh, english = source_home()
    news = ensure_listing(
        home,
        english,
        NewsIndexPage,
        NEWS_SLUG,
        ("新闻发布", "News"),
        (
            "教育部和各地发布的全民终身学习活动周新闻，可按年份、地区、发布部门和标签筛选。",
            "News of the National Lifelong Learning Activity Week from the Ministry of Education and the provinces; "
            "filter by year, region, publisher or tag.",
        ),
        report,
    )
    notices = ensure_listing(
        home,
        english,
        NoticeIndexPage,
        NOTICES_SLUG,
        ("通知公告", "Notices"),
        (
            "有关部门关于全民终身学习活动周的通知、公告及其附件。",
            "Official notices on the National Lifelong Learning Activity Week, with their annexes.",
        ),
        report,
    )
    years = {release.week for release in RELEASES if release.week} | {2024}
    weeks = {year: get_week(year) for year in years}
    notice = ensure_notice(notices, english, weeks[2024], report)
    ensure_shenyang_release(news, english, weeks[2024], notice, report)
    for release in RELEASES:
        ensure_release(news, english, release, weeks, report)
