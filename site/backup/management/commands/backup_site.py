"""Back up the whole site into one archive: `manage.py backup_site [--output FILE]`.

The archive (a tar) holds the database (pg_dump's custom format on
PostgreSQL, a copy made with SQLite's online backup API on SQLite), every
file under MEDIA_ROOT, and manifest.json with counts, migration state and the
SHA-256 of each member. It never holds settings, SECRET_KEY or the
environment file. See docs/backup.md for schedules, retention and restores.
"""

from __future__ import annotations

import io
import tempfile
import time
from pathlib import Path
from typing import TextIO, cast

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from lifelong_site.backup import database
from lifelong_site.backup.archive import ArchiveWriter
from lifelong_site.backup.errors import BackupError, human_size
from lifelong_site.backup.manifest import ENGINE_NAMES, Manifest
from lifelong_site.backup.media import media_files, member_name
from lifelong_site.progress import Progress


class Command(BaseCommand):
    help = "Write the database and the media files into one archive with a checksummed manifest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            metavar="FILE",
            help="Archive to write, or an existing folder to write lifelong-backup-YYYYmmdd-HHMMSS.tar into "
            "(default: that name in the current folder).",
        )

    def handle(self, *args, output: str | None, verbosity: int, **options) -> None:
        started = time.monotonic()
        created = timezone.localtime()
        target = self.target_path(output, created.strftime("lifelong-backup-%Y%m%d-%H%M%S.tar"))
        media_root = Path(settings.MEDIA_ROOT)
        try:
            engine = database.engine()
            writer = ArchiveWriter(target)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        try:
            manifest = self.write(
                writer, engine, media_root, created.isoformat(timespec="seconds"), verbosity
            )
            writer.close()
        except (BackupError, OSError) as error:
            writer.abandon()
            raise CommandError(f"Backup failed, no archive written: {error}") from error
        except BaseException:
            writer.abandon()
            raise
        self.summary(target, manifest, time.monotonic() - started)
        self.object_storage_notice()

    @staticmethod
    def target_path(output: str | None, default_name: str) -> Path:
        if not output:
            return Path.cwd() / default_name
        path = Path(output)
        return path / default_name if path.is_dir() else path

    def write(
        self, writer: ArchiveWriter, engine: str, media_root: Path, created_at: str, verbosity: int
    ) -> Manifest:
        # The database first, then the media: every file the dump refers to
        # was uploaded before the dump, so it is in the archive too. Files
        # uploaded meanwhile are extra and harmless.
        self.stdout.write(f"Dumping the {ENGINE_NAMES[engine]} database…")
        with tempfile.TemporaryDirectory(prefix="lifelong-backup-") as scratch:
            dump_file = Path(scratch) / "database"
            dump = database.dump(dump_file)
            manifest = Manifest(
                created_at=created_at,
                database_engine=engine,
                database_versions=dump.versions,
                migrations=dump.migrations,
                counts=dump.counts,
                media_files=0,
                media_bytes=0,
            )
            writer.add_file(manifest.database_member, dump_file)
        files = media_files(media_root)
        bar = Progress(len(files), "media files", self.progress_stream(verbosity))
        for path in files:
            digest = writer.add_file(member_name(media_root, path), path)
            manifest.media_files += 1
            manifest.media_bytes += digest.size
            bar.advance()
        writer.add_manifest(manifest)
        return manifest

    def progress_stream(self, verbosity: int) -> TextIO:
        # The raw stream: Django's wrapper would end every redraw with a newline.
        # OutputWrapper keeps the stream it wraps in _out, which the stubs do not declare.
        return cast(TextIO, self.stderr._out) if verbosity else io.StringIO()

    def object_storage_notice(self) -> None:
        """With object storage (MEDIA_S3_BUCKET) the uploads are in the bucket,
        not under MEDIA_ROOT: the archive has the database without them, and
        saying so is the difference between a backup and a false sense of one."""
        storage = getattr(settings, "MEDIA_OBJECT_STORAGE", None)
        if storage is None:
            return
        self.stderr.write(
            self.style.WARNING(
                f"Uploaded media live in object storage (bucket {storage.bucket!r} at "
                f"{storage.endpoint_url}) and are NOT in this archive. Keep the bucket "
                'versioned and copied elsewhere (docs/backup.md, "Object storage").'
            )
        )

    def summary(self, target: Path, manifest: Manifest, seconds: float) -> None:
        counts = manifest.counts
        database_bytes = manifest.members[manifest.database_member].size
        self.stdout.write(
            self.style.SUCCESS(f"Backup written: {target} ({human_size(target.stat().st_size)})")
        )
        self.stdout.write(
            f"  database: {ENGINE_NAMES[manifest.database_engine]}, {human_size(database_bytes)}; "
            f"media: {manifest.media_files} files, {human_size(manifest.media_bytes)}"
        )
        self.stdout.write(
            f"  pages {counts['pages']}, revisions {counts['revisions']}, images {counts['images']}, "
            f"documents {counts['documents']}, users {counts['users']}, "
            f"translations {counts['translations']}"
        )
        self.stdout.write(f"  took {seconds:.1f} s")
