"""Template tags for the news templates: dates per locale, listing filters and
pagination links, language attributes, the share QR code, Open Graph helpers
and the JSON-LD data block of articles."""

from __future__ import annotations

import datetime as dt
import functools
import io
import mimetypes
import re
from dataclasses import dataclass
from typing import Any

import segno
from django import template
from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from lifelong_site.dates import iso, local_date, local_datetime
from lifelong_site.i18n import bcp47, is_english
from lifelong_site.json_ld import json_for_script
from lifelong_site.navigation import language_code_of, locales_by_code
from lifelong_site.public_pages import public
from wagtail.models import Site

from news.article_context import page_tags
from news.filters import FacetOption, ListingFilters
from news.models import NoticePage, PressReleasePage

register = template.Library()

# Same rendition as the share preview in og:image and the JSON-LD image: JPEG
# because several chat apps that unfurl links in China still ignore WebP.
SHARE_IMAGE_FILTER = "fill-1200x630|format-jpeg"
DESCRIPTION_LENGTH = 120
# CJK Unified Ideographs and Extension A: enough to tell Chinese text apart.
_HAN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN_RE = re.compile("[A-Za-z]")
_LANGUAGE_NAMES = {"zh-hans": gettext_lazy("中文"), "en": gettext_lazy("英文")}


# --- Dates ---------------------------------------------------------------------


register.filter("local_date", local_date)
register.filter("local_datetime", local_datetime)


# --- Languages -----------------------------------------------------------------


def _is_mostly_chinese(text: str) -> bool:
    """More Han characters than Latin letters: a 文号 or an untranslated
    summary is Chinese; an English title quoting a 文号 is not."""
    han = len(_HAN_RE.findall(text))
    latin = len(_LATIN_RE.findall(text))
    return han > 0 and han >= latin


@register.simple_tag
def lang_attr(text: str | None) -> SafeString:
    """` lang="zh-Hans"` for Chinese text on a page in another language (a
    文号, a tag typed in Chinese, a field not yet translated), so screen
    readers switch voice; else nothing."""
    if text and is_english() and _is_mostly_chinese(str(text)):
        return mark_safe(' lang="zh-Hans"')
    return mark_safe("")


@dataclass(frozen=True)
class LanguageLabel:
    tag: str  # BCP 47, for the lang attribute
    native: str  # the language's name in itself: 中文, English
    local: str  # its name in the page language


@register.simple_tag
def language_label(language_code: str) -> LanguageLabel:
    native = settings.LANGUAGE_SWITCHER_LABELS.get(language_code, language_code)
    local = _LANGUAGE_NAMES.get(language_code, language_code)
    return LanguageLabel(tag=bcp47(language_code), native=str(native), local=str(local))


@register.simple_tag
def og_locale() -> str:
    return "en_US" if is_english() else "zh_CN"


@register.filter
def display_names(organisations: list[Any]) -> str:
    """Issuing bodies in one line: 、 between Chinese names, ; between English
    ones (English names may themselves contain commas)."""
    separator = "; " if is_english() else "、"
    return separator.join(organisation.display_name for organisation in organisations)


@register.filter
def notice_issuers(item: Any) -> list[Any]:
    """A notice's issuing bodies in order (uses the listing's prefetch); [] for
    other page types."""
    issuers = getattr(item, "issuers", None)
    if issuers is None:
        return []
    return [issuer.organisation for issuer in issuers.all()]


# --- URLs ---------------------------------------------------------------------


@register.simple_tag(takes_context=True)
def full_url(context: template.Context, page: Any) -> str:
    """The page's absolute URL (share link, QR code, og:url)."""
    return page.get_full_url(context.get("request")) or ""


@register.simple_tag(takes_context=True)
def absolute_url(context: template.Context, url: str) -> str:
    request: HttpRequest | None = context.get("request")
    return request.build_absolute_uri(url) if request is not None else url


# --- Listing filters and pagination -------------------------------------------


@dataclass(frozen=True)
class FilterChoice:
    value: str
    label: str
    count: int
    selected: bool


@register.simple_tag
def filter_choices(
    facets: dict[str, list[FacetOption]], name: str, current: Any
) -> list[FilterChoice]:
    """The options of one filter <select>, the current value marked selected.
    Only real options are listed: a value from the address that matches none
    is never printed back (the listing ignores it and says so)."""
    current_value = "" if current in (None, "") else str(current)
    return [
        FilterChoice(
            str(option.value), str(option.label), option.count, str(option.value) == current_value
        )
        for option in facets.get(name, [])
    ]


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: a gap (…) between page numbers
    url: str
    is_current: bool


@dataclass(frozen=True)
class Pagination:
    previous_url: str
    next_url: str
    links: list[PageLink]


def _listing_page_url(path: str, filters: ListingFilters, number: int) -> str:
    # Page 1 drops the page parameter; the path keeps the link absolute, so an
    # empty query string never resolves to the current (paged) URL.
    return path + filters.query_string(page=number)


