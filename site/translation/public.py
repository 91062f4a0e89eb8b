"""What public pages tell readers and search engines about their translations:
the hreflang alternates in <head>, and on English pages the link to the
Chinese original with a note when the translation is behind it.

Both stand on ``navigation.live_translations``, the query the language switcher
makes anyway (memoised per request), so the alternates cost no query and the
link to the original costs one (when the translation was last synced)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from lifelong_site import navigation
from lifelong_site.i18n import bcp47
from lifelong_site.translation.sync_state import is_outdated

# Search engines send readers whose language matches no alternate here.
X_DEFAULT = "x-default"


@dataclass(frozen=True)
class Alternate:
    hreflang: str  # BCP 47 tag, or "x-default"
    url: str  # absolute


@dataclass(frozen=True)
class TranslationOrigin:
    """The Chinese original of an English page."""

    title: str
    url: str
    # When the original was republished after the translation took its text:
    # its publication time; None while the translation is current.
    updated_at: dt.datetime | None


def _page_alternate_urls(request: HttpRequest, page: Page) -> dict[str, str]:
    versions = navigation.live_translations(request, page)
    # A draft being previewed is not itself one of the alternates, and a list
    # that leaves out the page it is on is not reciprocal: emit none.
    if len(versions) < 2 or page.pk not in {version.pk for version in versions.values()}:
        return {}
    subpath = navigation.subpage_path(request, page)
    urls = {code: version.get_full_url(request) for code, version in versions.items()}
    return {code: url + subpath for code, url in urls.items() if url}


def _view_alternate_urls(request: HttpRequest) -> dict[str, str]:
    return {
        code: request.build_absolute_uri(url)
        for code, url in navigation.view_translation_urls(request).items()
    }


def alternates(request: HttpRequest, page: Page | None) -> list[Alternate]:
    """One alternate per live language version (itself included) in the site's
    language order, then x-default on the source-language (Chinese) version;
    nothing when only one version is live."""
    if getattr(request, "is_preview", False):
        # Previews (and shared draft links) are for people, not search engines.
        return []
    urls = (
        _page_alternate_urls(request, page)
        if isinstance(page, Page)
        else _view_alternate_urls(request)
    )
    if len(urls) < 2:
        return []
    links = [
        Alternate(bcp47(code), urls[code]) for code, _name in settings.LANGUAGES if code in urls
    ]
    default_url = urls.get(settings.LANGUAGE_CODE)
    if default_url:
        links.append(Alternate(X_DEFAULT, default_url))
    return links


def _synced_at(translation: Page, source: Page) -> dt.datetime | None:
    """When the translation last took the source's text (sync_state's rule):
    its TranslationSource's last update, else its own last publication."""
    synced_at = (
        TranslationSource.objects.filter(
            object_id=translation.translation_key, locale_id=source.locale_id
        )
        .values_list("last_updated_at", flat=True)
        .first()
    )
    return synced_at or translation.last_published_at


def translation_origin(request: HttpRequest, page: Page | None) -> TranslationOrigin | None:
    """The live Chinese original of ``page``, for pages in other languages
    except the home page (whose "original" is the Chinese home, one click away
    in the switcher). None on Chinese pages, at no query."""
    if not isinstance(page, Page) or not page.pk:
        return None
    source = navigation.live_translations(request, page).get(settings.LANGUAGE_CODE)
    if source is None or source.pk == page.pk:
        return None
    home = navigation.current_home(request)
    if home is not None and home.pk == page.pk:
        return None
    outdated = is_outdated(source.last_published_at, _synced_at(page, source))
    return TranslationOrigin(
        title=source.title,
        url=(source.get_url(request) or "/") + navigation.subpage_path(request, page),
        updated_at=source.last_published_at if outdated else None,
    )
