"""Distractor press releases for the relevance benchmark.

``create_distractors(count, seed)`` publishes ``count`` Chinese press releases
under the Chinese news listing, spread over 2005–2024 and most provinces, with
titles and bodies built from templates: the words every real release uses
(全民终身学习活动周, 终身学习, 学习型社会, province names, 开幕, 启动) so that
they compete with the demo pages for the benchmark's queries.

They are never judged relevant, so they must not be *about* what a judged
query asks for: they never name the places, people, projects or document
numbers that the judgements look for (``RESERVED``, checked on every page),
nor the judged topics (社区教育, 老年教育, 老年大学, 学习之星, 品牌项目…), and
none is dated 2019 (see ``YEARS``). They do use the words of those topics
(社区, 教育, 学习…) in other senses.

Pages are added with Wagtail's add_child, already live, and given the
revision that save_revision().publish() would leave (their latest and live
revision), with slugs ``distractor-<seed>-<n>``. That is three times faster
than publishing each page through the editor's path, because the search
entries and indexes and Wagtail's reference index are not updated page by
page: ``manage.py update_index``, which the benchmark runs next, rebuilds the
search index in bulk, and distractors link to nothing the reference index
would record. No "published" entry goes to the pages' history log.
Each page is derived from (seed, n) alone, so a second run with the same
seed skips the pages already there and a larger count only adds the
missing ones.

Run on its own (against the database that DATABASE_URL names):

    python bench/relevance/distractors.py --count 1500 --seed 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from contextlib import contextmanager
from pathlib import Path

DEFAULT_COUNT = 1500
DEFAULT_SEED = 20240426
SLUG_PREFIX = "distractor"
BATCH_SIZE = 100

# Names the judgements look for: a distractor naming one would be relevant.
RESERVED = (
    "沈阳",
    "沈杨",
    "大连",
    "重庆",
    "上海",
    "武汉",
    "杭州",
    "宁波",
    "苏州",
    "福州",
    "成都",
    "长沙",
    "广州",
    "复旦",
    "吴岩",
    "王秀兰",
    "李建国",
    "吴桂芳",
    "赵磊",
    "蜀绣",
    "农民夜校",
    "银龄",
    "环渤海",
    "金普",
    "兵团",
    "教职成",
    "倡议",
    "学习型城市",
    "首届",
    "品牌项目",
    "学习之星",
    "成人教育协会",
    "社区教育",
    "老年教育",
    "老年大学",
    "智能手机",
    "数字学习",
    "成果展",
    "终生",
)

# 2019 has no national page in the demo: the judged query "2019年 活动周"
# asks for any release about that year's weeks, so no distractor is dated 2019.
YEARS = tuple(year for year in range(2005, 2025) if year != 2019)

# Province slug → cities (or districts) that no judged query names.
CITIES: dict[str, tuple[str, ...]] = {
    "beijing": ("海淀区", "朝阳区", "西城区", "丰台区"),
    "tianjin": ("和平区", "河西区", "滨海新区"),
    "hebei": ("唐山", "保定", "邯郸", "廊坊"),
    "shanxi": ("大同", "长治", "晋中"),
    "inner-mongolia": ("包头", "赤峰", "鄂尔多斯"),
    "liaoning": ("鞍山", "锦州", "丹东", "营口"),
    "jilin": ("四平", "通化", "延吉"),
    "heilongjiang": ("齐齐哈尔", "牡丹江", "佳木斯"),
    "jiangsu": ("无锡", "常州", "扬州", "南通"),
    "zhejiang": ("温州", "嘉兴", "绍兴", "金华"),
    "anhui": ("芜湖", "蚌埠", "安庆"),
    "fujian": ("泉州", "漳州", "莆田"),
    "jiangxi": ("九江", "赣州", "上饶"),
    "shandong": ("潍坊", "烟台", "临沂", "淄博"),
    "henan": ("洛阳", "开封", "新乡", "南阳"),
    "hubei": ("宜昌", "襄阳", "荆州"),
    "hunan": ("株洲", "湘潭", "岳阳", "常德"),
    "guangdong": ("佛山", "东莞", "珠海", "汕头"),
    "guangxi": ("柳州", "桂林", "北海"),
    "hainan": ("三亚", "儋州"),
    "sichuan": ("绵阳", "宜宾", "南充", "乐山"),
    "guizhou": ("遵义", "六盘水", "安顺"),
    "yunnan": ("曲靖", "大理", "玉溪"),
    "xizang": ("日喀则", "林芝"),
    "shaanxi": ("宝鸡", "咸阳", "汉中"),
    "gansu": ("天水", "酒泉"),
    "qinghai": ("海东", "格尔木"),
    "ningxia": ("石嘴山", "吴忠"),
    "xinjiang": ("克拉玛依", "哈密"),
}

TOPICS = (
    "职工技能培训",
    "家庭教育",
    "全民阅读",
    "科普知识",
    "健康生活",
    "消防安全",
    "法治宣传",
    "传统文化",
    "乡村振兴技能",
    "青少年阅读",
    "志愿服务",
    "读书分享",
    "安全知识",
    "垃圾分类",
    "普通话推广",
    "职业技能",
    "心理健康",
    "理财知识",
    "防范电信诈骗",
    "文明礼仪",
    "红色文化",
    "书法绘画",
    "合唱展演",
    "亲子共读",
)
VENUES = ("社区", "企业", "校园", "乡村", "机关", "军营", "家庭", "园区")
UNITS = ("家庭", "企业", "机关", "社区", "班组", "村镇")
THEMES = (
    "全民学习，终身学习",
    "学习促进发展，学习成就未来",
    "让学习成为一种生活方式",
    "全民终身学习，创造出彩人生",
    "建设学习型社会，服务高质量发展",
    "学习新思想，建功新时代",
    "智慧学习，终身发展",
    "学习点亮生活",
)
ORGANISERS = (
    "{province}教育厅",
    "{city}教育局",
    "{city}开放大学",
    "{city}社区大学",
    "{city}文明办",
    "{city}总工会",
)
VERBS = ("启动", "开幕", "拉开帷幕", "正式启动", "隆重开幕")
COURSES = (
    "电子表格",
    "家庭理财",
    "中医养生",
    "摄影",
    "插花",
    "烹饪",
    "短视频制作",
    "急救常识",
    "茶艺",
    "剪纸",
)

TITLE_TEMPLATES = (
    "{place}举办{year}年全民终身学习活动周",
    "{place}{year}年全民终身学习活动周{verb}",
    "{place}全民终身学习活动周{verb}",
    "{place}开展“{topic}”主题学习活动",
    "{place}推进{topic}工作取得新进展",
    "{place}{year}年终身学习活动周系列活动综述",
    "{place}组织{topic}进{venue}活动",
    "{place}召开{year}年全民终身学习活动周工作部署会",
    "{place}发布{year}年终身学习活动周活动安排",
    "{place}表彰一批学习型{unit}",
    "{place}全民终身学习活动周聚焦{topic}",
    "{place}：{topic}让市民共享学习成果",
)

BODY_OPENINGS = (
    "{month}月{day}日，{place}{year}年全民终身学习活动周{verb}，活动以“{theme}”为主题，由{organiser}主办。",
    "近日，{place}围绕“{theme}”主题举办{year}年全民终身学习活动周，{organiser}承办。",
    "{year}年{month}月，{place}组织开展{topic}主题学习活动，推动全民终身学习深入开展。",
)
BODY_MIDDLES = (
    "活动周期间，各区县组织{topic}、{topic2}和{topic3}等{events}余场学习活动，参与群众超过{people}万人次。",
    "图书馆、文化馆和{city}各街道学习中心面向市民免费开放，提供{course}、{course2}等体验课程。",
    "{organiser}有关负责人表示，将以活动周为契机，持续推进全民终身学习，加快建设学习型社会。",
    "活动还通过网络直播向{province}各地同步推送优质学习资源，线上学习人次超过{people}万。",
    "各学习型{unit}代表交流了开展{topic}的经验做法，现场气氛热烈。",
    "据介绍，{city}已连续多年举办活动周，{topic}已成为当地终身学习的一张名片。",
)
# A closing sentence for some bodies; none names a judged topic.
BODY_ASIDES = (
    "下一步，{city}将进一步完善终身学习服务体系，扩大优质学习资源供给。",
    "活动中还宣传了本地学习典型的学习事迹，激励更多群众参与学习。",
    "当地职业院校和街道学习中心也推出了开放课程。",
    "部分学校还组织了继续教育咨询活动。",
)


def _check(text: str) -> str:
    for word in RESERVED:
        if word in text:
            raise ValueError(f"distractor text names a judged entity ({word}): {text}")
    return text


def describe(seed: int, number: int, provinces: dict[str, tuple[str, str]]) -> dict:
    """Title, body paragraphs, date, region and source of distractor ``number``."""
    rng = random.Random(f"{seed}-{number}")
    slug = rng.choice(sorted(provinces))
    province_name, province_short = provinces[slug]
    city = rng.choice(CITIES[slug])
    city_name = city if city.endswith(("区", "新区")) else f"{city}市"
    place = rng.choice(
        (city_name, province_name, f"{province_name}{city_name}", f"{province_short}{city_name}")
    )
    year = rng.choice(YEARS)
    published = dt.datetime(
        year, rng.randint(3, 12), rng.randint(1, 28), rng.randint(8, 18), rng.choice((0, 30))
    )
    topic, topic2, topic3 = rng.sample(TOPICS, 3)
    course, course2 = rng.sample(COURSES, 2)
    organiser = rng.choice(ORGANISERS).format(province=province_name, city=city_name)
    values = {
        "place": place,
        "province": province_name,
        "city": city_name,
        "year": year,
        "month": published.month,
        "day": published.day,
        "topic": topic,
        "topic2": topic2,
        "topic3": topic3,
        "venue": rng.choice(VENUES),
        "unit": rng.choice(UNITS),
        "theme": rng.choice(THEMES),
        "verb": rng.choice(VERBS),
        "organiser": organiser,
        "course": course,
        "course2": course2,
        "events": rng.randint(3, 60) * 10,
        "people": rng.randint(1, 80),
    }
    title = _check(rng.choice(TITLE_TEMPLATES).format(**values))
    paragraphs = [rng.choice(BODY_OPENINGS).format(**values)]
    paragraphs += [
        middle.format(**values) for middle in rng.sample(BODY_MIDDLES, rng.randint(2, 4))
    ]
    if rng.random() < 0.35:
        paragraphs.append(rng.choice(BODY_ASIDES).format(**values))
    return {
        "slug": f"{SLUG_PREFIX}-{seed}-{number:05d}",
        "title": title,
        "paragraphs": [_check(text) for text in paragraphs],
        "published": published,
        "region": slug,
        "source": organiser,
    }


@contextmanager
def search_indexing_deferred():
    """Publish without updating search entries and indexes page by page:
    ``manage.py update_index``, which the benchmark runs next, rebuilds them
    all in bulk, several times faster than one index write per page."""
    from django.db.models.signals import post_delete, post_save
    from modelsearch import index as model_index
    from modelsearch.signal_handlers import post_delete_signal_handler, post_save_signal_handler
    from wagtail.signals import page_published

    from search import signals as search_signals

    models = [
        model
        for model in model_index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_delete.disconnect(post_delete_signal_handler, sender=model)
    page_published.disconnect(dispatch_uid="search-entry-published")
    try:
        yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)
            post_delete.connect(post_delete_signal_handler, sender=model)
        page_published.connect(search_signals.on_published, dispatch_uid="search-entry-published")


def create_distractors(count: int = DEFAULT_COUNT, seed: int = DEFAULT_SEED, progress=None) -> int:
    """Publish the distractors of ``seed`` numbered 0..count-1 that are not
    there yet; return how many were created. Needs a configured Django.
    Search entries and indexes are left to ``manage.py update_index``."""
    from wagtail.signal_handlers import disable_reference_index_auto_update

    # Distractors link to nothing, so Wagtail's reference index (the "usage"
    # counts of the admin) has nothing to learn from them.
    with search_indexing_deferred(), disable_reference_index_auto_update():
        return _create(count, seed, progress)


def _create(count: int, seed: int, progress) -> int:
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Locale, Revision

    from demo.tools import paragraph
    from lifelong_site.blocks.stream_data import raw_stream
    from lifelong_site.models import Region
    from news.models import NewsIndexPage, PressReleasePage

    locale = Locale.objects.get(language_code="zh-hans")
    index = NewsIndexPage.objects.get(locale=locale, slug="news")
    prefix = f"{SLUG_PREFIX}-{seed}-"
    existing = set(
        PressReleasePage.objects.child_of(index)
        .filter(slug__startswith=prefix)
        .values_list("slug", flat=True)
    )
    regions = {region.slug: region for region in Region.objects.filter(slug__in=list(CITIES))}
    provinces = {
        slug: (region.name_zh, region.short_name_zh or region.name_zh)
        for slug, region in regions.items()
    }
    missing = [number for number in range(count) if f"{prefix}{number:05d}" not in existing]
    if progress:
        progress(count - len(missing))
    created = 0
    # One transaction per batch: a commit per page costs more than the page.
    for start in range(0, len(missing), BATCH_SIZE):
        with transaction.atomic():
            pages = []
            for number in missing[start : start + BATCH_SIZE]:
                item = describe(seed, number, provinces)
                published = timezone.make_aware(item["published"])
                page = PressReleasePage(
                    title=item["title"],
                    slug=item["slug"],
                    locale=locale,
                    published_at=published,
                    source=item["source"],
                    region=regions[item["region"]],
                    body=raw_stream(item["slug"], [paragraph(text) for text in item["paragraphs"]]),
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published,
                    last_published_at=published,
                )
                index.add_child(instance=page)
                pages.append(page)
                if progress:
                    progress(1)
            _add_revisions(pages, Revision, PressReleasePage)
            created += len(pages)
    return created


def _add_revisions(pages: list, revision_model, page_model) -> None:
    """What save_revision().publish() leaves behind on a page already saved
    live: a revision holding its content, as both its latest and its live
    revision (Wagtail's editor and its "compare" view read them)."""
    revisions = revision_model.objects.bulk_create(
        revision_model(
            content_object=page,
            base_content_type_id=page.get_base_content_type().pk,
            object_str=page.title[:255],
            content=page.serializable_data(),
            created_at=page.last_published_at,
        )
        for page in pages
    )
    for page, revision in zip(pages, revisions, strict=True):
        page_model.objects.filter(pk=page.pk).update(
            latest_revision=revision, live_revision=revision
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--sample",
        type=int,
        default=0,
        help="only print this many generated titles; touch no database",
    )
    args = parser.parse_args()
    if args.sample:
        names = {slug: (slug, slug) for slug in CITIES}
        for number in range(args.sample):
            item = describe(args.seed, number, names)
            print(item["published"].date(), item["title"], "|", " ".join(item["paragraphs"])[:80])
        return
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    started = time.monotonic()
    created = create_distractors(args.count, args.seed)
    print(
        f"{created} distractors created in {time.monotonic() - started:.1f}s (seed {args.seed}, count {args.count})"
    )
    print("Run `manage.py update_index` to make them searchable.")


if __name__ == "__main__":
    main()