@register.simple_tag(takes_context=True)
def pagination(
    context: template.Context, page_obj: PaginatorPage | None, filters: ListingFilters
) -> Pagination | None:
    """Links for the listing's pages, keeping the reader's filters."""
    if page_obj is None or page_obj.paginator.num_pages < 2:
        return None
    request: HttpRequest = context["request"]
    path = request.path
    links = [
        PageLink(None, "", False)
        if not isinstance(number, int)
        else PageLink(number, _listing_page_url(path, filters, number), number == page_obj.number)
        for number in page_obj.paginator.get_elided_page_range(
            page_obj.number, on_each_side=2, on_ends=1
        )
    ]
    return Pagination(
        previous_url=_listing_page_url(path, filters, page_obj.previous_page_number())
        if page_obj.has_previous()
        else "",
        next_url=_listing_page_url(path, filters, page_obj.next_page_number())
        if page_obj.has_next()
        else "",
        links=links,
    )


# --- Notices --------------------------------------------------------------------


@dataclass(frozen=True)
class Validity:
    state: str  # "repealed", "pending" (not yet in force) or "valid"
    valid_from: dt.date | None
    repealed_on: dt.date | None


@register.simple_tag
def notice_validity(page: Any) -> Validity:
    today = timezone.localdate()
    if page.is_repealed:
        state = "repealed"
    elif page.valid_from and page.valid_from > today:
        state = "pending"
    else:
        state = "valid"
    return Validity(state, page.valid_from, page.repealed_on)


# --- Tags ----------------------------------------------------------------------------


@register.simple_tag
def article_tags(page: Any) -> list[Any]:
    """The page's tags, fetched once per request although the meta tags, the
    JSON-LD and the tag list all show them."""
    return page_tags(page)


# --- Share: QR code --------------------------------------------------------------


@register.simple_tag
def qr_code_svg(url: str, title: str = "") -> SafeString:
    """An inline SVG QR code of ``url``, drawn on the server so it needs no
    script and no third-party service. ``title`` names it for screen readers
    (segno escapes it)."""
    if not url:
        return mark_safe("")
    return mark_safe(_qr_svg(url, title or url))


