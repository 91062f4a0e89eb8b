"""Wagtail's document view, with the download headers for every storage
(docs/uploads.md, "Downloads" and "Object storage").

From MEDIA_ROOT, Wagtail streams a document through the send-file backend
(upload_hooks.sendfile), which sets the strict policy and `Cache-Control:
private, no-cache`. From object storage there is no local path, and Wagtail
answers with a FileResponse of its own that carries neither: this view adds
them there, the same as upload_hooks does. The permission checks
(document_access) run inside Wagtail's view, before any byte is read, for
both storages.

An unreachable object storage is a 503 that says so, not a 500.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from wagtail.documents.views.serve import serve

from .storage_errors import OBJECT_STORAGE_ERRORS, OBJECT_STORAGE_UNAVAILABLE
from .upload_hooks import ATTACHMENT_POLICY, DOCUMENT_CACHE_CONTROL, INLINE_POLICY

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 60
# Reading from object storage fails with botocore's errors, or with OSError
# from lifelong_site.object_storage when opening the file.
READ_ERRORS: tuple[type[Exception], ...] = (*OBJECT_STORAGE_ERRORS, OSError)


def serve_document(
    request: HttpRequest, document_id: str, document_filename: str
) -> HttpResponseBase:
    try:
        response = serve(request, document_id, document_filename)
    except READ_ERRORS as error:
        if not from_object_storage(error):
            raise  # a file missing from MEDIA_ROOT stays the error it is
        logger.exception("Document %s could not be read from object storage", document_id)
        unavailable = HttpResponse(
            str(OBJECT_STORAGE_UNAVAILABLE), status=503, content_type="text/plain; charset=utf-8"
        )
        unavailable["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return unavailable
    if is_download_without_policy(response):
        add_download_headers(response)
    return response


def from_object_storage(error: BaseException) -> bool:
    # lifelong_site.object_storage raises OSError from botocore's error on opening.
    return isinstance(error, OBJECT_STORAGE_ERRORS) or isinstance(
        error.__cause__, OBJECT_STORAGE_ERRORS
    )


def is_download_without_policy(response: HttpResponseBase) -> bool:
    # A password form, a redirect or a 304 is no download; a download from
    # MEDIA_ROOT already has its policy from the send-file backend.
    return (
        response.status_code == 200
        and response.has_header("Content-Disposition")
        and not response.has_header("Content-Security-Policy")
    )


def add_download_headers(response: HttpResponseBase) -> None:
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    inline = content_type in settings.WAGTAILDOCS_INLINE_CONTENT_TYPES
    response["Content-Security-Policy"] = INLINE_POLICY if inline else ATTACHMENT_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = DOCUMENT_CACHE_CONTROL
