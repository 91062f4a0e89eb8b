"""Template tags for the site chrome: identity, navigation, languages, meta."""

from __future__ import annotations

from django import template
from django.utils import formats, translation
from lifelong_site.caching.shared import shared
from lifelong_site.i18n import bcp47
from lifelong_site.models.site_identity import LocalisedIdentity, SiteIdentity
from lifelong_site.translation import public
from wagtail.models import Page

from lifelong_site import dates, navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def site_identity(context) -> LocalisedIdentity | None:
    request = context.get("request")
    if request is None:
        return None
    return identity_for_request(request).for_language(translation.get_language())


def identity_for_request(request) -> SiteIdentity:
    """The site's identity, shared by every page until it is saved again
    (lifelong_site.caching.shared)."""

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
def language_links(context) -> list[navigation.LanguageLink]:
    request = context.get("request")
    if request is None:
        return []
    return navigation.language_links(request, context.get("page"))


@register.simple_tag(takes_context=True)
def hreflang_alternates(context) -> list[public.Alternate]:
    request = context.get("request")
    if request is None:
        return []
    return public.alternates(request, context.get("page"))


@register.simple_tag(takes_context=True)
def translation_origin(context) -> public.TranslationOrigin | None:
    request = context.get("request")
    if request is None:
        return None
    return public.translation_origin(request, context.get("page"))


@register.simple_tag
def html_lang() -> str:
    return bcp47(translation.get_language())


@register.filter
def bcp47_tag(language_code: str) -> str:
    return bcp47(language_code)


@register.simple_tag(takes_context=True)
def column_name(context) -> str:
    page = context.get("page")
    if page is not None and hasattr(page, "column_name"):
        return page.column_name
    return context.get("column_name", "")


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
