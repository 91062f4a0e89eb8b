"""The "提交审核" button of the translation editor."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail_localize.models import Translation

from .review import Outcome, submit_for_review

MESSAGES = {
    Outcome.STARTED: gettext_lazy("译文“{title}”已提交英文审核。"),
    Outcome.RESUMED: gettext_lazy("译文“{title}”已修改并重新提交审核。"),
    Outcome.RESTARTED: gettext_lazy("译文“{title}”已按新版本重新提交审核，审核员将审核这一版本。"),
    Outcome.NO_WORKFLOW: gettext_lazy(
        "译文“{title}”已保存为草稿，但该页面没有审核流程，请联系站点管理员。"
    ),
}


@require_POST
def submit_translation_for_review(request: HttpRequest, translation_id: int) -> HttpResponse:
    translation = get_object_or_404(Translation, pk=translation_id)
    user = request.user
    if not user.is_authenticated:  # submit_for_review refuses them too (no edit right)
        raise PermissionDenied
    try:
        submission = submit_for_review(translation, user)
    except ValidationError as error:
        messages.error(
            request, _("译文未能保存，请先修正：{errors}").format(errors="; ".join(error.messages))
        )
        return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))
    text = str(MESSAGES[submission.outcome]).format(title=submission.page.title)
    (messages.warning if submission.outcome == Outcome.NO_WORKFLOW else messages.success)(
        request, text
    )
    # Back to the translation editor (the page's edit URL leads there).
    return redirect(
        get_valid_next_url_from_request(request)
        or reverse("wagtailadmin_pages:edit", args=[submission.page.pk])
    )
