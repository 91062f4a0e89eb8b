"""restore_site checks everything it can before it replaces anything
(docs/backup.md, "Restoring").

Each hostile archive is made from a real backup by editing it the way an
attacker or a well-meaning operator might: a sparse member that expands to
far more than it stores, a member longer than the manifest says, links and
special files, a manifest whose counts or media totals no longer match, a
member listed but absent. The restore must refuse with a message naming what
it found, and the site it would have replaced must be exactly as before.

The refusals that matter most run with `--force --yes` against a restored
site in a separate database and MEDIA_ROOT (a process of its own, as in
production): with --force nothing but the checks stands between a bad
archive and the site. Refusals that come from the archive's members alone
also run in-process, where they are quick.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import tarfile
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.management import CommandError
from django.db import connection
from wagtail.models import Page

from tests.backup.test_backup import (  # noqa: F401  small_archive is a fixture
    PG_BIN_DIR,
    manage,
    pg_command,
    restore_in_process,
    small_archive,
    target_env,
)

NOTICE = "media/documents/通知.txt"
PHOTO = "media/original_images/photo.png"
MARKER_GROUP = "restore-checks-marker"
SPARSE_SIZE = 64 * 1024 * 1024


# --- Editing an archive --------------------------------------------------------


def read_manifest(archive: Path) -> dict[str, Any]:
    with tarfile.open(archive) as tar:
        return json.loads(tar.extractfile("manifest.json").read())


def digest(data: bytes) -> dict[str, Any]:
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def recount_media(manifest: dict[str, Any]) -> None:
    """Make the media totals agree with the members listed: a consistent edit."""
    media = [entry for name, entry in manifest["members"].items() if name.startswith("media/")]
    manifest["media_files"] = len(media)
    manifest["media_bytes"] = sum(entry["size"] for entry in media)


@dataclass
class Extra:
    info: tarfile.TarInfo
    data: bytes = b""
    after_manifest: bool = False


def rebuild(
    source: Path,
    target: Path,
    *,
    drop: Iterable[str] = (),
    replace: dict[str, bytes] | None = None,
    extra: Iterable[Extra] = (),
    edit: Callable[[dict[str, Any]], None] | None = None,
) -> Path:
    """`source` written again as `target`, members in `drop` left out, the data
    of those in `replace` swapped (the manifest keeps the old digests), `extra`
    members added, and the manifest passed through `edit`."""
    replace = replace or {}
    extra = list(extra)
    with tarfile.open(source) as tar, tarfile.open(target, "w", format=tarfile.PAX_FORMAT) as out:
        for member in tar.getmembers():
            data = tar.extractfile(member).read()
            if member.name in drop:
                continue
            if member.name == "manifest.json":
                for item in extra:
                    if not item.after_manifest:
                        out.addfile(item.info, io.BytesIO(item.data) if item.info.isreg() else None)
                manifest = json.loads(data)
                if edit is not None:
                    edit(manifest)
                data = json.dumps(manifest, ensure_ascii=False).encode()
            data = replace.get(member.name, data)
            member.size = len(data)
            out.addfile(member, io.BytesIO(data))
        for item in extra:
            if item.after_manifest:
                out.addfile(item.info, io.BytesIO(item.data) if item.info.isreg() else None)
    return target


def member(
    name: str, kind: bytes = tarfile.REGTYPE, *, size: int = 0, linkname: str = ""
) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.size, info.linkname, info.mode = kind, size, linkname, 0o644
    if kind in (tarfile.CHRTYPE, tarfile.BLKTYPE):
        info.devmajor, info.devminor = 1, 3
    return info


def list_member(name: str, data: bytes = b"") -> Callable[[dict[str, Any]], None]:
    def edit(manifest: dict[str, Any]) -> None:
        manifest["members"][name] = digest(data)
        recount_media(manifest)

    return edit


def sparse_member(name: str) -> Extra:
    """A GNU sparse member (PAX format 0.1): 512 bytes stored, SPARSE_SIZE
    bytes once expanded, which tarfile's own reader expands."""
    info = member(name, size=512)
    info.pax_headers = {"GNU.sparse.map": "0,512", "GNU.sparse.size": str(SPARSE_SIZE)}
    return Extra(info, b"x" * 512)


def sparse_expanded() -> bytes:
    return b"x" * 512 + bytes(SPARSE_SIZE - 512)


