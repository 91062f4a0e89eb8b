"""Admin URLs of the translation editor: the "提交审核" button, and the guard
in front of wagtail-localize's PO upload (listed before wagtail-localize's own
URLs, because lifelong_site comes first in INSTALLED_APPS)."""

from __future__ import annotations

from django.urls import path
from wagtail import hooks

from .po_upload import guarded_upload_pofile
from .review_views import submit_translation_for_review


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path(
            "translations/<int:translation_id>/submit-for-review/",
            submit_translation_for_review,
            name="localization_submit_for_review",
        ),
        path("localize/translate/<int:translation_id>/pofile/upload/", guarded_upload_pofile, name="localization_upload_pofile"),
    ]
