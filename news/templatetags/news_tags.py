"""Template tags that know press releases and notices: a notice's issuing
bodies and validity, an article's tags and description, the JSON-LD data
block of articles, and the newest articles for the home page.

Tags any page can use (dates, languages, URLs, the share QR code,
pagination, filter options) are the core's: site_tags and listing_tags."""

from __future__ import annotations

import datetime as dt
import mimetypes
from dataclasses import dataclass
from typing import Any

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Site

from lifelong_site.dates import iso
from lifelong_site.i18n import bcp47
from lifelong_site.json_ld import json_for_script, organisation, page_language
from lifelong_site.navigation import locales_by_code
from lifelong_site.public_pages import public
from lifelong_site.templatetags.site_tags import identity_for_request, share_image
from news.models import NoticePage, PressReleasePage

register = template.Library()

DESCRIPTION_LENGTH = 120


# --- Notices --------------------------------------------------------------------


@register.filter
def notice_issuers(item: Any) -> list[Any]:
    """A notice's issuing bodies in order (uses the listing's prefetch); [] for
    other page types."""
    issuers = getattr(item, "issuers", None)
    if issuers is None:
        return []
    return [issuer.organisation for issuer in issuers.all()]


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


# --- Tags and description ----------------------------------------------------------


@register.simple_tag
def article_tags(page: Any) -> list[Any]:
    """The page's tags, fetched once per request although the meta tags, the
    JSON-LD and the tag list all show them."""
    return getattr(page, "tag_list", [])


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


# --- JSON-LD ----------------------------------------------------------------------------


def _site_publisher(request: HttpRequest | None, page: Any) -> dict[str, str]:
    """The site's organiser (主办单位) as publisher, or the site name."""
    # Site.find_for_request is memoised on the request; page.get_site() is a query.
    site = Site.find_for_request(request) if request is not None else page.get_site()
    home_url = (site.root_page.get_full_url(request) or "") if site is not None else ""
    if request is None:
        return organisation(settings.WAGTAIL_SITE_NAME, home_url)
    identity = identity_for_request(request).for_language(translation.get_language())
    return organisation(identity.organiser or identity.site_name, home_url)


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
        "inLanguage": page_language(request, page),
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
        organisation(page.department.display_name, page.department.website)
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
        organisation(org.display_name, org.website) for org in context.get("issuer_list") or []
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
