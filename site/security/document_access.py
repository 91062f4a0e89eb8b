"""Who may download a document, and which documents and pages the admin's
choosers list (docs/uploads.md, "Downloads"). Nothing is public before the
page that uses it is.

Serving (`before_serve_document`, after Wagtail's own collection check):

- **The public** gets a document while at least one live page uses it and
  that page's view restrictions (password, sign-in, groups, its own or an
  ancestor's) accept the request. "Uses" is Wagtail's reference index: an
  annex, a document link in rich text, a chooser block. An object that
  has no draft state (a setting, a plain snippet) counts as live. A
  document that nothing uses is private, whoever uploaded it.
- **Editors** (signed in, admin access, past the second sign-in step
  when they have one) get it when they hold a document permission on its collection
  (choose, add or change), or may edit a page that uses it, in its saved
  version or in its latest draft: what a preview shows.
- **Collections with a view restriction** (the demo's 内部文件) are for
  those who may *change* their documents: holders of the change permission
  on the collection (site administrators) and whoever uploaded it. Choose
  or add on the root collection, which every editor holds, is not enough,
  and neither is editing a page that uses it; a live page that uses it
  still makes it public, within the collection's own restriction.

Why the reference index tells the live version: Wagtail indexes an object
by reading it back from the database after it is saved. Saving a draft of a
live page writes a revision and a few columns of the page row, not its
content or its inline rows (annexes), so the index keeps the live version
until the draft is published; a page that was never published is indexed
as it was created. tests/security/test_document_access.py checks this.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.http import Http404, HttpRequest, HttpResponseBase
from django.urls import URLPattern, path
from wagtail import hooks
from wagtail.documents.permissions import permission_policy as document_policy
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    DraftStateMixin,
    Page,
    PageViewRestriction,
    ReferenceIndex,
    Revision,
)
from wagtail.permission_policies.pages import PagePermissionPolicy

# Any of these on the document's collection lets an editor download it.
EDITOR_ACTIONS = ("choose", "add", "change")
# In a collection with a view restriction, only this.
RESTRICTED_COLLECTION_ACTION = "change"
# Drafts looked into for one download, newest first: an editor's preview
# of a page they are working on is among the latest.
MAX_DRAFTS_READ = 50

page_policy = PagePermissionPolicy()


# --- Serving ---------------------------------------------------------------------


def may_download(document: Any, request: HttpRequest) -> bool:
    sources = referencing_objects(document)
    if used_by_a_live_object_open_to(sources, request):
        return True
    user = signed_in_editor(request)
    if user is None:
        return False
    if in_restricted_collection(document):
        return document_policy.user_has_permission_for_instance(
            user, RESTRICTED_COLLECTION_ACTION, document
        )
    if document_policy.user_has_any_permission_for_instance(user, EDITOR_ACTIONS, document):
        return True
    return may_edit_a_page_using(user, document, sources.get(Page, set()))


def referencing_objects(document: Any) -> dict[type[Model], set[str]]:
    """The objects whose saved version uses the document, by base model
    (every page is a `Page`)."""
    sources: dict[type[Model], set[str]] = defaultdict(set)
    rows = (
        ReferenceIndex.get_references_to(document)
        .values_list("base_content_type_id", "object_id")
        .distinct()
    )
    for content_type_id, object_id in rows:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None:  # None: rows left by a model that no longer exists
            sources[model].add(object_id)
    return sources


def used_by_a_live_object_open_to(
    sources: dict[type[Model], set[str]], request: HttpRequest
) -> bool:
    for model, object_ids in sources.items():
        if issubclass(model, Page):
            pages = list(
                Page.objects.filter(pk__in=object_ids, live=True).only("pk", "path", "alias_of_id")
            )
            if pages and any_page_open_to(pages, request):
                return True
        elif not issubclass(model, DraftStateMixin):
            return True  # settings and snippets without drafts are always "live"
        elif model._default_manager.filter(pk__in=object_ids, live=True).exists():
            return True
    return False


def any_page_open_to(pages: list[Page], request: HttpRequest) -> bool:
    """`page.get_view_restrictions()` for several pages in two queries: the
    restrictions of each page and its ancestors, an alias answering with
    its original's (as Wagtail does), must all accept the request."""
    steps = Page.steplen
    paths = {
        page.pk: [page.path[:end] for end in range(steps, len(page.path) + 1, steps)]
        for page in pages
    }
    checked_page = {
        path: alias_of_id or pk
        for pk, path, alias_of_id in Page.objects.filter(
            path__in={path for chain in paths.values() for path in chain}
        ).values_list("pk", "path", "alias_of_id")
    }
    restrictions: dict[int, list[PageViewRestriction]] = defaultdict(list)
    for restriction in PageViewRestriction.objects.filter(page_id__in=set(checked_page.values())):
        restrictions[restriction.page_id].append(restriction)
    for page in pages:
        applying = [
            r
            for path in paths[page.pk]
            if path in checked_page
            for r in restrictions[checked_page[path]]
        ]
        if all(restriction.accept_request(request) for restriction in applying):
            return True
    return False


