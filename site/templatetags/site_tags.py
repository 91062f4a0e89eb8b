"""The core's template tags, for every page whatever app made it: the site
chrome (identity, navigation, languages), dates and numbers, names, URLs, and
what sharing a page needs (preview image, Open Graph locale, QR code).

Listings' pagination and filter options are in listing_tags; tags that know
one app's models are in that app's library (news_tags, campaign_tags)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.utils import formats, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from lifelong_site import dates, navigation
from lifelong_site.i18n import bcp47, is_english
from lifelong_site.memo import shared
from lifelong_site.models.site_identity import LocalisedIdentity, SiteIdentity
from lifelong_site.qr import qr_svg

register = template.Library()

# Same rendition as the share preview in og:image and the JSON-LD image: JPEG
# because several chat apps that unfurl links in China still ignore WebP.
SHARE_IMAGE_FILTER = "fill-1200x630|format-jpeg"
# CJK Unified Ideographs and Extension A: enough to tell Chinese text apart.
_HAN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN_RE = re.compile("[A-Za-z]")
_LANGUAGE_NAMES = {"zh-hans": gettext_lazy("中文"), "en": gettext_lazy("英文")}


# --- Site identity and navigation -------------------------------------------------


@register.simple_tag(takes_context=True)
def site_identity(context) -> LocalisedIdentity | None:
    request = context.get("request")
    if request is None:
        return None
    return identity_for_request(request).for_language(translation.get_language())


def identity_for_request(request) -> SiteIdentity:
    """The site's identity, shared by every page until it is saved again
    (lifelong_site.memo)."""

    def compute() -> SiteIdentity:
        try:
            return SiteIdentity.for_request(request)
        except SiteIdentity.DoesNotExist:
            # No Wagtail Site matches the request's host (and none is the
            # default): the 404 page for that host still renders, unbranded.
            return SiteIdentity()

    return shared(request, "site_identity", compute)


@register.simple_tag(takes_context=True)
def home_page(context) -> Page | None:
    request = context.get("request")
    return navigation.current_home(request) if request is not None else None


@register.simple_tag(takes_context=True)
def primary_navigation(context) -> list[Page]:
    request = context.get("request")
    return navigation.primary_navigation(request) if request is not None else []


@register.simple_tag(takes_context=True)
def navigation_marker(context) -> str:
    return navigation.navigation_marker(context.get("page"))


@register.simple_tag(takes_context=True)
def column_name(context) -> str:
    page = context.get("page")
    if page is not None and hasattr(page, "column_name"):
        return page.column_name
    return context.get("column_name", "")


# --- Languages ----------------------------------------------------------------------


@register.simple_tag(takes_context=True)
def language_links(context) -> list[navigation.LanguageLink]:
    request = context.get("request")
    if request is None:
        return []
    return navigation.language_links(request, context.get("page"))


@register.simple_tag
def html_lang() -> str:
    return bcp47(translation.get_language())


@register.filter
def bcp47_tag(language_code: str) -> str:
    return bcp47(language_code)


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


# --- Dates, numbers and names ----------------------------------------------------------


@register.filter(name="local_date")
def local_date_filter(value) -> str:
    """2024年4月27日 / 27 April 2024, by the active language."""
    return dates.local_date(value)


@register.filter(name="local_datetime")
def local_datetime_filter(value) -> str:
    return dates.local_datetime(value)


@register.filter(name="local_number")
def local_number_filter(value: object) -> object:
    """12,345 on English pages; 12345 on Chinese pages, which Django's zh-Hans
    formats leave ungrouped (as campaigns.figures does below 10万). Templates
    print bare integers ungrouped in both, USE_THOUSAND_SEPARATOR being off so
    that years stay 2024."""
    if isinstance(value, bool) or not isinstance(value, int):
        return value
    return formats.number_format(value, force_grouping=True)


@register.filter
def display_names(organisations: list[Any]) -> str:
    """Organisations (anything with display_name) in one line: 、 between
    Chinese names, ; between English ones (English names may themselves
    contain commas)."""
    separator = "; " if is_english() else "、"
    return separator.join(organisation.display_name for organisation in organisations)


# --- URLs -------------------------------------------------------------------------------


@register.simple_tag(takes_context=True)
def full_url(context: template.Context, page: Any) -> str:
    """The page's absolute URL (canonical link, share link, QR code, og:url)."""
    return page.get_full_url(context.get("request")) or ""


@register.simple_tag(takes_context=True)
def absolute_url(context: template.Context, url: str) -> str:
    request: HttpRequest | None = context.get("request")
    return request.build_absolute_uri(url) if request is not None else url


# --- Sharing: preview image, Open Graph locale, QR code ------------------------------------


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


@register.simple_tag
def og_locale() -> str:
    return "en_US" if is_english() else "zh_CN"


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
    return qr_svg(url, title, css_class="qr-code")
