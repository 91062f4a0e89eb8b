"""Views of draft share links: the public preview and the admin screen."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from wagtail.models import Page

from lifelong_site.dates import local_datetime
from lifelong_site.i18n import bcp47

from .calendar import editorial_zone
from .models import SHARE_LINK_DEFAULT_DAYS, SHARE_LINK_MAX_DAYS, DraftShareLink
from .sharing import (
    SHARE_LINK_MIN_DAYS,
    ShareLinkState,
    create_share_link,
    find_share_link,
    link_state,
    links_for_page,
    record_view,
    revoke_share_link,
    user_can_share,
)

# A draft must stay out of shared caches and search engines, and the secret
# address must not leak to other sites through the Referer header.
PRIVATE_HEADERS = {
    "Cache-Control": "private, no-store",
    "X-Robots-Tag": "noindex, nofollow",
    "Referrer-Policy": "no-referrer",
}

_BODY_OPEN_TAG = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)


# --- Public preview -------------------------------------------------------------


@require_safe
def shared_draft_preview(request: HttpRequest, token: str) -> HttpResponseBase:
    link = find_share_link(token)
    if link is None:
        raise Http404
    if link_state(link) is not ShareLinkState.ACTIVE:
        return _keep_private(TemplateResponse(request, "editorial/share_gone.html", status=410))
    draft = link.page.get_latest_revision_as_object()
    if not draft.is_previewable():
        raise Http404
    # HEAD requests (link checkers, chat apps probing the address) are no readers.
    if request.method == "GET":
        record_view(link)
    # Wagtail's own preview machinery: the draft goes through the whole
    # middleware stack at its public address, so the language prefix (/en/)
    # and everything the templates read from the request match the live page.
    preview = draft.make_preview_request(
        original_request=request, preview_mode=draft.default_preview_mode
    )
    response = _detached_copy(preview)
    _insert_banner(response, _banner_html(link, link.page.locale.language_code))
    return _keep_private(response)


def _detached_copy(preview: HttpResponseBase) -> HttpResponse:
    """Only the preview's body, status and type are passed on: its cookies
    belong to the simulated request and have no business in a reviewer's
    browser."""
    # The whole body, joined from its chunks for a streaming response.
    content = preview.getvalue()
    response = HttpResponse(
        content, status=preview.status_code, content_type=preview.get("Content-Type")
    )
    for header in ("Content-Language", "Location"):
        if header in preview:
            response[header] = preview[header]
    return response


def _banner_html(link: DraftShareLink, language_code: str) -> str:
    # The banner speaks the page's language, and gives the time in the site's
    # zone (Beijing time) whatever zone is active, because it names that zone
    # in words; the calendar uses the same zone.
    with translation.override(language_code), timezone.override(editorial_zone()):
        return render_to_string(
            "editorial/share_banner.html",
            {"expires": local_datetime(link.expires_at), "lang": bcp47(language_code)},
        )


def _insert_banner(response: HttpResponse, banner: str) -> None:
    if not response.get("Content-Type", "").startswith("text/html"):
        return
    content = response.content
    body_tag = _BODY_OPEN_TAG.search(content)
    # A template without <body> still gets the banner, first of all.
    position = body_tag.end() if body_tag else 0
    response.content = content[:position] + banner.encode(response.charset) + content[position:]


def _keep_private(response: HttpResponseBase) -> HttpResponseBase:
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    return response


# --- Admin screen ---------------------------------------------------------------


class ShareLinkForm(forms.Form):
    days = forms.IntegerField(
        label=gettext_lazy("有效天数"),
        min_value=SHARE_LINK_MIN_DAYS,
        max_value=SHARE_LINK_MAX_DAYS,
        initial=SHARE_LINK_DEFAULT_DAYS,
        # format_lazy: the help text is translated when shown, in the editor's language.
        help_text=format_lazy(
            gettext_lazy("链接在这么多天后自动失效，最长 {max} 天。"), max=SHARE_LINK_MAX_DAYS
        ),
    )


@dataclass(frozen=True)
class ShareLinkRow:
    link: DraftShareLink
    url: str
    state: ShareLinkState


def _page_to_share(request: HttpRequest, page_id: int) -> Page:
    page = get_object_or_404(Page, id=page_id)
    if not user_can_share(page, request.user):
        raise PermissionDenied
    return page


def _sharing_user(request: HttpRequest) -> User:
    """The signed-in editor (`_page_to_share` has refused anybody else)."""
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied
    return user


def _share_screen_url(page: Page) -> str:
    return reverse("editorial_share_links", args=[page.pk])


@require_http_methods(["GET", "HEAD", "POST"])
def share_links_admin(request: HttpRequest, page_id: int) -> HttpResponseBase:
    page = _page_to_share(request, page_id)
    form = ShareLinkForm(request.POST) if request.method == "POST" else ShareLinkForm()
    if request.method == "POST" and form.is_valid():
        link = create_share_link(page, _sharing_user(request), form.cleaned_data["days"])
        messages.success(
            request,
            _("已创建分享链接，有效期至 %(expires)s。")
            % {"expires": local_datetime(link.expires_at)},
        )
        # Redirect after the POST, so reloading the screen creates no second link.
        return redirect(_share_screen_url(page))
    rows = [
        ShareLinkRow(
            link=link,
            url=request.build_absolute_uri(reverse("editorial_share_preview", args=[link.token])),
            state=link_state(link),
        )
        for link in links_for_page(page)
    ]
    return TemplateResponse(
        request,
        "editorial/share_admin.html",
        {
            "page": page.specific_deferred,
            "form": form,
            "rows": rows,
            "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        },
    )


@require_POST
def revoke_share_link_admin(request: HttpRequest, page_id: int, link_id: int) -> HttpResponseBase:
    page = _page_to_share(request, page_id)
    link = get_object_or_404(DraftShareLink, pk=link_id, page=page)
    if revoke_share_link(link, _sharing_user(request)):
        messages.success(request, _("分享链接已撤销，打开它的人将看到“链接已失效”。"))
    else:
        messages.info(request, _("这个分享链接此前已经撤销。"))
    return redirect(_share_screen_url(page))