# --- Hostile archives, each with the message its refusal must carry ---------------------------------


def sparse_archive(source: Path, folder: Path) -> tuple[Path, str]:
    name = "media/documents/zeros.bin"
    archive = rebuild(
        source,
        folder / "sparse.tar",
        extra=[sparse_member(name)],
        edit=list_member(name, sparse_expanded()),
    )
    with tarfile.open(archive) as tar:  # the crafted member is what the test means it to be
        crafted = tar.getmember(name)
        assert crafted.issparse() and crafted.size == SPARSE_SIZE
    return archive, f"{name}: a sparse member"


def counts_archive(source: Path, folder: Path) -> tuple[Path, str]:
    pages = read_manifest(source)["counts"]["pages"]

    def edit(manifest: dict[str, Any]) -> None:
        manifest["counts"]["pages"] = pages + 1

    return (
        rebuild(source, folder / "counts.tar", edit=edit),
        f"pages: the manifest says {pages + 1}, the database dump holds {pages}",
    )


def media_count_archive(source: Path, folder: Path) -> tuple[Path, str]:
    """An operator took a file out and its manifest entry, but not the total."""
    original = read_manifest(source)

    def edit(manifest: dict[str, Any]) -> None:
        del manifest["members"][NOTICE]

    return (
        rebuild(source, folder / "media-count.tar", drop=[NOTICE], edit=edit),
        f"manifest.json says {original['media_files']} media files, but it lists {original['media_files'] - 1}",
    )


def missing_archive(source: Path, folder: Path) -> tuple[Path, str]:
    size = read_manifest(source)["members"][NOTICE]["size"]
    return (
        rebuild(source, folder / "missing.tar", drop=[NOTICE]),
        f"{NOTICE}: listed in the manifest ({size} bytes) but not in the archive",
    )


def oversized_archive(source: Path, folder: Path) -> tuple[Path, str]:
    size = read_manifest(source)["members"][NOTICE]["size"]
    return (
        rebuild(source, folder / "oversized.tar", replace={NOTICE: b"A" * 4096}),
        f"{NOTICE}: 4096 bytes in the archive, but the manifest says {size}",
    )


def checksum_archive(source: Path, folder: Path) -> tuple[Path, str]:
    original = read_manifest(source)["members"][PHOTO]
    data = bytearray(bytes(range(256)) * 64)  # the photo's bytes, see small_archive
    data[100] ^= 0x01
    found = hashlib.sha256(bytes(data)).hexdigest()
    return (
        rebuild(source, folder / "checksum.tar", replace={PHOTO: bytes(data)}),
        f"Checksum mismatch for {PHOTO}: its SHA-256 is {found[:16]}…, the manifest says "
        f"{original['sha256'][:16]}…",
    )


def symlink_archive(source: Path, folder: Path) -> tuple[Path, str]:
    name = "media/documents/passwd.txt"
    link = Extra(member(name, tarfile.SYMTYPE, linkname="/etc/passwd"))
    return (
        rebuild(source, folder / "symlink.tar", extra=[link], edit=list_member(name)),
        f"{name}: a symbolic link to '/etc/passwd'",
    )


HOSTILE = {
    "sparse": sparse_archive,
    "counts-differ": counts_archive,
    "media-count-not-updated": media_count_archive,
    "member-missing": missing_archive,
    "member-larger-than-manifest": oversized_archive,
    "checksum": checksum_archive,
    "symlink": symlink_archive,
}


# --- A restored site to restore over -------------------------------------------------------------


@dataclass
class Site:
    env: dict[str, str]
    media_root: Path
    query: Callable[[str], list[tuple[Any, ...]]]


def sqlite_query(path: Path) -> Callable[[str], list[tuple[Any, ...]]]:
    def query(sql: str) -> list[tuple[Any, ...]]:
        with sqlite3.connect(path) as database:
            return [tuple(row) for row in database.execute(sql).fetchall()]

    return query


def pg_query(name: str) -> Callable[[str], list[tuple[Any, ...]]]:
    def query(sql: str) -> list[tuple[Any, ...]]:
        output = pg_command("psql", "-d", name, "-AtF", "\t", "-c", sql).stdout
        return [tuple(line.split("\t")) for line in output.splitlines()]

    return query


def database_url(name: str) -> str:
    return urlunsplit(urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}"))


@dataclass
class Template:
    database: str  # a PostgreSQL database name or an SQLite file
    media_root: Path


