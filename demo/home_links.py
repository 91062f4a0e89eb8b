"""The home pages' quick links (快捷入口): the weeks archive, the news and the
notices, chosen with page choosers as an editor would, for both home pages
(the English home lists the same sections; it shows their English versions).
Runs after the loaders that make those sections."""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Page

from campaigns.models import CampaignIndexPage
from demo.report import DemoReport
from demo.tools import source_home
from lifelong_site.models import HomePage, HomeQuickLink
from news.models import NewsIndexPage, NoticeIndexPage

SECTION_TYPES = (CampaignIndexPage, NewsIndexPage, NoticeIndexPage)


def chosen_sections(home: HomePage) -> list[Page]:
    """The home's children of the section types, in tree order."""
    sections = []
    for model in SECTION_TYPES:
        sections.extend(model.objects.child_of(home))
    return sorted(sections, key=lambda page: page.path)


@transaction.atomic
def load(report: DemoReport) -> None:
    source, _zh, _english = source_home()
    sections = chosen_sections(source)
    for home in HomePage.objects.filter(translation_key=source.translation_key):
        existing = list(home.quick_links.values_list("link_page__translation_key", flat=True))
        wanted = [section.translation_key for section in sections]
        if existing == wanted:
            report.record(f"快捷入口 ({home.locale.language_code})", False)
            continue
        HomeQuickLink.objects.filter(page=home).delete()
        for order, section in enumerate(sections):
            HomeQuickLink.objects.create(page=home, link_page=section, sort_order=order)
        report.record(f"快捷入口 ({home.locale.language_code})", True)
