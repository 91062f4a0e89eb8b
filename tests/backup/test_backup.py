"""Backup and restore (manage.py backup_site / restore_site, docs/backup.md).

The round trip is real end to end: the site is built in the test database,
backed up with the real pg_dump (or SQLite's backup API), restored with the
real pg_restore into a second, empty database by a separate process, and
compared fact by fact (pages, revisions, drafts, wagtail-localize records,
file bytes, users) by yet another process, which also renders the public
pages from the restored database. The refusals (damaged archive, `..`
member, non-empty target, other engine, no confirmation) each check that
nothing was changed.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import tarfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client, override_settings
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from lifelong_site.translation.tools import translate_instance
from news.models import NoticePage
from tests.conftest import build_site_tree
from tests.factories.campaigns import SiteImageFactory
from tests.factories.news import (
    NoticeIndexPageFactory,
    NoticePageFactory,
    SiteDocumentFactory,
    add_annex,
)
from tests.factories.site import SiteIdentityFactory, UserFactory

BASE_DIR = Path(settings.BASE_DIR)
PG_BIN_DIR = os.environ.get("LIFELONG_PG_BIN_DIR", "")
needs_postgresql = pytest.mark.skipif(
    not PG_BIN_DIR,
    reason="LIFELONG_PG_BIN_DIR is not set: run under tests/support/run_with_postgres.sh",
)
FACTS_MARKER = "SITE-FACTS:"
# Test settings fix MEDIA_ROOT; the restoring process needs its own, empty one.
TARGET_SETTINGS = """\
import os
from pathlib import Path

from lifelong_site.settings.test import *  # noqa: F403

