"""Restore an archive written by backup_site: `manage.py restore_site FILE [--yes] [--force]`.

Everything that can be checked is checked before anything is replaced, in
this order, and the first step that finds problems stops the restore with
all of that step's problems listed and nothing changed:

1. the archive's headers and manifest (nothing written yet): safe names,
   regular non-sparse files only, every member listed in the manifest with
   the size its header gives and vice versa, no member past the end of the
   file, tarfile's "data" filter, and a manifest that agrees with itself;
2. free space for the staging folder (and, on SQLite, the new database file);
3. the target: the same database engine, a database and MEDIA_ROOT that are
   empty (unless --force), and no folder or file in MEDIA_ROOT in the way;
4. every member copied into a staging folder beside MEDIA_ROOT, never more
   bytes than listed, and its SHA-256 compared with the manifest's;
5. the staged database dump read (pg_restore / SQLite, without touching the
   configured database) and its rows counted against the manifest's counts;
6. confirmation (unless --yes).

Only then is the database restored (in one transaction on PostgreSQL, one
rename on SQLite) and the media files moved from staging into MEDIA_ROOT by
rename; the restored counts are compared once more. See docs/backup.md.
"""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import TextIO, cast

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from django.db.migrations.executor import MigrationExecutor

from lifelong_site.backup import database, media
from lifelong_site.backup.archive import ArchiveReader, check_free_space
from lifelong_site.backup.errors import BackupError, human_size, refusal
from lifelong_site.backup.manifest import ENGINE_NAMES, MEDIA_PREFIX, Manifest
from lifelong_site.progress import Progress


