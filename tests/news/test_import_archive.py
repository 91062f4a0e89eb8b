"""`manage.py import_archive`: saved pages and texts become articles with
their dates, sources, types, regions and weeks; bad files are reported and
the batch goes on; a second run changes nothing; --dry-run writes nothing."""

from __future__ import annotations

import datetime as dt
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Page

from campaigns.models import CampaignWeekPage
from lifelong_site.translation.tools import translate_instance
from news.importing.extract import extract, heading_level
from news.importing.reading import UnreadableFile, decode, html_to_document, read_source
from news.models import NoticePage, PressReleasePage
from tests.factories.campaigns import CampaignIndexPageFactory, CampaignWeekPageFactory

pytestmark = pytest.mark.django_db

ARCHIVE = Path(__file__).parent / "archive"


def run_import(*args: str) -> tuple[str, str, int]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_archive", *args, stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        err.write(str(error))
        code = error.returncode
    return out.getvalue(), err.getvalue(), code


@pytest.fixture
def archive_site(site_tree, news_tree):
    index = CampaignIndexPageFactory(parent=site_tree.home_zh)
    CampaignWeekPageFactory(parent=index, year=2017, host_city="大连")
    CampaignWeekPageFactory(parent=index, year=2024, ceremony_on=dt.date(2024, 4, 26))
    for listing, title in ((news_tree.news, "News"), (news_tree.notices, "Notices")):
        translate_instance(listing, site_tree.en, {listing.title: title})
    return site_tree


# --- Reading and extraction ------------------------------------------------------------


def test_gbk_pages_are_decoded_and_bad_bytes_refused():
    assert "浙江省" in decode("<meta charset='gb2312'>浙江省".encode("gbk"))
    assert decode("活动周".encode()) == "活动周"
    with pytest.raises(UnreadableFile, match="bad encoding"):
        decode(bytes([0x81, 0x30, 0xFF, 0xFE, 0x80, 0x7F, 0xC3, 0x28]) * 40)
    with pytest.raises(UnreadableFile, match="empty"):
        decode(b" \n ")


def test_a_saved_chinese_page_loses_its_furniture_and_keeps_its_facts():
    article = extract(read_source(ARCHIVE / "zh" / "zhejiang-2009-opening.html"))
    assert article.title == "浙江省2009年全民终身学习活动周在杭州开幕"
    assert article.published == dt.datetime(2009, 10, 23, 9, 30) and not article.date_is_approximate
    assert article.source == "浙江省教育厅"
    assert article.kind == "press_release"
    text = " ".join(article.plain_text)
    for furniture in (
        "打印",
        "关闭",
        "浏览次数",
        "分享到",
        "技术支持",
        "版权所有",
        "当前位置",
        "ICP",
    ):
        assert furniture not in text
    assert [block for block in article.blocks if block[0] == "heading"] == [
        ("heading", {"text": "一、主要活动", "level": "h2"}),
        ("heading", {"text": "二、工作要求", "level": "h2"}),
    ]
    assert (
        "paragraph",
        "<ul><li>社区学院开放课堂</li><li>老年大学体验课</li></ul>",
    ) in article.blocks


def test_a_notice_is_recognised_by_its_document_number_and_addressees():
    article = extract(read_source(ARCHIVE / "zh" / "notice-2010.html"))
    assert article.kind == "notice"
    assert article.document_number == "教职成厅函〔2010〕12号"  # typed with [ ], stored with 〔〕
    assert article.addressees.startswith("各省、自治区、直辖市教育厅")
    assert article.annexes == ["2010年各地活动周安排表", "活动周总结表"]
    assert article.signed_on == dt.date(2010, 9, 1)
    assert (
        "heading",
        {"text": "（一）各地于10月至11月举办活动周。", "level": "h3"},
    ) not in article.blocks