@pytest.fixture(scope="module")
def restored_template(small_archive, tmp_path_factory) -> Iterator[Template]:
    """small_archive restored once into a database and MEDIA_ROOT of their
    own, plus a marker row and a marker file that no archive holds: a restore
    that replaced anything would remove or change them. Only read: each test
    works on a copy."""
    folder = tmp_path_factory.mktemp("restored-template")
    if connection.vendor == "postgresql":
        if not PG_BIN_DIR:
            pytest.skip(
                "LIFELONG_PG_BIN_DIR is not set: cannot create a second PostgreSQL database"
            )
        database = f"lifelong_checks_{uuid.uuid4().hex[:12]}"
        pg_command("createdb", database)
        env, media_root = target_env(folder, database_url(database))
    else:
        database = str(folder / "template.sqlite3")
        env, media_root = target_env(folder, f"sqlite:///{database}")
    try:
        result = manage(env, "restore_site", str(small_archive), "--yes")
        assert result.returncode == 0, result.stdout + result.stderr
        sql = f"INSERT INTO auth_group (name) VALUES ('{MARKER_GROUP}')"
        if connection.vendor == "postgresql":
            pg_command("psql", "-d", database, "-c", sql)
        else:
            with sqlite3.connect(database) as db:
                db.execute(sql)
        (media_root / "documents" / "uploaded-after-the-backup.txt").write_text(
            "a file no archive holds"
        )
        yield Template(database, media_root)
    finally:
        if connection.vendor == "postgresql":
            pg_command("dropdb", "--if-exists", "--force", database)


@pytest.fixture
def restored_site(restored_template, tmp_path) -> Iterator[Site]:
    """A copy of the restored template for one test to restore over."""
    if connection.vendor == "postgresql":
        name = f"lifelong_checks_{uuid.uuid4().hex[:12]}"
        pg_command("createdb", "-T", restored_template.database, name)
        env, media_root = target_env(tmp_path, database_url(name))
        query = pg_query(name)
    else:
        path = tmp_path / "site.sqlite3"
        shutil.copyfile(restored_template.database, path)
        env, media_root = target_env(tmp_path, f"sqlite:///{path}")
        query = sqlite_query(path)
    shutil.copytree(restored_template.media_root, media_root, dirs_exist_ok=True)
    yield Site(env, media_root, query)
    if connection.vendor == "postgresql":
        pg_command("dropdb", "--if-exists", "--force", name)


def database_state(site: Site) -> dict[str, Any]:
    return {
        "groups": sorted(row[0] for row in site.query("SELECT name FROM auth_group")),
        "pages": site.query("SELECT id, path, title FROM wagtailcore_page ORDER BY id"),
        "revisions": site.query("SELECT count(*) FROM wagtailcore_revision"),
        "migrations": site.query("SELECT count(*) FROM django_migrations"),
    }


def media_state(media_root: Path) -> dict[str, str]:
    return {
        path.relative_to(media_root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media_root.rglob("*"))
        if path.is_file() or path.is_symlink()
    }


def assert_no_staging_left(media_root: Path) -> None:
    assert not list(media_root.parent.glob(".lifelong-restore-*")), (
        "the staging folder was not removed"
    )


# --- With --force, against a separate site --------------------------------------------------


# django_db: small_archive backs up the test database, which pytest-django
# creates only when a selected test asks for it.
@pytest.mark.django_db
@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_archive_is_refused_before_anything_is_replaced(
    case,
    small_archive,
    restored_site,
    tmp_path,
) -> None:
    archive, message = HOSTILE[case](small_archive, tmp_path)
    database_before, media_before = (
        database_state(restored_site),
        media_state(restored_site.media_root),
    )
    assert (
        MARKER_GROUP in database_before["groups"]
        and "documents/uploaded-after-the-backup.txt" in media_before
    )

    result = manage(restored_site.env, "restore_site", str(archive), "--yes", "--force")

    # First what matters most: the site is as it was.
    assert database_state(restored_site) == database_before, result.stdout + result.stderr
    assert media_state(restored_site.media_root) == media_before, result.stdout + result.stderr
    assert_no_staging_left(restored_site.media_root)
    assert result.returncode != 0, result.stdout
    assert "Restoring the database" not in result.stdout
    assert message in result.stderr, result.stderr
    assert "nothing was changed" in result.stderr
    assert "damaged" not in result.stderr


