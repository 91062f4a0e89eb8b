"""The view counter endpoint.

Article pages are cached, so the page request itself never writes to the
database: a small script on the page POSTs here once per view and shows the
number it gets back. Without JavaScript the reader sees the number rendered
with the (possibly cached) page and nothing is counted."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from lifelong_site.public_pages import public
from wagtail.models import Page

from news.models import PageViewCount


def _countable_page_id(page_id: int) -> int:
    """The id of a live page anyone may read; 404 otherwise, so drafts and
    private pages cannot be counted (or probed)."""
    if not public(Page.objects.live()).filter(pk=page_id, depth__gt=1).exists():
        raise Http404("No such page")
    return page_id


def increment_views(page_id: int) -> int:
    """Add one view in the database itself (F expression), so concurrent
    beacons never overwrite each other, and return the new total."""
    with transaction.atomic():
        PageViewCount.objects.get_or_create(page_id=page_id)
        PageViewCount.objects.filter(page_id=page_id).update(views=F("views") + 1)
        return PageViewCount.objects.values_list("views", flat=True).get(page_id=page_id)


# CSRF-exempt: the beacon comes from cached pages that carry no token, and a
# forged request can only add a view, which anyone can do by visiting.
@csrf_exempt
@require_POST
@never_cache
def count_view(request: HttpRequest, page_id: int) -> JsonResponse:
    views = increment_views(_countable_page_id(page_id))
    return JsonResponse({"views": views})