MEDIA_ROOT = Path(os.environ["MEDIA_ROOT"])
"""


# --- What "the same site" means ---------------------------------------------


def sha256_of(field_file: Any) -> str:
    with field_file.open("rb") as stream:
        return hashlib.sha256(stream.read()).hexdigest()


def first_heading(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.DOTALL)
    return re.sub(r"\s+", " ", match.group(1)).strip() if match else ""


def site_facts() -> dict[str, Any]:
    """Everything the round trip must keep, as plain JSON-able values. Runs in
    the test process on the source and in a subprocess on the restored site."""
    pages = Page.objects.order_by("path").select_related("locale", "content_type")
    client = Client()
    urls = [
        "/",
        "/en/",
        *[notice.get_url() for notice in NoticePage.objects.order_by("locale__language_code")],
    ]
    responses = {}
    for url in urls:
        response = client.get(url)
        responses[url] = [response.status_code, first_heading(response.content.decode())]
    return {
        "pages": [
            [
                page.url_path,
                page.title,
                page.draft_title,
                page.locale.language_code,
                page.live,
                page.has_unpublished_changes,
                page.content_type.model,
                str(page.translation_key),
            ]
            for page in pages
        ],
        "latest_revision_titles": {
            page.url_path: page.latest_revision.content["title"]
            for page in pages
            if page.latest_revision_id
        },
        "revisions": Revision.objects.count(),
        "translation_sources": sorted(
            [str(source.object_id), source.specific_content_type.model, source.locale.language_code]
            for source in TranslationSource.objects.all()
        ),
        "translations": sorted(
            [
                str(translation.source.object_id),
                translation.target_locale.language_code,
                translation.enabled,
            ]
            for translation in Translation.objects.all()
        ),
        "string_translations": sorted(
            [string.data, string.locale.language_code] for string in StringTranslation.objects.all()
        ),
        "images": [
            {
                "title": image.title,
                "file": image.file.name,
                "sha256": sha256_of(image.file),
                "credit": image.credit,
                "renditions": sorted(
                    [rendition.filter_spec, rendition.file.name, sha256_of(rendition.file)]
                    for rendition in image.renditions.all()
                ),
            }
            for image in get_image_model().objects.order_by("title")
        ],
        "documents": [
            [document.title, document.file.name, sha256_of(document.file)]
            for document in get_document_model().objects.order_by("title")
        ],
        "users": [
            [
                user.username,
                user.password,
                user.is_superuser,
                sorted(group.name for group in user.groups.all()),
            ]
            for user in get_user_model().objects.order_by("username")
        ],
        "responses": responses,
    }


def build_content() -> None:
    """The site tree, a published Chinese notice with a lead image (and a
    rendition) and an annex document, its English translation, a draft on top
    of the live Chinese revision, and an editor in a group."""
    tree = build_site_tree()
    SiteIdentityFactory(site=tree.site)
    notices = NoticeIndexPageFactory(parent=tree.home_zh)
    notices.save_revision().publish()
    image = SiteImageFactory(title="开幕式合影")
    image.get_rendition("fill-160x90")
    document = SiteDocumentFactory(title="活动安排表")
    notice = NoticePageFactory(
        parent=notices,
        title="关于举办全民终身学习活动周的通知",
        lead_image=image,
        lead_image_alt="开幕式现场",
    )
    add_annex(notice, "活动安排表", 0, document=document)
    notice.save_revision().publish()
    translate_instance(notices, tree.en, {"通知公告": "Notices"})
    translate_instance(
        notice,
        tree.en,
        {
            notice.title: "Notice on the Lifelong Learning Activity Week",
            "开幕式现场": "At the opening ceremony",
            "活动安排表": "Schedule",
        },
    )
    notice.title = "关于举办全民终身学习活动周的通知（修订稿）"
    notice.save_revision()  # a draft on top of the live revision
    group = Group.objects.create(name="备份演练组")
    editor = UserFactory(username="backup-editor")
    editor.groups.add(group)


# --- Targets: an empty database and media folder for another process --------


@dataclass
class Target:
    env: dict[str, str]
    media_root: Path
    table_count: Callable[[], int]


def target_env(tmp_path: Path, database_url: str) -> tuple[dict[str, str], Path]:
    settings_dir = tmp_path / "settings"
    settings_dir.mkdir(exist_ok=True)
    (settings_dir / "restore_target_settings.py").write_text(TARGET_SETTINGS)
    media_root = tmp_path / "target" / "media"
    media_root.mkdir(parents=True)
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media_root),
        DJANGO_SETTINGS_MODULE="restore_target_settings",
        PYTHONPATH=os.pathsep.join([str(settings_dir), str(BASE_DIR)]),
    )
    return env, media_root


def pg_command(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    parts = urlsplit(os.environ["DATABASE_URL"])
    return subprocess.run(
        [
            str(Path(PG_BIN_DIR) / tool),
            "-h",
            parts.hostname or "127.0.0.1",
            "-p",
            str(parts.port or 5432),
            "-U",
            parts.username or "postgres",
            *args,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )


@pytest.fixture
def empty_target(tmp_path: Path) -> Iterator[Target]:
    """A new, empty database of the test run's engine plus an empty MEDIA_ROOT."""
    if connection.vendor == "postgresql":
        if not PG_BIN_DIR:
            pytest.skip(
                "LIFELONG_PG_BIN_DIR is not set: cannot create a second PostgreSQL database"
            )
        name = f"lifelong_restore_{uuid.uuid4().hex[:12]}"
        pg_command("createdb", name)
        url = urlunsplit(urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}"))
        env, media_root = target_env(tmp_path, url)

        def count() -> int:
            sql = "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
            return int(pg_command("psql", "-d", name, "-Atc", sql).stdout.strip())

        yield Target(env, media_root, count)
        pg_command("dropdb", "--if-exists", "--force", name)
    else:
        path = tmp_path / "target.sqlite3"
        env, media_root = target_env(tmp_path, f"sqlite:///{path}")

        def count() -> int:
            if not path.exists():
                return 0
            with sqlite3.connect(path) as database:
                return int(
                    database.execute(
                        "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                    ).fetchone()[0]
                )

        yield Target(env, media_root, count)


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def facts_of(env: dict[str, str]) -> dict[str, Any]:
    code = (
        "import json, django; django.setup(); from tests.backup.test_backup import site_facts; "
        f"print({FACTS_MARKER!r} + json.dumps(site_facts(), ensure_ascii=False))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    line = [line for line in result.stdout.splitlines() if line.startswith(FACTS_MARKER)][-1]
    return json.loads(line.removeprefix(FACTS_MARKER))


def backup(tmp_path: Path, media_root: Path) -> tuple[Path, str]:
    out_dir = tmp_path / "backups"
    out_dir.mkdir(exist_ok=True)
    stdout = io.StringIO()
    with override_settings(MEDIA_ROOT=media_root):
        call_command("backup_site", output=str(out_dir), stdout=stdout, stderr=io.StringIO())
    archives = list(out_dir.glob("lifelong-backup-*.tar"))
    assert len(archives) == 1, list(out_dir.iterdir())
    return archives[0], stdout.getvalue()


# --- The round trip ------------------------------------------------------------


def assert_round_trip(tmp_path: Path, target: Target) -> None:
    source_media = tmp_path / "source-media"
    with override_settings(MEDIA_ROOT=source_media):
        build_content()
        # Before the backup: renditions made by rendering go into the archive
        # too, so the restored side finds them rather than making them again.
        source = site_facts()
        started = time.monotonic()
        archive, report = backup(tmp_path, source_media)
        backup_seconds = time.monotonic() - started

    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert names[-1] == "manifest.json"
    assert {name.split("/")[0] for name in names} == {"database", "media", "manifest.json"}
    assert settings.SECRET_KEY.encode() not in archive.read_bytes()
    assert "Backup written" in report and "took" in report

    started = time.monotonic()
    result = manage(target.env, "restore_site", str(archive), "--yes")
    restore_seconds = time.monotonic() - started
    assert result.returncode == 0, result.stdout + result.stderr
    assert "counts match the manifest" in result.stdout
    print(
        f"\nbackup: {archive.stat().st_size} bytes in {backup_seconds:.1f} s; "
        f"restore (process included): {restore_seconds:.1f} s"
    )

    restored = facts_of(target.env)
    assert restored == source
    # Not vacuous: the facts hold what build_content made.
    zh_notice = next(
        page for page in restored["pages"] if page[3] == "zh-hans" and page[6] == "noticepage"
    )
    assert (
        zh_notice[1] == "关于举办全民终身学习活动周的通知"
        and zh_notice[4] is True
        and zh_notice[5] is True
    )
    assert (
        restored["latest_revision_titles"][zh_notice[0]]
        == "关于举办全民终身学习活动周的通知（修订稿）"
    )
    assert any(
        page[3] == "en" and page[1] == "Notice on the Lifelong Learning Activity Week"
        for page in restored["pages"]
    )
    assert {row[1] for row in restored["translations"]} == {"en"} and len(
        restored["translations"]
    ) >= 3
    assert ["Notices", "en"] in restored["string_translations"]
    assert restored["revisions"] >= 6
    [image] = restored["images"]
    assert image["renditions"] and image["sha256"] != image["renditions"][0][2]
    assert restored["documents"][0][0] == "活动安排表"
    editor = next(user for user in restored["users"] if user[0] == "backup-editor")
    assert editor[1].startswith("md5$") and editor[3] == ["备份演练组"]
    assert all(status == 200 for status, _heading in restored["responses"].values()), restored[
        "responses"
    ]
    assert restored["responses"]["/"][1] == "全民终身学习活动周"
    assert restored["responses"]["/en/"][1] == "National Lifelong Learning Activity Week"
    # Files came from the archive, byte for byte, into the new MEDIA_ROOT.
    copied = sorted(
        path.relative_to(target.media_root)
        for path in target.media_root.rglob("*")
        if path.is_file()
    )
    original = sorted(
        path.relative_to(source_media) for path in source_media.rglob("*") if path.is_file()
    )
    assert copied == original and len(copied) >= 3
    for relative in copied:
        assert (target.media_root / relative).read_bytes() == (source_media / relative).read_bytes()

    # --force restores over a site: here the same archive over the restored one.
    again = manage(target.env, "restore_site", str(archive), "--yes", "--force")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "counts match the manifest" in again.stdout


@needs_postgresql
def test_postgresql_round_trip_restores_the_same_site(
    transactional_db, tmp_path, empty_target
) -> None:
    assert connection.vendor == "postgresql"
    assert_round_trip(tmp_path, empty_target)


@pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="this run is on PostgreSQL (the round trip above); the SQLite round trip runs in a SQLite test run",
)
def test_sqlite_round_trip_restores_the_same_site(transactional_db, tmp_path, empty_target) -> None:
    assert connection.vendor == "sqlite"
    assert_round_trip(tmp_path, empty_target)


# --- Refusals --------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_archive(tmp_path_factory, django_db_setup, django_db_blocker) -> Path:
    """A backup of the bare test database and two media files, made once."""
    folder = tmp_path_factory.mktemp("small-backup")
    media_root = folder / "media"
    (media_root / "documents").mkdir(parents=True)
    (media_root / "documents" / "通知.txt").write_text("全民终身学习活动周", encoding="utf-8")
    (media_root / "original_images").mkdir()
    (media_root / "original_images" / "photo.png").write_bytes(bytes(range(256)) * 64)
    with django_db_blocker.unblock():
        archive, _report = backup(folder, media_root)
    return archive


def copy_with_member(archive: Path, target: Path, name: str, data: bytes) -> None:
    """The archive plus one member `name`, listed in the manifest with its
    true checksum, so that only the name can make a restore refuse it."""
    with (
        tarfile.open(archive) as source,
        tarfile.open(target, "w", format=tarfile.PAX_FORMAT) as out,
    ):
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(content)
                manifest["members"][name] = {
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "size": len(data),
                }
                extra = tarfile.TarInfo(name)
                extra.size = len(data)
                out.addfile(extra, io.BytesIO(data))
                content = json.dumps(manifest).encode()
                member.size = len(content)
            out.addfile(member, io.BytesIO(content))


def restore_in_process(archive: Path, media_root: Path, **options: Any) -> None:
    with override_settings(MEDIA_ROOT=media_root):
        call_command(
            "restore_site", str(archive), stdout=io.StringIO(), stderr=io.StringIO(), **options
        )


def assert_nothing_left(media_root: Path) -> None:
    assert not any(media_root.rglob("*")), list(media_root.rglob("*"))
    assert not list(media_root.parent.glob(".lifelong-restore-*")), (
        "the staging folder was not removed"
    )


# django_db: small_archive backs up the test database, which pytest-django
# creates only when a selected test asks for it.
@pytest.mark.django_db
def test_tampered_archive_is_refused_and_target_stays_empty(
    small_archive, tmp_path, empty_target
) -> None:
    tampered = tmp_path / "tampered.tar"
    data = bytearray(small_archive.read_bytes())
    with tarfile.open(small_archive) as tar:
        dump = next(member for member in tar.getmembers() if member.name.startswith("database/"))
    data[dump.offset_data + dump.size // 2] ^= 0x01  # one byte, one bit
    tampered.write_bytes(bytes(data))

    result = manage(empty_target.env, "restore_site", str(tampered), "--yes")

    assert result.returncode != 0
    assert f"Checksum mismatch for {dump.name}" in result.stderr
    assert empty_target.table_count() == 0
    assert_nothing_left(empty_target.media_root)


@pytest.mark.django_db
def test_truncated_archive_is_refused(small_archive, tmp_path) -> None:
    truncated = tmp_path / "truncated.tar"
    truncated.write_bytes(small_archive.read_bytes()[: small_archive.stat().st_size // 2])
    media_root = tmp_path / "media"
    media_root.mkdir()
    with pytest.raises(CommandError, match="truncated"):
        restore_in_process(truncated, media_root, yes=True)
    assert_nothing_left(media_root)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["media/../../escaped.txt", "{tmp}/escaped-absolute.txt", "media/./x/../../escaped.txt"]
)
def test_member_with_unsafe_path_is_refused(small_archive, tmp_path, name) -> None:
    name = name.format(tmp=tmp_path)
    crafted = tmp_path / "crafted.tar"
    copy_with_member(small_archive, crafted, name, b"written outside MEDIA_ROOT")
    media_root = tmp_path / "deep" / "media"
    media_root.mkdir(parents=True)
    with pytest.raises(CommandError, match="unsafe path"):
        restore_in_process(crafted, media_root, yes=True)
    assert_nothing_left(media_root)
    assert not list(tmp_path.rglob("escaped*"))


@pytest.mark.django_db
def test_restore_into_a_non_empty_database_is_refused_without_force(
    small_archive, tmp_path
) -> None:
    pages = Page.objects.count()
    media_root = tmp_path / "media"
    media_root.mkdir()
    # The test database has every table: it is not empty.
    with pytest.raises(CommandError, match=r"already has tables.*--force"):
        restore_in_process(small_archive, media_root, yes=True)
    assert Page.objects.count() == pages
    assert_nothing_left(media_root)


@pytest.mark.django_db
def test_restore_without_yes_and_without_a_terminal_is_refused(
    small_archive, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("yes\n"))  # piped input is not a terminal
    media_root = tmp_path / "media"
    media_root.mkdir()
    with pytest.raises(CommandError, match="pass --yes"):
        restore_in_process(small_archive, media_root)
    assert_nothing_left(media_root)


@needs_postgresql
@pytest.mark.django_db  # for small_archive, as above
def test_postgresql_archive_is_refused_by_a_sqlite_site(small_archive, tmp_path) -> None:
    database_file = tmp_path / "site.sqlite3"
    env, media_root = target_env(tmp_path, f"sqlite:///{database_file}")
    result = manage(env, "restore_site", str(small_archive), "--yes")
    assert result.returncode != 0
    assert (
        "holds a PostgreSQL database, but the configured database (DATABASE_URL) is SQLite"
        in result.stderr
    )
    assert not database_file.exists() or database_file.stat().st_size == 0
    assert_nothing_left(media_root)
