"""The abstract page every public page type builds on.

It gathers in one place what all pages share: the section name that Chinese
government sites publish as ``ColumnName``, and the article metadata
(``ArticleTitle``/``PubDate``/``ContentSource``) that article types fill in.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PagePermissionTester, PageViewRestriction
from wagtail_localize.fields import TranslatableField

from lifelong_site import page_extensions
from lifelong_site.navigation import ancestors_of, locales_by_code
from lifelong_site.page_declarations import PageDeclarations
from lifelong_site.public_pages import restricted_paths

# Treebeard stores each tree level as a fixed-width step of the page path.
_PATH_STEP = Page.steplen
# Depth of the per-locale home pages (the tree root is depth 1).
HOME_DEPTH = 2
SECTION_DEPTH = HOME_DEPTH + 1


class BasePage(Page):
    """Abstract base for every page type of the site."""

    # Pages are not listed in the primary navigation unless an editor says so.
    show_in_menus_default = False

    # Who edits the type, what it is in search, which of its routes show its
    # children: every concrete page type declares them, or `manage.py check`
    # refuses it (lifelong_site.page_declarations).
    declarations: ClassVar[PageDeclarations | None] = None

    # What every page shows readers in words, translated with wagtail-localize;
    # page types add their own fields to this list.
    page_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
    ]

    class Meta:
        abstract = True

    def serve(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # Wagtail falls back to the source-language tree when a translation is
        # missing or unpublished, which would serve Chinese content under /en/
        # with English chrome and lang="en". A URL's language is a promise.
        # The locales are read once per request and shared with the language
        # switcher (lifelong_site.navigation), so this check costs no query.
        active = locales_by_code(request).get(translation.get_language() or settings.LANGUAGE_CODE)
        if active is None or self.locale_id != active.pk:
            raise Http404(_("此页面没有该语言的版本。"))
        return super().serve(request, *args, **kwargs)

    def permissions_for_user(self, user) -> PagePermissionTester:
        # The editorial app's four-eyes tester: where a review workflow
        # applies, only site administrators publish directly (page_extensions).
        return page_extensions.permission_tester()(user, self)

    def get_admin_display_title(self) -> str:
        # Another section's draft title is not shown in the admin (the
        # security app's rule, through page_extensions).
        return page_extensions.admin_title(self) or super().get_admin_display_title()

    def get_view_restrictions(self):
        # Wagtail reads the ancestors, then their restrictions: two queries
        # on every page served. The ancestors' paths are known from the
        # page's own path, so one query finds the restrictions on them or,
        # for an ancestor that is an alias, on its source page.
        if not restricted_paths():  # no page of the site is restricted: nothing to read
            return PageViewRestriction.objects.none()
        paths = [self.path[: length * _PATH_STEP] for length in range(1, self.depth + 1)]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths) | Q(page__aliases__path__in=paths)
        ).distinct()

    # --- Government-site metadata -------------------------------------------------

    @cached_property
    def column_name(self) -> str:
        """Title of the section (栏目) the page belongs to: the child of the
        home page on the page's path, or the page itself for the home page."""
        if self.depth <= HOME_DEPTH:
            return str(_("首页"))
        if self.depth == SECTION_DEPTH:
            return self.title
        section_path = self.path[: SECTION_DEPTH * _PATH_STEP]
        # The breadcrumbs have read the ancestors already (once per request).
        for ancestor in ancestors_of(self):
            if ancestor.path == section_path:
                return ancestor.title
        return self.title

    def get_article_meta(self) -> dict[str, str] | None:
        """Article types return ArticleTitle/PubDate/ContentSource; other pages none."""
        return None

    @staticmethod
    def format_pub_date(value: dt.datetime | dt.date | None) -> str:
        """PubDate in the form Chinese government sites use: ``2024-04-27 09:30``."""
        if value is None:
            return ""
        if isinstance(value, dt.datetime):
            from django.utils import timezone

            if timezone.is_aware(value):
                value = timezone.localtime(value)
            return value.strftime("%Y-%m-%d %H:%M")
        return value.strftime("%Y-%m-%d")