class Command(BaseCommand):
    help = "Restore the database and media files from a backup_site archive (checked first)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", metavar="FILE", help="An archive written by backup_site.")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Do not ask for confirmation (required without a terminal).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Restore even though the database or MEDIA_ROOT is not empty: replaces what the archive holds.",
        )

    def handle(
        self, *args, archive: str, yes: bool, force: bool, verbosity: int, **options
    ) -> None:
        started = time.monotonic()
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"No such archive: {path}")
        if not yes and not sys.stdin.isatty():
            raise CommandError(
                "restore_site replaces the site's data and needs confirmation; "
                "without a terminal, pass --yes."
            )
        media_root = Path(settings.MEDIA_ROOT)
        staging = self.staging_folder(media_root)
        try:
            manifest = self.check_all(path, staging, media_root, force, verbosity)
            if not yes:
                self.confirm(manifest, media_root)
            # Nothing was replaced up to here; from here on, everything was checked.
            self.stdout.write(f"Restoring the database into the {database.describe()}…")
            database.restore(staging / Path(manifest.database_member), replace=force)
            bar = Progress(manifest.media_files, "media files", self.progress_stream(verbosity))
            moved = media.install(staging / MEDIA_PREFIX.rstrip("/"), media_root, bar.advance)
        except BackupError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"Restore failed: {error}") from error
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

    def check_all(
        self, path: Path, staging: Path, media_root: Path, force: bool, verbosity: int
    ) -> Manifest:
        """Every check, in order; raises BackupError at the first step that finds problems."""
        self.stdout.write(f"Checking {path}…")
        try:
            with ArchiveReader(path) as reader:
                manifest = reader.inspect(staging)
                self.check_space(reader, manifest, staging, media_root)
                self.check_target(manifest, media_root, force)
                bar = Progress(reader.expanded_bytes, "checking", self.progress_stream(verbosity))
                reader.extract(staging, lambda size: bar.advance(by=size))
            self.stdout.write(
                f"Archive intact: {len(manifest.members)} members match the manifest "
                f"(made {manifest.created_at})."
            )
            member = manifest.database_member
            problems = database.dump_problems(staging / Path(member), member, manifest.counts)
        except OSError as error:
            raise BackupError(
                f"Could not check the archive: {error}. Nothing was changed."
            ) from error
        if problems:
            raise refusal(
                f"Refusing to restore {path}: its database dump does not match the manifest",
                problems,
            )
        self.stdout.write(
            f"Database dump checked: its rows match the manifest's counts "
            f"({', '.join(f'{label} {count}' for label, count in sorted(manifest.counts.items()))})."
        )
        return manifest

    def check_space(
        self, reader: ArchiveReader, manifest: Manifest, staging: Path, media_root: Path
    ) -> None:
        needs = [(staging, reader.expanded_bytes, "the checked copy of the archive")]
        if not media.same_file_system(staging, media_root):
            # Installing the media files copies them instead of renaming them.
            needs.append((media_root, manifest.media_bytes, "the media files"))
        database_file = database.local_file()
        if database_file is not None:
            # The new database file is written beside the old one, then renamed.
            needs.append(
                (
                    database_file.parent,
                    manifest.members[manifest.database_member].size,
                    "the new database file",
                )
            )
        check_free_space(needs)

    def check_target(self, manifest: Manifest, media_root: Path, force: bool) -> None:
        engine = database.engine()
        if manifest.database_engine != engine:
            raise BackupError(
                f"This archive holds a {ENGINE_NAMES[manifest.database_engine]} database, but the configured "
                f"database (DATABASE_URL) is {ENGINE_NAMES[engine]}. Restore it into a "
                f"{ENGINE_NAMES[manifest.database_engine]} database; the engines' files do not convert."
            )
        if not force:
            problems = []
            if not database.is_empty():
                problems.append(f"the {database.describe()} already has tables")
            if not media.is_empty(media_root):
                problems.append(f"MEDIA_ROOT ({media_root}) already holds files")
            if problems:
                raise BackupError(
                    "Refusing to restore: "
                    + " and ".join(problems)
                    + ". A restore goes into an empty database "
                    "and an empty MEDIA_ROOT (point DATABASE_URL and MEDIA_ROOT at new ones) so that nothing is "
                    "overwritten by mistake. --force restores over them: the archive's tables (on SQLite, the "
                    "whole database file) and media files replace what is there; other media files are left "
                    "in place."
                )
        database.check_restorable()
        names = [
            name.removeprefix(MEDIA_PREFIX)
            for name in manifest.members
            if name.startswith(MEDIA_PREFIX)
        ]
        problems = media.install_problems(names, media_root)
        if problems:
            raise refusal(
                f"Refusing to restore into MEDIA_ROOT ({media_root}), where something is in the way of "
                f"the archive's files",
                problems,
            )

    def confirm(self, manifest: Manifest, media_root: Path) -> None:
        self.stdout.write(
            f"This restores {manifest.counts.get('pages', '?')} pages and {manifest.media_files} media files "
            f"({human_size(manifest.media_bytes)}) into the {database.describe()} and {media_root}."
        )
        if input("Type 'yes' to continue: ").strip().lower() != "yes":
            raise BackupError("Restore cancelled; nothing was changed.")

    def progress_stream(self, verbosity: int) -> TextIO:
        # OutputWrapper keeps the stream it wraps in _out, which the stubs do not declare.
        return cast(TextIO, self.stderr._out) if verbosity else io.StringIO()

    def summary(self, path: Path, manifest: Manifest, moved: int, seconds: float) -> None:
        # The dump's rows were counted before the restore; this confirms that
        # the database now holds what the dump did.
        restored = database.current_counts()
        differences = []
        for label, expected in manifest.counts.items():
            actual = restored.get(label)
            mark = (
                "ok"
                if actual == expected
                else "not counted by this code"
                if actual is None
                else "DIFFERENT"
            )
            self.stdout.write(f"  {label}: {actual} (archive: {expected}) {mark}")
            if actual is not None and actual != expected:
                differences.append(f"{label} (archive: {expected}, restored: {actual})")
        if moved != manifest.media_files:
            differences.append(f"media files (archive: {manifest.media_files}, installed: {moved})")
        self.stdout.write(
            f"  media files: {moved} (archive: {manifest.media_files}, "
            f"{manifest.media_bytes} bytes)"
        )
        self.stdout.write(f"  took {seconds:.1f} s")
        if differences:
            raise CommandError(
                "The restored site differs from the archive's manifest in: "
                + ", ".join(differences)
            )
        self.stdout.write(self.style.SUCCESS(f"Restored {path}: counts match the manifest."))
        self.warn_about_migrations()

    def warn_about_migrations(self) -> None:
        connection = connections["default"]
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            self.stdout.write(
                self.style.WARNING(
                    f"The backup predates this code: {len(plan)} migration(s) to apply. Run `manage.py migrate` next."
                )
            )