@functools.lru_cache(maxsize=2048)
def _qr_svg(url: str, title: str) -> str:
    # Drawing a code costs about a millisecond; a page's URL and title rarely
    # change, so each one is drawn once per process, not on every request.
    code = segno.make(url, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(
        buffer,
        kind="svg",
        xmldecl=False,
        svgns=True,
        nl=False,
        scale=4,
        border=4,
        dark="#000",
        light="#fff",
        title=title,
        svgclass="qr-code",
        lineclass=None,
    )
    svg = buffer.getvalue().decode("utf-8")
    # role="img" makes the <title> its accessible name in every screen reader.
    return svg.replace("<svg ", '<svg role="img" focusable="false" ', 1)


# --- Open Graph and JSON-LD --------------------------------------------------------


@register.simple_tag
def share_image(image: Any) -> Any:
    """The rendition used for og:image and JSON-LD, or None if the source
    file cannot be read (the page must still render)."""
    if image is None:
        return None
    try:
        return image.get_rendition(SHARE_IMAGE_FILTER)
    except OSError:  # Wagtail's SourceImageIOError: the original file is missing
        return None


def _first_paragraph_text(page: Any) -> str:
    for block in getattr(page, "body", None) or []:
        if block.block_type == "paragraph":
            text = " ".join(strip_tags(block.value.source).split())
            if text:
                return text
    return ""


@register.simple_tag
def article_description(page: Any) -> str:
    """One or two sentences for previews: the editor's description if any,
    otherwise the notice summary, the subtitle or the opening paragraph."""
    text = (
        page.search_description
        or getattr(page, "summary", "")
        or page.subtitle
        or _first_paragraph_text(page)
    )
    return Truncator(text).chars(DESCRIPTION_LENGTH)


def _organisation(name: str, url: str = "") -> dict[str, str]:
    data = {"@type": "Organization", "name": name}
    if url:
        data["url"] = url
    return data


def _site_publisher(request: HttpRequest | None, page: Any) -> dict[str, str]:
    """The site's organiser (主办单位) as publisher, or the site name."""
    from lifelong_site.templatetags.site_tags import identity_for_request

    # Site.find_for_request is memoised on the request; page.get_site() is a query.
    site = Site.find_for_request(request) if request is not None else page.get_site()
    home_url = (site.root_page.get_full_url(request) or "") if site is not None else ""
    if request is None:
        return _organisation(settings.WAGTAIL_SITE_NAME, home_url)
    identity = identity_for_request(request).for_language(translation.get_language())
    return _organisation(identity.organiser or identity.site_name, home_url)


def _image_data(request: HttpRequest | None, page: Any) -> dict[str, Any] | None:
    rendition = share_image(page.lead_image)
    if rendition is None:
        return None
    url = request.build_absolute_uri(rendition.url) if request is not None else rendition.url
    return {
        "@type": "ImageObject",
        "url": url,
        "width": rendition.width,
        "height": rendition.height,
    }


def _common_data(page: Any, request: HttpRequest | None, url: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "headline": page.title,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": iso(page.published_at),
        "dateModified": iso(page.last_published_at or page.published_at),
        "inLanguage": bcp47(
            language_code_of(request, page) if request is not None else page.locale.language_code
        ),
        "isAccessibleForFree": True,
    }
    description = article_description(page)
    if description:
        data["description"] = description
    keywords = [tag.name for tag in article_tags(page)]
    if keywords:
        data["keywords"] = keywords
    image = _image_data(request, page)
    if image is not None:
        data["image"] = image
    return data


def _press_release_data(page: Any, request: HttpRequest | None) -> dict[str, Any]:
    publisher = _site_publisher(request, page)
    department = (
        _organisation(page.department.display_name, page.department.website)
        if page.department
        else None
    )
    if page.author:
        author: dict[str, str] = {"@type": "Person", "name": page.author}
    else:
        author = department or publisher
    data: dict[str, Any] = {"@type": "NewsArticle", "author": author, "publisher": publisher}
    if department:
        data["sourceOrganization"] = department
    return data


def _annex_media(annexes: list[Any], request: HttpRequest | None) -> list[dict[str, Any]]:
    media = []
    for annex in annexes:
        document = annex.document
        if document is None:
            continue
        item: dict[str, Any] = {
            "@type": "MediaObject",
            "name": _("附件%(number)s：%(title)s") % {"number": annex.number, "title": annex.title},
            "contentUrl": request.build_absolute_uri(document.url)
            if request is not None
            else document.url,
            "inLanguage": bcp47(document.language),
        }
        mime_type = mimetypes.guess_type(document.filename)[0]
        if mime_type:
            item["encodingFormat"] = mime_type
        if annex.file_size:
            item["contentSize"] = f"{annex.file_size} B"
        media.append(item)
    return media


def _notice_data(
    page: Any, request: HttpRequest | None, context: template.Context
) -> dict[str, Any]:
    issuers = [
        _organisation(org.display_name, org.website) for org in context.get("issuer_list") or []
    ]
    publisher = issuers or _site_publisher(request, page)
    identifiers = [
        {
            "@type": "PropertyValue",
            "propertyID": "indexNumber",
            "name": "索引号",
            "value": page.index_number,
        }
    ]
    if page.document_number:
        identifiers.insert(
            0,
            {
                "@type": "PropertyValue",
                "propertyID": "documentNumber",
                "name": "文号",
                "value": page.document_number,
            },
        )
    # schema.org has no government-document type; Article with an additional
    # type keeps validators happy and still says what the page is.
    data: dict[str, Any] = {
        "@type": ["Article"],
        "additionalType": page.get_json_ld_type(),
        "identifier": identifiers,
        "publisher": publisher,
        "author": publisher,
    }
    if page.signed_on:
        data["dateCreated"] = iso(page.signed_on)
    if page.summary:
        data["abstract"] = page.summary
    if page.repealed_on:
        data["expires"] = iso(page.repealed_on)
    media = _annex_media(context.get("annexes") or [], request)
    if media:
        data["associatedMedia"] = media
    return data


@register.simple_tag(takes_context=True)
def article_json_ld(context: template.Context) -> SafeString:
    """schema.org data for the article in ``page``, ready to sit inside
    <script type="application/ld+json">."""
    page = context.get("page")
    request: HttpRequest | None = context.get("request")
    if page is None or not hasattr(page, "get_json_ld_type"):
        return mark_safe("")
    url = page.get_full_url(request) or ""
    if page.get_json_ld_type() == "GovernmentDocument":
        specific = _notice_data(page, request, context)
    else:
        specific = _press_release_data(page, request)
    data = {
        "@context": "https://schema.org",
        "@type": specific.pop("@type"),
        **_common_data(page, request, url),
        **specific,
    }
    return json_for_script(data)


# --- Home page ---------------------------------------------------------------

HOME_ITEMS = 5


@register.simple_tag(takes_context=True)
def latest_articles(context: template.Context, kind: str, count: int = HOME_ITEMS) -> list[Any]:
    """The newest live releases ("releases") or notices ("notices") in the
    reader's language, for the home page; one query each. Withdrawn articles
    stay readable at their URL but are not promoted."""
    locale = locales_by_code(context["request"]).get(
        translation.get_language() or settings.LANGUAGE_CODE
    )
    if locale is None:
        return []
    model = NoticePage if kind == "notices" else PressReleasePage
    return list(
        public(model.objects.live())
        .filter(locale=locale, withdrawn_at__isnull=True)
        .order_by("-published_at", "-pk")
        .only("id", "title", "url_path", "path", "depth", "locale_id", "published_at")[:count]
    )