# --- In-process: refusals that come from the members alone -------------------------------------


@pytest.fixture
def untouched(tmp_path) -> Iterator[Path]:
    """A MEDIA_ROOT with one file in it; after the test, that file and the
    test database's pages are as they were, and no staging folder is left."""
    media_root = tmp_path / "site" / "media"
    media_root.mkdir(parents=True)
    (media_root / "keep.txt").write_text("already here")
    pages = Page.objects.count()
    yield media_root
    assert media_state(media_root) == {"keep.txt": hashlib.sha256(b"already here").hexdigest()}
    assert Page.objects.count() == pages
    assert_no_staging_left(media_root)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "linkname", "message"),
    [
        (tarfile.LNKTYPE, NOTICE, f"a hard link to '{NOTICE}'"),
        (tarfile.FIFOTYPE, "", "a FIFO (named pipe)"),
        (tarfile.CHRTYPE, "", "a device file"),
        (tarfile.BLKTYPE, "", "a device file"),
        (tarfile.DIRTYPE, "", "a folder entry"),
    ],
    ids=["hard-link", "fifo", "character-device", "block-device", "folder"],
)
def test_links_devices_and_folders_are_refused_by_kind(
    small_archive,
    tmp_path,
    untouched,
    kind,
    linkname,
    message,
) -> None:
    name = "media/documents/special"
    archive = rebuild(
        small_archive,
        tmp_path / "special.tar",
        extra=[Extra(member(name, kind, linkname=linkname))],
        edit=list_member(name),
    )
    with pytest.raises(CommandError) as refused:
        restore_in_process(archive, untouched, yes=True)
    assert f"{name}: {message}; a site backup holds only regular files" in str(refused.value)


@pytest.mark.django_db
def test_unlisted_member_is_named(small_archive, tmp_path, untouched) -> None:
    name = "media/documents/slipped-in.txt"
    archive = rebuild(
        small_archive, tmp_path / "unlisted.tar", extra=[Extra(member(name, size=5), b"hello")]
    )
    with pytest.raises(CommandError) as refused:
        restore_in_process(archive, untouched, yes=True)
    assert f"{name}: in the archive (5 bytes) but not listed in the manifest" in str(refused.value)


@pytest.mark.django_db
def test_many_problems_are_listed_ten_at_most(small_archive, tmp_path, untouched) -> None:
    names = [f"media/documents/ghost-{number:02}.txt" for number in range(13)]

    def edit(manifest: dict[str, Any]) -> None:
        for name in names:
            manifest["members"][name] = digest(name.encode())
        recount_media(manifest)

    archive = rebuild(small_archive, tmp_path / "ghosts.tar", edit=edit)
    with pytest.raises(CommandError) as refused:
        restore_in_process(archive, untouched, yes=True)
    message = str(refused.value)
    assert "13 problems" in message
    assert message.count("but not in the archive") == 10
    assert "ghost-00.txt" in message and "ghost-09.txt" in message and "ghost-10.txt" not in message
    assert "and 3 more" in message