def signed_in_editor(request: HttpRequest) -> Any | None:
    """The user, when signed in with admin access; anybody else downloads
    as the public does. A session past the password but not the second
    sign-in step is already anonymous here (two_factor.middleware treats it
    so outside the admin; test_document_access checks it for downloads)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if not user.has_perm("wagtailadmin.access_admin"):
        return None
    return user


def in_restricted_collection(document: Any) -> bool:
    return document.collection.get_view_restrictions().exists()


def may_edit_a_page_using(user: Any, document: Any, saved_page_ids: Iterable[str]) -> bool:
    """Previews: the user may edit a page that uses the document in its
    saved version (the reference index) or in its latest draft."""
    editable = page_policy.instances_user_has_permission_for(user, "change")
    if saved_page_ids and editable.filter(pk__in=saved_page_ids).exists():
        return True
    return any(
        uses(revision.as_object(), document) for revision in drafts_that_may_use(editable, document)
    )


def drafts_that_may_use(editable: QuerySet, document: Any) -> QuerySet:
    """Latest drafts of editable pages whose text has the document's id
    where a reference would put it: a value (`"document": 12`, a chooser
    block's `"value": 12`) or a rich text link (`id="12"`, its quotes
    escaped once or twice). A cheap filter; `uses` decides."""
    pattern = rf'(: ?"?|id=\\*"?){re.escape(str(document.pk))}([^0-9]|$)'
    return (
        Revision.objects.filter(
            id__in=editable.filter(has_unpublished_changes=True).values("latest_revision_id")
        )
        .annotate(text=Cast("content", TextField()))
        .filter(text__regex=pattern)
        .order_by("-created_at")[:MAX_DRAFTS_READ]
    )


def uses(source: Model, document: Any) -> bool:
    """Whether the object, as it is in memory, refers to the document: the
    reference index's own extraction, without writing the index. (Two
    underscored helpers of ReferenceIndex, stable since Wagtail 4.1; should
    an upgrade rename them, the preview tests fail, not the public rule.)"""
    content_type_id = ReferenceIndex._get_base_content_type(document).pk
    target = (content_type_id, str(document.pk))
    references = ReferenceIndex._extract_references_from_object(source)
    return any((to_type, to_id) == target for to_type, to_id, *_ in references)


# After Wagtail's collection privacy check (order 0), so that a document in
# a password-protected collection still asks for the password.
@hooks.register("before_serve_document", order=100)
def hide_documents_not_yet_public(document: Any, request: HttpRequest) -> None:
    if not may_download(document, request):
        raise Http404("No live page uses this document, or it is not open to this request.")


# --- Choosers ----------------------------------------------------------------------


@hooks.register("construct_document_chooser_queryset")
def hide_restricted_collections(documents: QuerySet, request: HttpRequest) -> QuerySet:
    """Documents in a collection with a view restriction (or below one) are
    listed only for those who may change them (see the module's
    docstring); the rest of the chooser is Wagtail's own (choose
    permission). Filters on fields the search index can filter on
    (collection, id), as the chooser's search runs on this queryset."""
    user = request.user
    if user.is_active and user.is_superuser:
        return documents
    restricted_paths = list(
        CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    )
    if not restricted_paths:
        return documents
    below_a_restriction = Q()
    for restricted_path in restricted_paths:
        below_a_restriction |= Q(path__startswith=restricted_path)
    restricted = list(Collection.objects.filter(below_a_restriction).values_list("pk", flat=True))
    changeable = list(
        document_policy.instances_user_has_permission_for(user, RESTRICTED_COLLECTION_ACTION)
        .filter(collection__in=restricted)
        .values_list("pk", flat=True)
    )
    return documents.filter(~Q(collection__in=restricted) | Q(id__in=changeable))


def may_list(user: Any, document: Any) -> bool:
    """The choosers' rule for one document (see hide_restricted_collections)."""
    if user.is_active and user.is_superuser:
        return True
    if not in_restricted_collection(document):
        return True
    return document_policy.user_has_permission_for_instance(
        user, RESTRICTED_COLLECTION_ACTION, document
    )


def chosen_with_the_choosers_rule(request: HttpRequest, pk: str) -> HttpResponseBase:
    """Wagtail's "chosen" step answers any document id with its title and
    address to whoever holds "choose" on it (every editor, on the root
    collection): the titles of a restricted collection could be read by
    counting up ids. Same rule as the listing."""
    from wagtail.documents import get_document_model
    from wagtail.documents.views.chooser import viewset

    document = get_document_model().objects.filter(pk=pk).first() if pk.isdigit() else None
    if document is not None and not may_list(request.user, document):
        raise PermissionDenied
    return viewset.chosen_view(request, pk=pk)


# Before Wagtail's own chooser URLs (order -1); the URL name stays Wagtail's.
@hooks.register("register_admin_urls", order=-1)
def guard_the_chosen_document_step() -> list[URLPattern]:
    return [path("documents/chooser/chosen/<str:pk>/", chosen_with_the_choosers_rule)]


@hooks.register("construct_page_chooser_queryset")
def hide_other_sections_drafts(pages: QuerySet, request: HttpRequest) -> QuerySet:
    """Live pages, plus the pages that are not live which the user may
    edit: a draft's title is not news for the other sections."""
    user = request.user
    if user.is_active and user.is_superuser:
        return pages
    shown = Q(live=True)
    for editable in editable_pages(user):
        shown |= editable
    return pages.filter(shown)


def editable_pages(user: Any) -> list[Q]:
    """Wagtail's rule for the pages a user may edit (`PagePermissionPolicy`:
    "change" on an ancestor, or "add" on one and owning the page), written
    with the fields the search index filters on (path, owner), because the
    page chooser's search runs on the same queryset."""
    editable = []
    for permission in page_policy.get_cached_permissions_for_user(user):
        if permission.permission.codename == "change_page":
            editable.append(Q(path__startswith=permission.page.path))
        elif permission.permission.codename == "add_page":
            editable.append(Q(path__startswith=permission.page.path, owner=user))
    return editable
