"""manage.py import_archive PATH [--locale zh-hans|en] [--dry-run] [--campaign-year YEAR]

Imports a folder (recursively) of saved HTML pages and plain-text articles,
one article per file, as press releases or notices. A file that cannot be
read is reported with its reason and the batch goes on; the exit status is
non-zero only when a file failed. --dry-run runs everything and rolls back."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from wagtail.models import Locale

from lifelong_site.progress import Progress
from news.importing.extract import extract
from news.importing.places import forget_regions
from news.importing.reading import SUPPORTED_SUFFIXES, UnreadableFile, read_source
from news.importing.writer import file_checksum, find_imported, import_key, write_article


class DryRunRollback(Exception):
    """Raised at the end of a dry run to undo every write."""


class Command(BaseCommand):
    help = "Import saved articles (HTML or text, one per file) from a folder into the news or notices section."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="A folder (searched recursively) or a single file.")
        parser.add_argument("--locale", default=settings.LANGUAGE_CODE,
                            choices=[code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES],
                            help="The language of the articles and the site tree they go into (default: %(default)s).")
        parser.add_argument("--dry-run", action="store_true", help="Show what would happen; write nothing.")
        parser.add_argument("--campaign-year", type=int, help="Link every article to this year's week.")

    def handle(self, *args, path: Path, locale: str, dry_run: bool, campaign_year: int | None, **options) -> None:
        root = path.expanduser()
        if not root.exists():
            raise CommandError(f"{root} does not exist")
        target = Locale.objects.filter(language_code=locale).first()
        if target is None:
            raise CommandError(f"the site has no {locale} language yet; run migrate first")
        files = self.find_files(root)
        forget_regions()
        counts: Counter[str] = Counter()
        try:
            with transaction.atomic():
                self.import_files(root, files, target, campaign_year, dry_run, counts)
                if dry_run:
                    raise DryRunRollback
        except DryRunRollback:
            pass
        self.report_summary(counts, dry_run)
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} file(s) could not be imported", returncode=1)

    @staticmethod
    def find_files(root: Path) -> list[Path]:
        if root.is_file():
            return [root]
        return sorted(path for path in root.rglob("*") if path.is_file() and not path.name.startswith("."))

    def import_files(self, root: Path, files: list[Path], locale: Locale, campaign_year: int | None,
                     dry_run: bool, counts: Counter[str]) -> None:
        bar = Progress(len(files), "import", self.stderr._out)
        for path in files:
            relative = path.name if root.is_file() else path.relative_to(root).as_posix()
            bar.advance(relative)
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                counts["skipped"] += 1
                self.say(f"skipped   {relative}: not an HTML or text file")
                continue
            try:
                # A savepoint per file: a failure undoes that file only.
                with transaction.atomic():
                    action, detail = self.import_one(path, relative, locale, campaign_year)
            except (UnreadableFile, OSError) as error:
                counts["failed"] += 1
                self.stderr.write(self.style.ERROR(f"failed    {relative}: {error}"))
                continue
            counts["skipped" if action == "unchanged" else action] += 1
            verb = {"created": "would create" if dry_run else "created",
                    "updated": "would update" if dry_run else "updated"}.get(action, "unchanged")
            self.say(f"{verb:<12} {relative}: {detail}")

    def import_one(self, path: Path, relative: str, locale: Locale, campaign_year: int | None) -> tuple[str, str]:
        key = import_key(locale, relative)
        checksum = file_checksum(path)
        existing = find_imported(key, locale)
        if existing is not None and existing.import_checksum == checksum:
            return "unchanged", existing.title
        article = extract(read_source(path), campaign_year=campaign_year)
        result = write_article(article, key=key, checksum=checksum, locale=locale, campaign_year=campaign_year)
        page = result.page
        kind = "notice" if page.specific_class.__name__ == "NoticePage" else "press release"
        date = page.published_at.date().isoformat() + (" (approximate)" if page.date_is_approximate else "")
        detail = f"{kind} “{page.title}”, {date}"
        for note in result.notes:
            detail += f"\n             note: {note}"
        return result.action, detail

    def say(self, message: str) -> None:
        self.stdout.write(message)

    def report_summary(self, counts: Counter[str], dry_run: bool) -> None:
        total = sum(counts.values())
        summary = (f"{total} file(s): {counts['created']} created, {counts['updated']} updated, "
                   f"{counts['skipped']} skipped, {counts['failed']} failed")
        if dry_run:
            summary += " (dry run: nothing was written)"
        style = self.style.ERROR if counts["failed"] else self.style.SUCCESS
        self.stdout.write(style(summary))
