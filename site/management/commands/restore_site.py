"""Restore an archive written by backup_site: `manage.py restore_site FILE [--yes] [--force]`.

In this order, and stopping at the first problem with nothing changed:
check every member's name and checksum against the manifest (copying them
into a staging folder beside MEDIA_ROOT), check that the archive's database
engine is the configured one, check that the database and MEDIA_ROOT are
empty (unless --force), ask for confirmation (unless --yes). Only then the
database is restored, the media files moved into place, and the counts
compared with the manifest. See docs/backup.md.
"""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import TextIO

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from lifelong_site.backup import database, media
from lifelong_site.backup.archive import stage
from lifelong_site.backup.errors import BackupError
from lifelong_site.backup.manifest import ENGINE_NAMES, MEDIA_PREFIX, Manifest
from lifelong_site.progress import Progress


class Command(BaseCommand):
    help = "Restore the database and media files from a backup_site archive (checked first)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", metavar="FILE", help="An archive written by backup_site.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation (required without a terminal).")
        parser.add_argument(
            "--force", action="store_true",
            help="Restore even though the database or MEDIA_ROOT is not empty: replaces what the archive holds.",
        )

    def handle(self, *args, archive: str, yes: bool, force: bool, verbosity: int, **options) -> None:
        started = time.monotonic()
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"No such archive: {path}")
        if not yes and not sys.stdin.isatty():
            raise CommandError("restore_site replaces the site's data and needs confirmation; "
                               "without a terminal, pass --yes.")
        media_root = Path(settings.MEDIA_ROOT)
        staging = self.staging_folder(media_root)
        try:
            manifest = self.verify(path, staging, verbosity)
            self.check_target(manifest, media_root, force)
            if not yes:
                self.confirm(manifest, media_root)
            self.stdout.write(f"Restoring the database into the {database.describe()}…")
            database.restore(staging / Path(manifest.database_member), replace=force)
            bar = Progress(manifest.media_files, "media files", self.progress_stream(verbosity))
            moved = media.install(staging / MEDIA_PREFIX.rstrip("/"), media_root, bar.advance)
        except BackupError as error:
            raise CommandError(str(error)) from error
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        self.summary(path, manifest, moved, time.monotonic() - started)

    @staticmethod
    def staging_folder(media_root: Path) -> Path:
        # Beside MEDIA_ROOT, on the same file system, so installing is a rename.
        try:
            media_root.parent.mkdir(parents=True, exist_ok=True)
            return Path(tempfile.mkdtemp(prefix=".lifelong-restore-", dir=media_root.parent))
        except OSError:
            return Path(tempfile.mkdtemp(prefix="lifelong-restore-"))

    def verify(self, path: Path, staging: Path, verbosity: int) -> Manifest:
        self.stdout.write(f"Checking {path}…")
        bar: list[Progress] = []

        def on_manifest(manifest: Manifest) -> None:
            total = sum(digest.size for digest in manifest.members.values())
            bar.append(Progress(total, "checking", self.progress_stream(verbosity)))

        try:
            manifest = stage(path, staging, lambda size: bar[0].advance(by=size), on_manifest)
        except OSError as error:
            raise BackupError(f"Could not check the archive: {error}. Nothing was restored.") from error
        self.stdout.write(f"Archive intact: {len(manifest.members)} members match the manifest "
                          f"(made {manifest.created_at}).")
        return manifest

    def check_target(self, manifest: Manifest, media_root: Path, force: bool) -> None:
        engine = database.engine()
        if manifest.database_engine != engine:
            raise BackupError(
                f"This archive holds a {ENGINE_NAMES[manifest.database_engine]} database, but the configured "
                f"database (DATABASE_URL) is {ENGINE_NAMES[engine]}. Restore it into a "
                f"{ENGINE_NAMES[manifest.database_engine]} database; the engines' files do not convert."
            )
        if force:
            return
        problems = []
        if not database.is_empty():
            problems.append(f"the {database.describe()} already has tables")
        if not media.is_empty(media_root):
            problems.append(f"MEDIA_ROOT ({media_root}) already holds files")
        if problems:
            raise BackupError(
                "Refusing to restore: " + " and ".join(problems) + ". A restore goes into an empty database "
                "and an empty MEDIA_ROOT (point DATABASE_URL and MEDIA_ROOT at new ones) so that nothing is "
                "overwritten by mistake. --force restores over them: the archive's tables (on SQLite, the whole "
                "database file) and media files replace what is there; other media files are left in place."
            )

    def confirm(self, manifest: Manifest, media_root: Path) -> None:
        self.stdout.write(
            f"This restores {manifest.counts['pages']} pages and {manifest.media_files} media files into the "
            f"{database.describe()} and {media_root}."
        )
        if input("Type 'yes' to continue: ").strip().lower() != "yes":
            raise BackupError("Restore cancelled; nothing was changed.")

    def progress_stream(self, verbosity: int) -> TextIO:
        return self.stderr._out if verbosity else io.StringIO()

    def summary(self, path: Path, manifest: Manifest, moved: int, seconds: float) -> None:
        restored = database.current_counts()
        differences = []
        for label, expected in manifest.counts.items():
            actual = restored.get(label)
            mark = "ok" if actual == expected else "DIFFERENT"
            self.stdout.write(f"  {label}: {actual} (archive: {expected}) {mark}")
            if actual != expected:
                differences.append(label)
        if moved != manifest.media_files:
            differences.append("media files")
        self.stdout.write(f"  media files: {moved} (archive: {manifest.media_files}, "
                          f"{manifest.media_bytes} bytes)")
        self.stdout.write(f"  took {seconds:.1f} s")
        if differences:
            raise CommandError("The restored site differs from the archive's manifest in: " + ", ".join(differences))
        self.stdout.write(self.style.SUCCESS(f"Restored {path}: counts match the manifest."))
        self.warn_about_migrations()

    def warn_about_migrations(self) -> None:
        connection = connections["default"]
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            self.stdout.write(self.style.WARNING(
                f"The backup predates this code: {len(plan)} migration(s) to apply. Run `manage.py migrate` next."
            ))