def test_the_samples_from_earlier_sites():
    dalian = extract(read_source(ARCHIVE / "en" / "dalian-2017-opening.txt"))
    assert dalian.title == "Dalian stages Lifelong-Learning-for-All Week"
    assert (
        dalian.published is None and dalian.date_is_approximate and dalian.year == 2017
    )  # "Yesterday"

    shenyang = extract(read_source(ARCHIVE / "en" / "shenyang-2024-opening-press-release.txt"))
    assert shenyang.title == "Opening Ceremony of Lifelong Learning Week 2024 held in Shenyang"
    assert shenyang.published == dt.datetime(2024, 4, 27) and shenyang.source == "www.moe.gov.cn"
    assert shenyang.kind == "press_release"

    notice = extract(read_source(ARCHIVE / "en" / "notice-2024-week-five-departments.txt"))
    assert notice.kind == "notice"
    assert notice.title.startswith("The notice of the five departments")
    # The machine-translated 文号 is kept as printed, never stored as a 文号.
    assert notice.document_number == "" and "[2024] No. 7" in notice.document_number_as_printed
    headings = [value["text"] for kind, value in notice.blocks if kind == "heading"]
    assert headings == [
        "1. Overall requirements",
        "2. Event theme",
        "3. Event arrangement",
        "Fourth, activity content",
        "5. Organizational guarantee",
    ]
    assert len(notice.annexes) == 3
    assert "Search for:" not in " ".join(notice.plain_text)


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("一、总体要求", "h2"),
        ("（二）活动安排", "h3"),
        ("1. Overall requirements", "h2"),
        ("(1) Innovate special learning activities.All localities must innovate carriers", None),
        ("二、活动主题是让学习成为一种生活方式。各地要结合实际。", None),
        ("普通的一句话", None),
    ],
)
def test_numbered_sections_become_headings_only_when_short(line, level):
    assert heading_level(line) == level


def test_a_page_of_only_furniture_has_no_title():
    with pytest.raises(UnreadableFile, match="no recognisable title"):
        extract(
            html_to_document("<html><body><div class='print'>【打印】【关闭】</div></body></html>")
        )


# --- The command ---------------------------------------------------------------------------------------


def test_import_reports_every_file_and_fails_only_for_bad_ones(archive_site):
    out, err, code = run_import(str(ARCHIVE / "zh"))
    assert code == 1
    assert (
        "7 file(s): 3 created, 0 updated, 1 skipped, 3 failed; 3 saved as drafts, 0 published"
        in out
    )
    assert "bad-encoding.txt: bad encoding" in err
    assert "empty.txt: empty file" in err
    assert "no-title.html: no recognisable title" in err
    assert "skipped   cover.png" in out

    release = PressReleasePage.objects.get(title="浙江省2009年全民终身学习活动周在杭州开幕")
    # Drafts for the review workflow unless --publish is given.
    assert (
        not release.live
        and release.has_unpublished_changes
        and release.locale.language_code == "zh-hans"
    )
    assert not PressReleasePage.objects.live().exists() and not NoticePage.objects.live().exists()
    assert timezone.localtime(release.published_at).replace(tzinfo=None) == dt.datetime(
        2009, 10, 23, 9, 30
    )
    assert release.region.slug == "zhejiang" and release.source == "浙江省教育厅"
    # No 2009 week in the archive yet: a draft stub is created and linked.
    stub = release.campaign_week
    assert stub.year == 2009 and stub.edition == 5 and not stub.live

    relative = PressReleasePage.objects.get(title="四川省举办社区教育成果展")
    assert relative.date_is_approximate and relative.published_at.year == 2012
    assert relative.region.slug == "sichuan" and relative.reprinted_from == "四川日报"

    notice = NoticePage.objects.get(document_number="教职成厅函〔2010〕12号")
    assert [issuer.organisation.slug for issuer in notice.issuers.all()] == ["moe-general-office"]
    assert notice.signed_on == dt.date(2010, 9, 1) and notice.index_number == ""


