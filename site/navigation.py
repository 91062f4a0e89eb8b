"""Finding the reader's home page, the primary navigation and the pages of the
other language. Results are memoised on the request: templates ask for them
several times per page."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from wagtail.models import Locale, Page, Site


@dataclass(frozen=True)
class LanguageLink:
    language_code: str
    label: str
    url: str
    is_current: bool
    # True when the page has no translation in that language and the link
    # falls back to that language's home page.
    is_fallback: bool


@dataclass(frozen=True)
class Crumb:
    title: str
    url: str


def breadcrumbs(page: Page, request: HttpRequest) -> list[Crumb]:
    """Home → … → parent (the current page is shown as the heading, not a link)."""
    ancestors = page.get_ancestors().filter(depth__gte=2).only("id", "title", "url_path", "path", "depth", "locale_id")
    return [Crumb(ancestor.title, ancestor.get_url(request) or "/") for ancestor in ancestors]


def _memo(request: HttpRequest, key: str, compute):
    cache = request.__dict__.setdefault("_lifelong_memo", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def site_root(request: HttpRequest) -> Page | None:
    def compute() -> Page | None:
        site = Site.find_for_request(request)
        return site.root_page if site else None

    return _memo(request, "site_root", compute)


def locales_by_code(request: HttpRequest) -> dict[str, Locale]:
    return _memo(request, "locales", lambda: {locale.language_code: locale for locale in Locale.objects.all()})


def home_for_language(request: HttpRequest, language_code: str) -> Page | None:
    def compute() -> Page | None:
        root = site_root(request)
        if root is None:
            return None
        locale = locales_by_code(request).get(language_code)
        if locale is None:
            return None
        if root.locale_id == locale.pk:
            return root
        return root.get_translation_or_none(locale)

    return _memo(request, f"home:{language_code}", compute)


def current_home(request: HttpRequest) -> Page | None:
    return home_for_language(request, translation.get_language() or settings.LANGUAGE_CODE)


def primary_navigation(request: HttpRequest) -> list[Page]:
    def compute() -> list[Page]:
        home = current_home(request)
        if home is None:
            return []
        return list(home.get_children().live().public().in_menu().only("id", "title", "url_path", "path", "depth"))

    return _memo(request, "primary_navigation", compute)


def language_links(request: HttpRequest, page: Page | None) -> list[LanguageLink]:
    """One link per site language: the same page in that language where a live
    translation exists, otherwise that language's home page."""
    active = translation.get_language() or settings.LANGUAGE_CODE
    labels = settings.LANGUAGE_SWITCHER_LABELS
    links: list[LanguageLink] = []
    translations: dict[str, Page] = {}
    if page is not None and page.pk:
        for candidate in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[candidate.locale.language_code] = candidate
    for code, _name in settings.LANGUAGES:
        target = translations.get(code)
        fallback = target is None
        if target is None:
            target = home_for_language(request, code)
        url = target.get_url(request) if target is not None else "/"
        links.append(
            LanguageLink(
                language_code=code,
                label=str(labels.get(code, code)),
                url=url or "/",
                is_current=code == active,
                is_fallback=fallback and page is not None,
            )
        )
    return links
