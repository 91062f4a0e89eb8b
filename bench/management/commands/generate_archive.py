"""``manage.py generate_archive``: a realistic archive at scale, for the
performance and search benchmarks.

    DJANGO_SETTINGS_MODULE=bench.settings python manage.py generate_archive [--pages 100000] [--seed 1] [--english-share 0.2] [--batch 2000]

Twenty weeks (2005–2024) with press releases, notices and their annexes,
ceremony galleries, Learning Stars and brand projects, in Chinese, with
English translations of a share of the releases and notices. Pages are
written in bulk (see bench.archive.tree), a batch per transaction. The same
seed and size always give the same pages: a second run finds them and
creates nothing, and a run after an interruption creates only what is
missing. The search index is not built here: run ``update_index`` after.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import reset_queries, transaction
from wagtail.models import Page

from bench.archive.pages import BUILDERS, MODELS
from bench.archive.plan import KINDS, Plan
from bench.archive.structure import (
    Context,
    MissingSetup,
    ensure_documents,
    ensure_images,
    ensure_tags,
    ensure_weeks,
    load_context,
)
from bench.archive.tree import MAX_PARAMETERS, BulkPageWriter, NewPage
from lifelong_site.progress import Progress
from lifelong_site.reference_data import ensure_reference_data


class Command(BaseCommand):
    help = (
        "Generate a large bilingual archive of live pages in bulk (idempotent per seed and size)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--pages",
            type=int,
            default=100_000,
            help="Pages to generate, both languages (default 100000).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=1,
            help="Seed of the content and of the slugs gen<seed>-… (default 1).",
        )
        parser.add_argument(
            "--english-share",
            type=float,
            default=0.2,
            help="Share of releases and notices translated into English (default 0.2).",
        )
        parser.add_argument(
            "--batch", type=int, default=2000, help="Pages written per transaction (default 2000)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        plan = Plan(
            pages=options["pages"], seed=options["seed"], english_share=options["english_share"]
        )
        batch = options["batch"]
        if plan.pages < 0 or plan.seed < 0 or batch < 1 or not 0 <= plan.english_share <= 1:
            raise CommandError(
                "--pages and --seed must be ≥ 0, --batch ≥ 1 and --english-share between 0 and 1."
            )
        started = time.monotonic()

        with transaction.atomic():
            ensure_reference_data()
        try:
            context = load_context()
        except MissingSetup as error:
            raise CommandError(
                f"{error} The archive goes into the demo site's listings and weeks: run "
                "`python manage.py migrate` and `python manage.py load_demo` first."
            ) from error
        with transaction.atomic():
            context.images, context.documents, context.tags = (
                ensure_images(),
                ensure_documents(),
                ensure_tags(),
            )
        writer = BulkPageWriter()
        structure = ensure_weeks(context, writer)

        self.stdout.write(
            f"Plan for seed {plan.seed}: {plan.total()} pages ("
            + ", ".join(
                f"{kind} {plan.chinese_count(kind)} zh + {plan.english_count(kind)} en"
                for kind in KINDS
            )
            + f"); {structure} week, index and gallery pages created."
        )
        bar = Progress(plan.total(), "archive", self._progress_stream(options["verbosity"]))
        found = 0
        for kind in KINDS:
            found += self._generate(kind, plan, context, writer, batch, bar)

        self._summary(plan, writer, structure, found, started, context)

    # --- Generation ---------------------------------------------------------------------
    def _generate(
        self,
        kind: str,
        plan: Plan,
        context: Context,
        writer: BulkPageWriter,
        batch: int,
        bar: Progress,
    ) -> int:
        """Write the missing pages of one type, a batch at a time; returns how
        many planned pages were there already."""
        count = plan.chinese_count(kind)
        per_item = 1 + (plan.english_share if kind in ("release", "notice") else 0)
        chunk = max(int(batch / per_item), 1)
        found = 0
        for start in range(0, count, chunk):
            numbers = range(start, min(start + chunk, count))
            wanted = {(plan.slug(kind, n), context.zh.pk) for n in numbers}
            wanted |= {
                (plan.slug(kind, n), context.en.pk) for n in numbers if plan.has_english(kind, n)
            }
            existing = self._existing(kind, wanted)
            found += len(existing)
            new_pages: list[NewPage] = []
            if len(existing) < len(wanted):
                for n in numbers:
                    new_pages += [
                        item
                        for item in BUILDERS[kind](plan, n, context)
                        if (item.page.slug, item.page.locale_id) not in existing
                    ]
            writer.write(new_pages, context.language_of)
            # With DEBUG on, Django keeps the last 9,000 statements with their
            # values (whole revisions here): hundreds of MiB if not dropped.
            reset_queries()
            bar.advance(f"{kind} {numbers.stop}/{count}", by=len(wanted))
        return found

    @staticmethod
    def _existing(kind: str, wanted: set[tuple[str, int]]) -> set[tuple[str, int]]:
        """The (slug, locale id) pairs of ``wanted`` that are in the database."""
        slugs = sorted({slug for slug, _locale in wanted})
        pages = Page.objects.filter(
            content_type__model=MODELS[kind]._meta.model_name,
            content_type__app_label=MODELS[kind]._meta.app_label,
        )
        found: set[tuple[str, int]] = set()
        for start in range(0, len(slugs), MAX_PARAMETERS):
            found.update(
                pages.filter(slug__in=slugs[start : start + MAX_PARAMETERS]).values_list(
                    "slug", "locale_id"
                )
            )
        return found & wanted

    # --- Output ---------------------------------------------------------------------------
    def _progress_stream(self, verbosity: int):
        if not verbosity:
            return Path(os.devnull).open("w")
        return getattr(self.stderr, "_out", sys.stderr)

    def _summary(
        self,
        plan: Plan,
        writer: BulkPageWriter,
        structure: int,
        found: int,
        started: float,
        context: Context,
    ) -> None:
        elapsed = time.monotonic() - started
        created: Counter[tuple[str, str]] = writer.created
        total = sum(created.values())
        generated = total - structure
        if generated == 0:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Nothing to create: the {found} planned pages of seed {plan.seed} are all there already."
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created {generated} pages of seed {plan.seed}"
                    + (f" ({found} were there already)." if found else ".")
                )
            )
        if total:
            self.stdout.write("Pages created (type, language, count):")
            for (model, language), count in sorted(created.items()):
                self.stdout.write(f"  {model:<24} {language:<8} {count:>8}")
        if context.draft_weeks:
            years = ", ".join(map(str, sorted(context.draft_weeks)))
            self.stdout.write(
                f"Note: the weeks of {years} are unpublished drafts; their generated children are live."
            )
        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        rate = total / elapsed if elapsed else 0.0
        self.stdout.write(
            f"Elapsed {elapsed:.1f} s, {rate:.0f} pages/s, peak memory {peak_kib / 1024:.0f} MiB (ru_maxrss {peak_kib} KiB)."
        )
        self.stdout.write(
            "Next: python manage.py update_index   (search entries and index; not built by this command)\n"
            "      python manage.py rebuild_references_index   (optional: image and document usage in the admin)"
        )