def test_importing_again_changes_nothing_and_a_changed_file_is_a_new_revision(
    archive_site, tmp_path
):
    folder = tmp_path / "saved"
    shutil.copytree(ARCHIVE / "zh", folder)
    for name in ("bad-encoding.txt", "empty.txt", "no-title.html", "cover.png"):
        (folder / name).unlink()
    run_import(str(folder))
    pages = Page.objects.count()
    out, _err, code = run_import(str(folder))
    assert code == 0 and "3 file(s): 0 created, 0 updated, 3 skipped, 0 failed" in out
    assert Page.objects.count() == pages

    release = PressReleasePage.objects.get(title="四川省举办社区教育成果展")
    revisions = release.revisions.count()
    changed = (
        (folder / "relative-2012.txt").read_text(encoding="utf-8").replace("300余件", "500余件")
    )
    (folder / "relative-2012.txt").write_text(changed, encoding="utf-8")
    out, _err, code = run_import(str(folder))
    assert "0 created, 1 updated, 2 skipped" in out
    release.refresh_from_db()
    assert release.revisions.count() == revisions + 1
    assert "500余件" in str(release.get_latest_revision_as_object().body)
    assert Page.objects.count() == pages


def test_a_dry_run_writes_nothing(archive_site):
    pages = Page.objects.count()
    out, _err, code = run_import(str(ARCHIVE / "en"), "--locale", "en", "--dry-run")
    assert code == 0
    assert "would create" in out and "(dry run: nothing was written)" in out
    assert Page.objects.count() == pages


def test_english_articles_go_to_the_english_site_and_link_the_week(archive_site):
    out, _err, code = run_import(str(ARCHIVE / "en"), "--locale", "en")
    assert code == 0 and "3 created" in out
    shenyang = PressReleasePage.objects.get(
        title="Opening Ceremony of Lifelong Learning Week 2024 held in Shenyang"
    )
    assert shenyang.locale.language_code == "en" and shenyang.url.startswith("/en/")
    assert shenyang.campaign_week.year == 2024 and shenyang.region.slug == "liaoning"
    dalian = PressReleasePage.objects.get(title="Dalian stages Lifelong-Learning-for-All Week")
    assert (
        dalian.date_is_approximate
        and dalian.published_at.year == 2017
        and dalian.region.slug == "liaoning"
    )
    notice = NoticePage.objects.get(locale__language_code="en")
    assert notice.document_number == ""
    assert "Document number as printed" in str(notice.body)
    assert (
        CampaignWeekPage.objects.filter(year=2024).count() == 1
    )  # no stub for a year that has a week


def test_campaign_year_links_every_article_to_that_week(archive_site):
    run_import(
        str(ARCHIVE / "en" / "shenyang-2024-opening-press-release.txt"),
        "--locale",
        "en",
        "--campaign-year",
        "2017",
    )
    assert PressReleasePage.objects.get(locale__language_code="en").campaign_week.year == 2017


def test_a_missing_folder_is_a_clear_error(archive_site):
    _out, err, code = run_import("/nonexistent/archive")
    assert code == 1 and "does not exist" in err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("发布时间：2024-04-27 09:30", dt.datetime(2024, 4, 27, 9, 30)),
        ("2024/4/27", dt.datetime(2024, 4, 27)),
        ("2024.04.27", dt.datetime(2024, 4, 27)),
        ("2024年4月27日 09:30:00", dt.datetime(2024, 4, 27, 9, 30)),
        ("二〇二四年四月二十七日", dt.datetime(2024, 4, 27)),
        ("二〇一〇年十月十二日", dt.datetime(2010, 10, 12)),
        ("April 27, 2024", dt.datetime(2024, 4, 27)),
        ("Posted: 27 April 2024 10:05", dt.datetime(2024, 4, 27, 10, 5)),
        ("Apr. 27th, 2024", dt.datetime(2024, 4, 27)),
    ],
)
def test_dates_in_every_form(text, expected):
    from news.importing.dates import find_date

    assert find_date(text).value == expected


@pytest.mark.parametrize("text", ["昨天", "Yesterday", "3天前", "2 days ago", "今日"])
def test_relative_dates_are_recognised(text):
    from news.importing.dates import find_date, is_relative

    assert is_relative(text) and find_date(text) is None
