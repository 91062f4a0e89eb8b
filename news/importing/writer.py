"""Writing an extracted article as a page: a press release or a notice under
the listing of the chosen language, linked to its year's week (a draft stub
week is created when the year has none). The same file always maps to the
same page; a changed file becomes a new revision of it.

With ``publish=False`` the page is saved as a draft revision for the review
workflow: a new page is not live, and a live page keeps its public version
until the draft is published. With ``publish=True`` the revision is
published at once."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from html import escape
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page

from campaigns.models import CampaignIndexPage, CampaignWeekPage
from campaigns.models.weeks import FIRST_WEEK_YEAR
from lifelong_site.blocks.stream_data import raw_stream
from lifelong_site.document_numbers import parse_document_number
from lifelong_site.models import HomePage, Organisation
from news.models import NewsIndexPage, NoticeIndexPage, NoticeIssuer, NoticePage, PressReleasePage

from .extract import ExtractedArticle
from .places import find_region
from .reading import UnreadableFile, read_file_bytes

# When only the year is known and its week has no dates: the middle of the year.
DEFAULT_MONTH_DAY = (7, 1)
SLUG_LENGTH = 60


@dataclass(frozen=True)
class WriteResult:
    action: str  # "created", "updated" or "unchanged"
    page: Page
    notes: tuple[str, ...] = ()
    published: bool = False  # whether this import published the page (else it saved a draft)


def file_checksum(path: Path) -> str:
    return data_checksum(read_file_bytes(path))


def data_checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def import_key(locale: Locale, relative_path: str) -> str:
    return f"{locale.language_code}:{relative_path}"


def find_imported(key: str, locale: Locale) -> PressReleasePage | NoticePage | None:
    for model in (PressReleasePage, NoticePage):
        page = model.objects.filter(import_key=key, locale=locale).first()
        if page is not None:
            return page
    return None


def imported_checksum(page: PressReleasePage | NoticePage) -> str:
    """The checksum of the file as last imported into ``page``: its latest
    revision's, since an import saved as a draft is newer than the live page."""
    revision = page.latest_revision
    if revision is not None and "import_checksum" in revision.content:
        return revision.content["import_checksum"]
    return page.import_checksum


def write_article(
    article: ExtractedArticle,
    *,
    key: str,
    checksum: str,
    locale: Locale,
    campaign_year: int | None = None,
    publish: bool = False,
) -> WriteResult:
    existing = find_imported(key, locale)
    if existing is not None and imported_checksum(existing) == checksum:
        return WriteResult("unchanged", existing)
    if existing is not None:
        # Start from the latest draft, not the live page, so an editor's
        # changes to what the import does not set (a lead image, tags) stay.
        existing = existing.get_latest_revision_as_object()
    notes: list[str] = list(article.warnings)
    week, week_note = week_for(campaign_year or article.year, locale)
    if week_note:
        notes.append(week_note)
    # A page keeps its type: a re-import never turns a release into a notice.
    model = (
        type(existing)
        if existing is not None
        else (NoticePage if article.kind == "notice" else PressReleasePage)
    )
    page = existing or model(
        locale=locale,
        slug=_unique_slug(_slug_base(article, key), _listing(model, locale)),
        live=False,
    )
    page.import_key, page.import_checksum = key, checksum
    _fill(page, article, week)
    if isinstance(page, NoticePage):
        _set_issuers(page, article)
    try:
        if existing is None:
            # Saved not live: only publishing the revision below makes it public.
            _listing(model, locale).add_child(instance=page)
        revision = page.save_revision(log_action=True)
        if publish:
            revision.publish()
    except ValidationError as error:
        raise UnreadableFile("; ".join(error.messages)) from error
    if existing is not None and existing.live and not publish:
        notes.append(
            "saved as a draft: the published page is unchanged until the draft is published"
        )
    return WriteResult(
        "updated" if existing is not None else "created", page, tuple(notes), published=publish
    )


def _listing(model: type[Page], locale: Locale) -> Page:
    listing_model = NoticeIndexPage if model is NoticePage else NewsIndexPage
    home = HomePage.objects.filter(locale=locale).first()
    listing = listing_model.objects.child_of(home).first() if home is not None else None
    if listing is None:
        raise UnreadableFile(
            f"the {locale.language_code} site has no {listing_model._meta.verbose_name} section to import into"
        )
    return listing


