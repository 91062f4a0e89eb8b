"""Demo content for search: a promoted result for a common query in each
language, approved popular searches in both languages so the search page's
"大家都在搜" list and the autocomplete have something to show, and a day of
searches for the Reports → Search terms report. Idempotent: the same rows
are updated on every run."""

from __future__ import annotations

from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Locale

from demo.report import DemoReport
from news.models import NoticePage
from search.models import PopularSearch

PROMOTIONS = {
    "zh-hans": ("活动周通知", "年度活动周的正式通知（含附件）。"),
    "en": ("notice", "The official notice of this year's Activity Week, with its annexes."),
}
# Approved popular searches per language, with the distinct clients that
# order them (most searched first).
POPULAR_SEARCHES = {
    "zh-hans": {
        "沈阳": 42,
        "终身学习": 37,
        "学习之星": 29,
        "开幕式": 25,
        "社区教育": 12,
        "教职成厅函〔2024〕7号": 8,
    },
    "en": {"opening ceremony": 9, "shenyang": 7, "learning star": 5},
}


def load(report: DemoReport) -> None:
    _promote_notices(report)
    today = timezone.localdate()
    for language, terms in POPULAR_SEARCHES.items():
        for text, clients in terms.items():
            counts = {"clients": clients, "results": 1, "last_seen": today}
            # Approved when created; a decision an editor made since is kept.
            PopularSearch.objects.update_or_create(
                term=text,
                language=language,
                defaults=counts,
                create_defaults={**counts, "status": PopularSearch.Status.APPROVED},
            )
            query = Query.get(text)
            _row, created = QueryDailyHits.objects.update_or_create(
                query=query, date=today, defaults={"hits": clients}
            )
            if created:
                # Older demo days are dropped so the counts stay as listed.
                QueryDailyHits.objects.filter(query=query).exclude(date=today).delete()
    total = sum(len(terms) for terms in POPULAR_SEARCHES.values())
    report.record(f"搜索：{total} 个已批准的热门搜索词（中英文）", created=False)


def _promote_notices(report: DemoReport) -> None:
    for language_code, (text, description) in PROMOTIONS.items():
        locale = Locale.objects.filter(language_code=language_code).first()
        notice = (
            NoticePage.objects.live()
            .filter(locale=locale, document_number="教职成厅函〔2024〕7号")
            .first()
            if locale
            else None
        )
        if notice is None:
            report.notes.append(
                f"search demo: no live 2024 notice in {language_code}; no promoted result"
            )
            continue
        query = Query.get(text)
        _pick, created = SearchPromotion.objects.update_or_create(
            query=query, sort_order=0, defaults={"page": notice, "description": description}
        )
        report.record(f"推荐搜索结果 “{text}” → {notice.title}", created)
