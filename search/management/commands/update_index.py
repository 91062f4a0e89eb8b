"""``manage.py update_index``: Wagtail's command, with two additions: it first
brings the search entries (search.models.SearchEntry) in line with the live
pages, and it shows a progress bar with counts instead of rows of dots."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from modelsearch.management.commands.rebuild_modelsearch_index import Command as WagtailUpdateIndex
from wagtail.models import Page

from lifelong_site.progress import Progress
from search.entries import live_pages, rebuild_entries
from search.index_rebuild import chunks_by_primary_key, title_norms_refreshed_once


class Command(WagtailUpdateIndex):
    help = "Rebuild the search entries of live pages, then every search backend's index."

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        # Smaller bulk requests than Wagtail's 1000: a search server answers
        # each within the site's short search timeout even when busy.
        parser.set_defaults(chunk_size=200)
        parser.add_argument(
            "--skip-entries",
            action="store_true",
            help="Do not rebuild search entries (only re-index them).",
        )

    def handle(self, **options: Any) -> None:
        self.verbosity = options["verbosity"]
        if not options["skip_entries"] and not options.get("schema_only"):
            total = Page.objects.live().filter(depth__gt=1).count()
            bar = Progress(total, "search entries", self._progress_stream())
            count = 0
            for _entry in rebuild_entries(live_pages().iterator(chunk_size=200)):
                bar.advance()
                count += 1
            self.write(f"search entries: {count} live pages described")
        with title_norms_refreshed_once():
            super().handle(**options)

    # Wagtail prints a dot per chunk; a bar with counts says how far along it is.
    def print_iter_progress(self, iterable):
        return iterable

    def queryset_chunks(self, qs, chunk_size=1000):
        bar = Progress(qs.count(), qs.model._meta.label, self._progress_stream())
        for chunk in chunks_by_primary_key(qs, chunk_size):
            yield chunk
            bar.advance(by=len(chunk))

    def _progress_stream(self):
        return self.stderr if self.verbosity else Path(os.devnull).open("w")