def _slug_base(article: ExtractedArticle, key: str) -> str:
    """English titles give readable slugs; Chinese ones would become long
    percent-encoded URLs when shared, so they get the year and a short id."""
    readable = slugify(article.title)[:SLUG_LENGTH].strip("-")
    if len(readable) >= 12:
        return readable
    return f"{article.year or 'archive'}-{hashlib.sha1(key.encode()).hexdigest()[:8]}"


def _unique_slug(base: str, parent: Page) -> str:
    taken = set(
        Page.objects.child_of(parent).filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _fill(
    page: PressReleasePage | NoticePage, article: ExtractedArticle, week: CampaignWeekPage | None
) -> None:
    page.title = article.title[:255]
    page.published_at = timezone.make_aware(article.published or _inferred_day(article.year, week))
    page.date_is_approximate = article.date_is_approximate
    page.source = article.source[:120]
    page.reprinted_from = article.reprinted_from[:200]
    page.author = article.author[:120]
    page.region = find_region([article.title, *article.plain_text[:3]])
    page.campaign_week = week
    blocks = list(article.blocks)
    if article.annexes:
        blocks += [
            (
                "heading",
                {
                    "text": "附件" if page.locale.language_code == "zh-hans" else "Annexes",
                    "level": "h2",
                },
            ),
            ("numbered_list", {"items": [_escape_paragraph(title) for title in article.annexes]}),
        ]
    if isinstance(page, NoticePage):
        page.document_number = article.document_number
        page.addressees = article.addressees
        page.signed_on = article.signed_on
        if article.document_number_as_printed and not article.document_number:
            # Kept readable on the page, never stored as a (wrong) 文号.
            label = (
                "原文所载文号"
                if page.locale.language_code == "zh-hans"
                else "Document number as printed"
            )
            blocks.insert(
                0,
                ("paragraph", _escape_paragraph(f"{label}: {article.document_number_as_printed}")),
            )
    # Block ids derive from the import key, so a re-import keeps them.
    page.body = raw_stream(f"import/{page.import_key}", blocks)


def _escape_paragraph(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def _inferred_day(year: int | None, week: CampaignWeekPage | None) -> dt.datetime:
    day = (week.ceremony_on or week.starts_on) if week is not None else None
    if day is not None:
        return dt.datetime(day.year, day.month, day.day)
    if year is None:
        raise UnreadableFile("no publication date")
    return dt.datetime(year, *DEFAULT_MONTH_DAY)


def _set_issuers(page: NoticePage, article: ExtractedArticle) -> None:
    """The issuing body, when the 文号's 机关代字 names one we know."""
    parsed = parse_document_number(article.document_number) if article.document_number else None
    if parsed is None or (page.pk and page.issuers.exists()):
        return
    # The longest matching 代字 names the body: 教职成厅 before 教.
    matches = [
        (len(abbreviation), organisation)
        for organisation in Organisation.objects.exclude(abbreviation="")
        for abbreviation in organisation.abbreviations
        if parsed.prefix.startswith(abbreviation)
    ]
    if matches:
        page.issuers = [
            NoticeIssuer(organisation=max(matches, key=lambda match: match[0])[1], sort_order=0)
        ]


def week_for(year: int | None, locale: Locale) -> tuple[CampaignWeekPage | None, str]:
    """The Chinese week of ``year`` (articles link to the source week in every
    language), creating a draft stub when the archive has none yet."""
    if year is None or year < FIRST_WEEK_YEAR:
        return None, ""
    source_locale = Locale.get_default()
    week = CampaignWeekPage.objects.filter(year=year, locale=source_locale).first()
    if week is not None:
        return week, ""
    index = CampaignIndexPage.objects.filter(locale=source_locale).first()
    if index is None:
        return (
            None,
            f"no archive of weeks to add a {year} week to; the article is not linked to a week",
        )
    week = CampaignWeekPage(
        title=f"{year}年全民终身学习活动周",
        slug=str(year),
        year=year,
        edition=year - FIRST_WEEK_YEAR + 1,
        locale=source_locale,
        live=False,
    )
    index.add_child(instance=week)
    week.save_revision(log_action=True)
    return (
        week,
        f"created a draft stub page for the {year} week; complete and publish it in the admin",
    )
