"""wagtail-localize's routes to a live English page, held to the four-eyes rule.

wagtail-localize 1.14 checks only that a user may translate before it
publishes on two routes, so a translator could put a translation live without
review:

- "Update translations" has a "Publish immediately" box that publishes every
  translation of the source (`UpdateTranslationsView`): it is left out for
  those who may not publish them all;
- "Convert to alias" turns a translation into a live mirror of the source page.

Both now take the right to publish each page concerned, which, where a review
workflow applies, only site administrators hold (editorial/four_eyes.py).
Everyone else still updates the strings and sends the result to review.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail_localize.models import TranslationSource
from wagtail_localize.views.convert import convert_to_alias
from wagtail_localize.views.update_translations import (
    UpdateTranslationsForm,
    UpdateTranslationsView,
)


def may_publish_every_translation(user: Any, source: TranslationSource) -> bool:
    for translation in source.translations.filter(enabled=True).select_related("target_locale"):
        target = translation.get_target_instance()
        if isinstance(target, Page) and not target.permissions_for_user(user).can_publish():
            return False
    return True


class ReviewOnlyUpdateTranslationsForm(UpdateTranslationsForm):
    """wagtail-localize's form without "Publish immediately": its template
    writes that checkbox by hand, so a disabled field would still look
    usable. What the view reads of it is always "no"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["publish_translations"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        cleaned["publish_translations"] = False
        return cleaned


class GuardedUpdateTranslationsView(UpdateTranslationsView):
    """The same screen; for a user who may not publish every translation,
    without "Publish immediately" (ignored if posted), saying why."""

    def may_publish(self) -> bool:
        return may_publish_every_translation(self.request.user, self.object)

    def get_form(self):
        if self.may_publish():
            return super().get_form()
        return ReviewOnlyUpdateTranslationsForm(
            self.request.POST if self.request.method == "POST" else None
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.may_publish():
            messages.info(
                request,
                _(
                    "译文须经英文审核后发布：更新后请在翻译编辑器中提交审核。只有站点管理员可以直接发布。"
                ),
            )
        return super().get(request, *args, **kwargs)


def guarded_convert_to_alias(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(Page, id=page_id, alias_of_id__isnull=True)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied(_("转为原文页面的别名会立即发布原文内容，只有站点管理员可以操作。"))
    return convert_to_alias(request, page_id)
