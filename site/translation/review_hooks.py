"""Admin URLs of the translation editor: the "提交审核" button, and the guards
in front of wagtail-localize's PO upload, "Update translations" and "Convert to
alias" (listed before wagtail-localize's own URLs, because lifelong_site comes
first in INSTALLED_APPS; the names stay wagtail-localize's, so its links lead
here)."""

from __future__ import annotations

from django.urls import path
from wagtail import hooks

from .po_upload import guarded_upload_pofile
from .publish_guard import GuardedUpdateTranslationsView, guarded_convert_to_alias
from .review_views import submit_translation_for_review


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path(
            "translations/<int:translation_id>/submit-for-review/",
            submit_translation_for_review,
            name="localization_submit_for_review",
        ),
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            guarded_upload_pofile,
            name="localization_upload_pofile",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            GuardedUpdateTranslationsView.as_view(),
            name="localization_update_translations",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            guarded_convert_to_alias,
            name="localization_convert_to_alias",
        ),
    ]