@pytest.mark.django_db
def test_member_that_the_archive_does_not_hold_is_refused_before_reading(
    small_archive,
    tmp_path,
    untouched,
) -> None:
    """A header claiming 10 GiB at the end of a small file, listed in the
    manifest with that size: refused from the headers, without reading."""
    name = "media/documents/huge.bin"
    size = 10 * 1024**3

    def edit(manifest: dict[str, Any]) -> None:
        manifest["members"][name] = {"sha256": "0" * 64, "size": size}
        recount_media(manifest)

    built = rebuild(small_archive, tmp_path / "built.tar", edit=edit)
    with tarfile.open(built) as tar:
        end = max(item.offset_data + ((item.size + 511) // 512) * 512 for item in tar.getmembers())
    archive = tmp_path / "huge.tar"
    archive.write_bytes(
        built.read_bytes()[:end] + member(name, size=size).tobuf(tarfile.PAX_FORMAT)
    )
    with pytest.raises(CommandError) as refused:
        restore_in_process(archive, untouched, yes=True)
    assert f"{name}: its header says {size} bytes, but the archive file ends" in str(refused.value)
    assert "truncated" in str(refused.value)


@pytest.mark.django_db
def test_not_enough_free_space_is_refused_before_extracting(
    small_archive,
    untouched,
    monkeypatch,
) -> None:
    real = shutil.disk_usage

    def nearly_full(path: Any) -> Any:
        usage = real(path)
        return usage._replace(free=1000)

    monkeypatch.setattr(shutil, "disk_usage", nearly_full)
    with pytest.raises(CommandError) as refused:
        restore_in_process(small_archive, untouched, yes=True)
    assert "Not enough free space" in str(refused.value)
    assert "1000 bytes are free" in str(refused.value)


@pytest.mark.django_db
def test_media_root_in_the_way_is_refused_before_the_database_is_replaced(
    small_archive,
    restored_site,
) -> None:
    """A folder where the archive has a file would make the media step fail
    (or, with shutil.move, put the file inside it) after the database was
    already replaced: found beforehand instead."""
    in_the_way = restored_site.media_root / "documents" / "通知.txt"
    in_the_way.unlink()
    in_the_way.mkdir()
    (in_the_way / "inside.txt").write_text("someone made a folder here")
    database_before, media_before = (
        database_state(restored_site),
        media_state(restored_site.media_root),
    )

    result = manage(restored_site.env, "restore_site", str(small_archive), "--yes", "--force")

    assert database_state(restored_site) == database_before, result.stdout + result.stderr
    assert media_state(restored_site.media_root) == media_before, result.stdout + result.stderr
    assert_no_staging_left(restored_site.media_root)
    assert result.returncode != 0, result.stdout
    assert f"{in_the_way}: a folder in MEDIA_ROOT where the archive has a file" in result.stderr, (
        result.stderr
    )


# --- Counting the rows of a dump without restoring it ----------------------------------------------

AWKWARD = [
    "plain",
    "two\nlines",
    "\\.",
    "a\\.\n\\.\nb",
    "tab\there",
    "carriage\rreturn",
    "back\\slash",
    "引号\"'",
]


@pytest.mark.django_db
def test_postgresql_dump_rows_are_counted_exactly(tmp_path) -> None:
    """Rows whose text holds newlines, COPY's end marker and backslashes
    count once each; a table the dump lacks is reported as missing."""
    if connection.vendor != "postgresql" or not PG_BIN_DIR:
        pytest.skip(
            "needs PostgreSQL and its client tools (run under tests/support/run_with_postgres.sh)"
        )
    from lifelong_site.backup import postgres

    name = f"lifelong_counts_{uuid.uuid4().hex[:12]}"
    pg_command("createdb", name)
    try:
        values = ", ".join("(" + "'" + value.replace("'", "''") + "')" for value in AWKWARD)
        pg_command(
            "psql",
            "-d",
            name,
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            f"CREATE TABLE awkward (text text); INSERT INTO awkward VALUES {values}; "
            f'CREATE TABLE "Quoted Name" (n int); INSERT INTO "Quoted Name" VALUES (1), (2); '
            f"CREATE TABLE empty (n int)",
        )
        dump = tmp_path / "scratch.dump"
        pg_command("pg_dump", "-d", name, "--format=custom", f"--file={dump}")
    finally:
        pg_command("dropdb", "--if-exists", "--force", name)

    counts = postgres.dump_counts("default", dump, ["awkward", "Quoted Name", "empty", "absent"])

    assert counts == {"awkward": len(AWKWARD), "Quoted Name": 2, "empty": 0, "absent": None}


def test_sqlite_dump_rows_are_counted_and_a_damaged_file_is_named(tmp_path) -> None:
    from lifelong_site.backup import sqlite as sqlite_backup
    from lifelong_site.backup.errors import BackupError

    path = tmp_path / "db.sqlite3"
    with sqlite3.connect(path) as database:
        database.execute("CREATE TABLE awkward (text TEXT)")
        database.executemany("INSERT INTO awkward VALUES (?)", [(value,) for value in AWKWARD])
        database.execute("CREATE TABLE empty (n INTEGER)")
    before = path.read_bytes()

    assert sqlite_backup.dump_counts(path, ["awkward", "empty", "absent"]) == {
        "awkward": len(AWKWARD),
        "empty": 0,
        "absent": None,
    }
    assert path.read_bytes() == before and sorted(tmp_path.iterdir()) == [
        path
    ]  # read-only: no journal, no -wal

    path.write_bytes(
        before[:100] + bytes(len(before) - 100)
    )  # the header survives, the schema does not
    with pytest.raises(BackupError, match=r"SQLite|not a readable SQLite database"):
        sqlite_backup.dump_counts(path, ["awkward"])
