"""Write many pages at once and leave the same rows as ``add_child`` followed
by ``save_revision().publish()``: a valid treebeard tree, a specific-page row,
one live revision per page and the child rows (annexes, photos, tags).

A batch is one transaction:

1. place each page under its parent: path = the parent's path plus the next
   free step, depth + 1, url_path = parent's url_path + slug + "/";
2. insert the ``wagtailcore_page`` rows, many per statement, returning their
   ids (what ``bulk_create`` does; it refuses multi-table models, so the base
   rows go first, read from the specific pages' inherited fields), and copy
   the ids into the specific pages;
3. insert the specific rows with ``Model._base_manager._insert`` over the
   model's local concrete fields (``page_ptr_id`` and its own columns);
4. bulk-insert the child rows, then attach them to the in-memory pages so
   that ``serializable_data()`` describes them without a query;
5. bulk-insert one revision per page (content = ``serializable_data()``,
   as ``save_revision`` stores it) and point ``live_revision`` and
   ``latest_revision`` at it with an UPDATE per 900 pages;
6. add the new children to each parent's ``numchild``.

A failed batch rolls back whole, so the tree is valid after every batch.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connections, models, transaction
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast
from modelcluster.models import get_all_child_relations
from wagtail.models import Page, Revision

# Values per statement for lists of ids and slugs: SQLite builds may allow
# as few as 999 parameters.
MAX_PARAMETERS = 900


@dataclass
class Slot:
    """A parent page and the step its next child takes."""

    id: int
    path: str
    depth: int
    url_path: str
    last_step: int


@dataclass
class NewPage:
    """An unsaved specific page (title, slug, locale, fields) for ``parent_id``,
    with its child rows by relation name (``annexes``, ``photos``,
    ``tagged_items``…); the writer fills in tree fields, ids and revisions."""

    parent_id: int
    page: Page
    children: Mapping[str, Sequence[models.Model]] = field(default_factory=dict)


class BulkPageWriter:
    def __init__(self, using: str = "default") -> None:
        self.using = using
        self.connection = connections[using]
        if not self.connection.features.can_return_rows_from_bulk_insert:
            raise RuntimeError(
                f"The {self.connection.vendor} database cannot return ids from a bulk insert; use PostgreSQL or SQLite 3.35+."
            )
        self.slots: dict[int, Slot] = {}
        self.base_content_type_id = ContentType.objects.db_manager(using).get_for_model(Page).pk
        self.created: Counter[tuple[str, str]] = Counter()
        self._page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
        self._relations: dict[type[models.Model], dict[str, models.ManyToOneRel]] = {}

    # --- Parents -------------------------------------------------------------------
    def slot(self, parent_id: int) -> Slot:
        slot = self.slots.get(parent_id)
        if slot is None:
            path, depth, url_path = (
                Page.objects.using(self.using)
                .values_list("path", "depth", "url_path")
                .get(pk=parent_id)
            )
            last = (
                Page.objects.using(self.using)
                .filter(path__startswith=path, depth=depth + 1)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            slot = Slot(
                parent_id,
                path,
                depth,
                url_path,
                Page._str2int(last[-Page.steplen :]) if last else 0,
            )
            self.slots[parent_id] = slot
        return slot

    def forget_slots(self) -> None:
        """Read parents again from the database (after a failed batch)."""
        self.slots.clear()

    def relations(self, model: type[models.Model]) -> dict[str, models.ManyToOneRel]:
        if model not in self._relations:
            self._relations[model] = {
                rel.get_accessor_name(): rel for rel in get_all_child_relations(model)
            }
        return self._relations[model]

    # --- Writing ---------------------------------------------------------------------
    def write(self, new_pages: list[NewPage], language_of: dict[int, str]) -> list[Page]:
        """Insert the pages; ``language_of`` maps locale ids to language codes
        for the summary. Returns the saved specific pages."""
        if not new_pages:
            return []
        try:
            with transaction.atomic(using=self.using):
                return self._write(new_pages, language_of)
        except Exception:
            self.forget_slots()
            raise

    def _write(self, new_pages: list[NewPage], language_of: dict[int, str]) -> list[Page]:
        added: Counter[int] = Counter()
        for item in new_pages:
            slot = self.slot(item.parent_id)
            slot.last_step += 1
            added[slot.id] += 1
            page = item.page
            page.depth = slot.depth + 1
            page.path = Page._get_path(slot.path, page.depth, slot.last_step)
            page.url_path = f"{slot.url_path}{page.slug}/"
            page.numchild = 0

        pages = [item.page for item in new_pages]
        self._insert_base_rows(pages)
        self._insert_specific(pages)
        self._insert_children(new_pages)
        self._insert_revisions(pages)

        for parent_id, count in added.items():
            Page.objects.using(self.using).filter(pk=parent_id).update(
                numchild=F("numchild") + count
            )
        for page in pages:
            self.created[
                (type(page).__name__, language_of.get(page.locale_id, str(page.locale_id)))
            ] += 1
        return pages

    def _insert_base_rows(self, pages: list[Page]) -> None:
        """The wagtailcore_page rows, written from the specific pages themselves
        (what bulk_create does for a single-table model), with the new ids."""
        fields, returning = self._page_fields, Page._meta.db_returning_fields
        size = max(self.connection.ops.bulk_batch_size(fields, pages), 1)
        for start in range(0, len(pages), size):
            chunk = pages[start : start + size]
            rows = Page._base_manager.using(self.using)._insert(
                chunk, fields=fields, returning_fields=returning, using=self.using
            )
            for page, (pk,) in zip(chunk, rows, strict=True):
                page.pk = page.id = pk
                page._state.adding = False
                page._state.db = self.using

    def _insert_specific(self, pages: list[Page]) -> None:
        """The specific rows: page_ptr_id and the model's own columns."""
        by_model: dict[type[Page], list[Page]] = {}
        for page in pages:
            by_model.setdefault(type(page), []).append(page)
        for model, objs in by_model.items():
            for obj in objs:
                # What save() would copy from the base row (ArticlePage.listing_locale).
                if hasattr(obj, "copy_listing_fields"):
                    obj.copy_listing_fields()
            fields = model._meta.local_concrete_fields
            size = max(self.connection.ops.bulk_batch_size(fields, objs), 1)
            for start in range(0, len(objs), size):
                model._base_manager.using(self.using)._insert(
                    objs[start : start + size], fields=fields, using=self.using
                )

    def _insert_children(self, new_pages: list[NewPage]) -> None:
        by_model: dict[type[models.Model], list[models.Model]] = {}
        for item in new_pages:
            relations = self.relations(type(item.page))
            for name, children in item.children.items():
                fk = relations[name].field.attname
                for child in children:
                    setattr(child, fk, item.page.pk)
                    by_model.setdefault(type(child), []).append(child)
        for model, objs in by_model.items():
            model._default_manager.using(self.using).bulk_create(objs)
        # Attach every relation (empty ones too), so serializable_data() reads
        # them from memory instead of querying each one per page.
        for item in new_pages:
            for name in self.relations(type(item.page)):
                setattr(item.page, name, item.children.get(name, []))

    def _insert_revisions(self, pages: list[Page]) -> None:
        content_types = ContentType.objects.db_manager(self.using)
        revisions = [
            Revision(
                content_type_id=content_types.get_for_model(type(page)).pk,
                base_content_type_id=self.base_content_type_id,
                object_id=str(page.pk),
                created_at=page.latest_revision_created_at,
                object_str=str(page),
                content=page.serializable_data(),
            )
            for page in pages
        ]
        Revision.objects.using(self.using).bulk_create(revisions)
        for page, revision in zip(pages, revisions, strict=True):
            page.live_revision_id = page.latest_revision_id = revision.pk
        # An UPDATE per few hundred pages, not one per page: each page points
        # at its revision, found through the (base_content_type, object_id) index.
        revision = Subquery(
            Revision.objects.using(self.using)
            .filter(
                base_content_type_id=self.base_content_type_id,
                object_id=Cast(OuterRef("pk"), CharField()),
            )
            .order_by("-pk")
            .values("pk")[:1]
        )
        ids = [page.pk for page in pages]
        for start in range(0, len(ids), MAX_PARAMETERS):
            Page.objects.using(self.using).filter(
                pk__in=ids[start : start + MAX_PARAMETERS]
            ).update(live_revision_id=revision, latest_revision_id=revision)
