"""How uploaded files leave the site (see docs/uploads.md). Imported by the
app's wagtail_hooks, so the hook is registered at start-up.

- Documents used only by drafts are not served to the public.
- Every served document carries a policy that keeps it from running script
  on the site's origin; this module is also the send-file backend
  (SENDFILE_BACKEND) through which Wagtail's serve view writes the response.
- The multiple uploaders answer a full or read-only media folder with the
  JSON error they display, not a 500.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponseBase, JsonResponse, UnreadablePostError
from django.urls import URLPattern, path
from wagtail import hooks
from wagtail.models import DraftStateMixin, ReferenceIndex
from wagtail.utils import sendfile_streaming_backend

from .uploads import STORAGE_UNAVAILABLE

logger = logging.getLogger(__name__)

# Nothing in a downloaded file may load, run, submit or frame anything.
# `sandbox` also makes a browser treat it as a foreign origin, should it
# render it after all; but Chrome's and Safari's PDF viewers refuse to run
# inside a sandbox, so a PDF opened in the browser gets the rest only
# (Chrome does not apply a PDF's policy to its viewer anyway).
INLINE_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
ATTACHMENT_POLICY = f"{INLINE_POLICY}; sandbox"


def sendfile(request: HttpRequest, filename: str, **kwargs: Any) -> HttpResponseBase:
    """Wagtail's streaming backend, plus the headers of a served document.
    Wagtail sets Content-Disposition and Content-Type after this returns."""
    response = sendfile_streaming_backend.sendfile(request, filename, **kwargs)
    inline = kwargs.get("mimetype") in settings.WAGTAILDOCS_INLINE_CONTENT_TYPES
    response["Content-Security-Policy"] = INLINE_POLICY if inline else ATTACHMENT_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    return response


def is_public(document: Any) -> bool:
    """A document is public unless every object that uses it is a draft.

    Wagtail's reference index records what each saved object links to: for
    a page that is the page row, i.e. the live version once published (a
    draft revision is not indexed until it is published), or the content it
    was created with while it has never been published. So: referenced by a
    live page (or by anything without a draft state, such as a setting) ->
    public; referenced only by pages that are not live -> hidden. A document
    that nothing references stays public: files uploaded to the library
    before the index existed, or linked from outside the site, must keep
    working.
    """
    references = ReferenceIndex.get_references_to(document).values_list("base_content_type_id", "object_id").distinct()
    sources: dict[int, set[str]] = defaultdict(set)
    for content_type_id, object_id in references:
        sources[content_type_id].add(object_id)
    referenced = False
    for content_type_id, object_ids in sources.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue  # rows left by a model that no longer exists
        if not issubclass(model, DraftStateMixin):
            return True
        if model._default_manager.filter(pk__in=object_ids, live=True).exists():
            return True
        referenced = referenced or model._default_manager.filter(pk__in=object_ids).exists()
    return not referenced


# After Wagtail's collection privacy check (order 0), so that a document in
# a password-protected collection still asks for the password.
@hooks.register("before_serve_document", order=100)
def hide_documents_of_drafts(document: Any, request: HttpRequest) -> None:
    if request.user.has_perm("wagtailadmin.access_admin"):
        return  # editors preview drafts with their annexes
    if not is_public(document):
        raise Http404("This document is only used by unpublished pages.")


def storage_errors_as_json(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
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
