"""Demo content of the news app: the two listings (新闻发布, 通知公告), the 2024
five-department notice with its annexes (demo.news.notice), and press releases
from 2005 to 2024 (demo.news.releases), Chinese first and English as the
wagtail-localize translation.

Facts of the 2024 opening ceremony and notice come from their public
versions; the wording here is our own. The shorter releases are generic demo
items (their details are illustrative), enough for the listing to need a
second page. Running the loader again updates everything in place.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Locale, Page

from demo.campaigns.weeks import get_week
from demo.news.notice import ensure_notice
from demo.news.releases import RELEASES, ensure_release, ensure_shenyang_release
from demo.report import DemoReport
from demo.tools import Strings, find_or_add_child, publish, source_home, translate
from lifelong_site.models import HomePage
from lifelong_site.reference_data import ensure_reference_data
from news.models import NewsIndexPage, NoticeIndexPage

Pair = tuple[str, str]

NEWS_SLUG = "news"
NOTICES_SLUG = "notices"


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
