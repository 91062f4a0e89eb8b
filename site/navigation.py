"""Finding the reader's home page, the primary navigation and the pages of the
other language. Results are remembered for the request, or shared across
requests (lifelong_site.memo): templates ask for them several times per page."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

from lifelong_site.memo import per_request, shared
from lifelong_site.public_pages import public

# Wagtail's catch-all URL name: the page tree, not a view of its own.
WAGTAIL_SERVE = "wagtail_serve"
# Query parameter on the home page reached from a page that has no version in
# the home's language.
UNTRANSLATED_PARAM = "untranslated"


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


def ancestors_of(page: Page) -> list[Page]:
    """The page's ancestors below the tree's root, read once per request:
    the breadcrumbs, the section name (column_name) and the article's
    structured data all need them."""
    return per_request(
        f"ancestors:{page.pk}",
        lambda: list(
            page.get_ancestors()
            .filter(depth__gte=2)
            .only("id", "title", "url_path", "path", "depth", "locale_id")
        ),
    )


def breadcrumbs(page: Page, request: HttpRequest) -> list[Crumb]:
    """Home → … → parent (the current page is shown as the heading, not a link)."""
    return [
        Crumb(ancestor.title, ancestor.get_url(request) or "/") for ancestor in ancestors_of(page)
    ]


def site_root(request: HttpRequest) -> Page | None:
    def compute() -> Page | None:
        site = Site.find_for_request(request)
        return site.root_page if site else None

    return per_request("site_root", compute)


def locales_by_code(request: HttpRequest) -> dict[str, Locale]:
    return shared(
        request,
        "locales",
        lambda: {locale.language_code: locale for locale in Locale.objects.all()},
    )


def language_code_of(request: HttpRequest, page: Page) -> str:
    """The page's language code from the shared locales, where ``page.locale``
    would be a query."""
    for code, locale in locales_by_code(request).items():
        if locale.pk == page.locale_id:
            return code
    return page.locale.language_code


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

    return shared(request, f"home:{language_code}", compute)


def current_home(request: HttpRequest) -> Page | None:
    return home_for_language(request, translation.get_language() or settings.LANGUAGE_CODE)


def primary_navigation(request: HttpRequest) -> list[Page]:
    def compute() -> list[Page]:
        home = current_home(request)
        if home is None:
            return []
        return list(
            public(home.get_children().live())
            .in_menu()
            .only("id", "title", "url_path", "path", "depth")
        )

    return shared(request, "primary_navigation", compute, per_language=True)


def navigation_marker(page: object) -> str:
    """What of the current page the primary navigation shows (which entry is
    aria-current): the home page or a section itself, nothing deeper. Keys
    the navigation's shared fragment."""
    if isinstance(page, Page) and page.pk and page.depth <= 3:
        return str(page.pk)
    return "-"


def live_translations(request: HttpRequest, page: Page | None) -> dict[str, Page]:
    """The live versions of ``page`` by language code, itself included when live.

    The language switcher, the hreflang alternates and the link to the Chinese
    original all need them: shared per generation (lifelong_site.memo), so
    a page costs one query for all three once after each publication."""
    if not isinstance(page, Page) or not page.pk:
        return {}

    def compute() -> dict[str, Page]:
        versions = page.get_translations(inclusive=True).live().select_related("locale")
        return {version.locale.language_code: version for version in versions}

    return shared(request, f"translations:{page.pk}", compute)


def subpage_path(request: HttpRequest, page: Page | None) -> str:
    """What a routable page resolved below its own URL ("photo/3/" of a
    gallery), so that the same photo is linked in the other language rather
    than the gallery's first screen. Translations share the page type, hence
    the routes. "" for plain pages and default routes."""
    match = getattr(request, "routable_resolver_match", None)
    if match is None or page is None or not hasattr(page, "reverse_subpage"):
        return ""
    try:
        path = page.reverse_subpage(match.url_name, args=match.args, kwargs=match.kwargs)
    except NoReverseMatch:
        return ""
    return path.lstrip("/")


def view_translation_urls(request: HttpRequest) -> dict[str, str]:
    """For a view under the language prefix that is not a Wagtail page (the
    search page), its path in each language by language code. Empty for
    Wagtail's catch-all (a 404 has no other-language twin) and for views
    outside i18n_patterns, which translate_url leaves unchanged."""

    def compute() -> dict[str, str]:
        match = getattr(request, "resolver_match", None)
        if match is None or match.url_name in (None, WAGTAIL_SERVE):
            return {}
        urls = {code: translate_url(request.path, code) for code, _name in settings.LANGUAGES}
        return urls if len(set(urls.values())) == len(urls) else {}

    return per_request("view_translations", compute)


def untranslated_home_url(home_url: str) -> str:
    """The other language's home, flagged so that it can tell the reader why
    they landed there (templates/lifelong_site/home_page.html)."""
    return f"{home_url}?{UNTRANSLATED_PARAM}=1"


def _link_target(request: HttpRequest, page: Page | None, code: str) -> tuple[str, bool]:
    """(URL, is_fallback) of the switcher's link to language ``code``."""
    version = live_translations(request, page).get(code)
    if version is not None:
        return (version.get_url(request) or "/") + subpage_path(request, page), False
    if page is None:
        view_url = view_translation_urls(request).get(code)
        if view_url is not None:
            return view_url, False
    home = home_for_language(request, code)
    home_url = (home.get_url(request) if home is not None else None) or "/"
    if page is None:
        return home_url, False
    return untranslated_home_url(home_url), True


def language_links(request: HttpRequest, page: Page | None) -> list[LanguageLink]:
    """One link per site language: the same page in that language where a live
    translation exists (the same view for the search page), otherwise that
    language's home page."""
    active = translation.get_language() or settings.LANGUAGE_CODE
    labels = settings.LANGUAGE_SWITCHER_LABELS
    if not isinstance(page, Page):
        page = None
    links: list[LanguageLink] = []
    for code, _name in settings.LANGUAGES:
        url, fallback = _link_target(request, page, code)
        links.append(
            LanguageLink(
                language_code=code,
                label=str(labels.get(code, code)),
                url=url,
                is_current=code == active,
                is_fallback=fallback,
            )
        )
    return links
