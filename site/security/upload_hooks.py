"""How uploaded files leave the site (see docs/uploads.md). Imported by the
app's wagtail_hooks, so the hook is registered at start-up.

- Who may download which document is `document_access` (imported here so
  that its hooks are registered): nothing is public before the page that
  uses it is.
- Every served document carries a policy that keeps it from running script
  on the site's origin, and is kept by no shared cache; this module is also
  the send-file backend (SENDFILE_BACKEND) through which Wagtail's serve
  view writes the response.
- The multiple uploaders answer a full or read-only media folder with the
  JSON error they display, not a 500.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase, JsonResponse, UnreadablePostError
from django.urls import URLPattern, path
from wagtail import hooks
from wagtail.utils import sendfile_streaming_backend

from . import document_access  # noqa: F401  (registers who may download what)
from .storage_errors import OBJECT_STORAGE_ERRORS, OBJECT_STORAGE_UNAVAILABLE
from .uploads import STORAGE_UNAVAILABLE

logger = logging.getLogger(__name__)

# Nothing in a downloaded file may load, run, submit or frame anything.
# `sandbox` also makes a browser treat it as a foreign origin, should it
# render it after all; but Chrome's and Safari's PDF viewers refuse to run
# inside a sandbox, so a PDF opened in the browser gets the rest only
# (Chrome does not apply a PDF's policy to its viewer anyway).
INLINE_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
ATTACHMENT_POLICY = f"{INLINE_POLICY}; sandbox"
# A document is public only while a live page uses it, and a page can be
# unpublished, deleted or restricted any minute: the next download must ask
# the application again. `private` keeps it out of every shared cache (a
# proxy or CDN that nothing purges: publishing purges page URLs, never
# /documents/), `no-cache` makes the browser revalidate each time; the
# ETag (the file's hash) keeps that to a 304 while access stands. Restricted
# pages and editors' previews are per-user answers anyway.
DOCUMENT_CACHE_CONTROL = "private, no-cache"


def sendfile(request: HttpRequest, filename: str, **kwargs: Any) -> HttpResponseBase:
    """Wagtail's streaming backend, plus the headers of a served document.
    Wagtail sets Content-Disposition and Content-Type after this returns."""
    response = sendfile_streaming_backend.sendfile(request, filename, **kwargs)
    inline = kwargs.get("mimetype") in settings.WAGTAILDOCS_INLINE_CONTENT_TYPES
    response["Content-Security-Policy"] = INLINE_POLICY if inline else ATTACHMENT_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = DOCUMENT_CACHE_CONTROL
    return response


def storage_errors_as_json(
    view: Callable[..., HttpResponseBase],
) -> Callable[..., HttpResponseBase]:
    """The form (upload_forms) stores the file while validating, but when
    another field of the upload fails (a required field the uploader does
    not send, such as a document's language) Wagtail keeps the file as an
    UploadedFile first, written outside any form."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except UnreadablePostError:
            raise  # the client went away; nothing to tell it
        except OSError:
            logger.exception("Upload could not be stored")
            return JsonResponse({"success": False, "error_message": str(STORAGE_UNAVAILABLE)})
        except OBJECT_STORAGE_ERRORS:
            logger.exception("Upload could not be stored in object storage")
            return JsonResponse(
                {"success": False, "error_message": str(OBJECT_STORAGE_UNAVAILABLE)}
            )

    return guarded


# Before Wagtail's own admin URLs for the same paths (order -1), which keep
# their names: reverse("wagtaildocs:add_multiple") still gives this path.
@hooks.register("register_admin_urls", order=-1)
def guard_multiple_uploaders() -> list[URLPattern]:
    from wagtail.documents.views import multiple as documents
    from wagtail.images.views import multiple as images

    return [
        path("images/multiple/add/", storage_errors_as_json(images.AddView.as_view())),
        path("documents/multiple/add/", storage_errors_as_json(documents.AddView.as_view())),
    ]
