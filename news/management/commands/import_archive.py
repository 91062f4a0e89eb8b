"""manage.py import_archive PATH [--locale zh-hans|en] [--publish] [--dry-run] [--campaign-year YEAR]

Imports a folder (recursively) of saved HTML pages and plain-text articles,
one article per file, as press releases or notices. Imported pages are saved
as drafts for the review workflow; --publish publishes them at once. A file
that cannot be read is reported with its reason and the batch goes on; the
exit status is non-zero only when a file failed. --dry-run runs everything
and rolls back.

The folder may come from anyone, so nothing leads the importer out of it:
symbolic links are reported and never followed, only regular files are
opened, and a file that is too large or nested too deeply fails alone (see
news.importing.files and news.importing.reading)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TextIO, cast

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from wagtail.models import Locale

from lifelong_site.progress import Progress
from news.importing.extract import extract
from news.importing.files import FoundFile, find_files, leads_outside
from news.importing.places import forget_regions
from news.importing.reading import SUPPORTED_SUFFIXES, UnreadableFile, parse_source, read_file_bytes
from news.importing.writer import (
    data_checksum,
    find_imported,
    import_key,
    imported_checksum,
    write_article,
)


class DryRunRollback(Exception):
    """Raised at the end of a dry run to undo every write."""


class Command(BaseCommand):
    help = (
        "Import saved articles (HTML or text, one per file) from a folder into the news or notices section, "
        "as drafts for review unless --publish is given. Symbolic links in the folder are skipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path", type=Path, help="A folder (searched recursively) or a single file."
        )
        parser.add_argument(
            "--locale",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES],
            help="The language of the articles and the site tree they go into (default: %(default)s).",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the imported pages at once. Without it they are saved as drafts, "
            "not live, for the review workflow.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would happen; write nothing."
        )
        parser.add_argument(
            "--campaign-year", type=int, help="Link every article to this year's week."
        )

    def handle(
        self,
        *args,
        path: Path,
        locale: str,
        dry_run: bool,
        campaign_year: int | None,
        publish: bool = False,
        **options,
    ) -> None:
        given = path.expanduser()
        if not given.exists():
            raise CommandError(f"{given} does not exist")
        target = Locale.objects.filter(language_code=locale).first()
        if target is None:
            raise CommandError(f"the site has no {locale} language yet; run migrate first")
        root, files = find_files(given)
        forget_regions()
        counts: Counter[str] = Counter()
        try:
            with transaction.atomic():
                self.import_files(root, files, target, campaign_year, publish, dry_run, counts)
                if dry_run:
                    raise DryRunRollback
        except DryRunRollback:
            pass
        self.report_summary(counts, dry_run)
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} file(s) could not be imported", returncode=1)

    def import_files(
        self,
        root: Path,
        files: list[FoundFile],
        locale: Locale,
        campaign_year: int | None,
        publish: bool,
        dry_run: bool,
        counts: Counter[str],
    ) -> None:
        # OutputWrapper keeps the stream it wraps in _out, which the stubs do not declare.
        bar = Progress(len(files), "import", cast(TextIO, self.stderr._out))
        for found in files:
            relative = found.relative
            bar.advance(relative)
            if found.error:
                self.fail(relative, found.error, counts)
                continue
            if found.skip_reason:
                self.skip(relative, found.skip_reason, counts)
                continue
            if found.path.suffix.lower() not in SUPPORTED_SUFFIXES:
                self.skip(relative, "not an HTML or text file", counts)
                continue
            if leads_outside(found.path, root):
                # The folder changed since it was listed: a link now stands in the way.
                self.skip(relative, "symbolic link to a file outside the folder", counts)
                continue
            try:
                # A savepoint per file: a failure undoes that file only.
                with transaction.atomic():
                    action, detail, published = self.import_one(
                        found.path, relative, locale, campaign_year, publish
                    )
            except (UnreadableFile, OSError) as error:
                self.fail(relative, str(error), counts)
                continue
            except RecursionError:
                self.fail(relative, "the file is nested too deeply to read", counts)
                continue
            except MemoryError:
                self.fail(relative, "not enough memory to read the file", counts)
                continue
            counts["skipped" if action == "unchanged" else action] += 1
            if action != "unchanged":
                counts["published" if published else "drafts"] += 1
            verb = {
                "created": "would create" if dry_run else "created",
                "updated": "would update" if dry_run else "updated",
            }.get(action, "unchanged")
            self.say(f"{verb:<12} {relative}: {detail}")

    def import_one(
        self, path: Path, relative: str, locale: Locale, campaign_year: int | None, publish: bool
    ) -> tuple[str, str, bool]:
        key = import_key(locale, relative)
        data = read_file_bytes(path)
        checksum = data_checksum(data)
        existing = find_imported(key, locale)
        if existing is not None and imported_checksum(existing) == checksum:
            return "unchanged", existing.title, False
        article = extract(parse_source(data, path.suffix), campaign_year=campaign_year)
        result = write_article(
            article,
            key=key,
            checksum=checksum,
            locale=locale,
            campaign_year=campaign_year,
            publish=publish,
        )
        page = result.page
        kind = "notice" if page.specific_class.__name__ == "NoticePage" else "press release"
        state = "published" if result.published else "draft"
        date = page.published_at.date().isoformat() + (
            " (approximate)" if page.date_is_approximate else ""
        )
        detail = f"{state} {kind} “{page.title}”, {date}"
        for note in result.notes:
            detail += f"\n             note: {note}"
        return result.action, detail, result.published

    def say(self, message: str) -> None:
        self.stdout.write(message)

    def skip(self, relative: str, reason: str, counts: Counter[str]) -> None:
        counts["skipped"] += 1
        self.say(f"skipped   {relative}: {reason}")

    def fail(self, relative: str, reason: str, counts: Counter[str]) -> None:
        counts["failed"] += 1
        self.stderr.write(self.style.ERROR(f"failed    {relative}: {reason}"))

    def report_summary(self, counts: Counter[str], dry_run: bool) -> None:
        total = sum(counts[name] for name in ("created", "updated", "skipped", "failed"))
        summary = (
            f"{total} file(s): {counts['created']} created, {counts['updated']} updated, "
            f"{counts['skipped']} skipped, {counts['failed']} failed; "
            f"{counts['drafts']} saved as drafts, {counts['published']} published"
        )
        if dry_run:
            summary += " (dry run: nothing was written)"
        style = self.style.ERROR if counts["failed"] else self.style.SUCCESS
        self.stdout.write(style(summary))
