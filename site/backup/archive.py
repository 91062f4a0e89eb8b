"""The archive file: a plain tar (images, documents and the custom-format dump
are compressed already) whose members are hashed as they are written, and
read back only after every name has been checked and every checksum matched.

Nothing is extracted with tarfile's own extract: each member is copied by
hand to a path built from its checked name, so a crafted archive cannot write
outside the staging folder (no absolute paths, no `..`, no links)."""

from __future__ import annotations

import hashlib
import io
import os
import tarfile
import time
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from .errors import BackupError
from .manifest import DATABASE_MEMBERS, MANIFEST_NAME, MEDIA_PREFIX, Manifest, MemberDigest

CHUNK = 1024 * 1024


class HashingReader:
    """Hands tarfile the bytes of a file while hashing exactly those bytes."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


class ArchiveWriter:
    """Writes to `<path>.partial` and renames at close, so an archive under
    its final name is always complete (what a retention job may rely on)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.partial = path.with_name(path.name + ".partial")
        # The archive holds password hashes and unpublished drafts: owner only.
        descriptor = os.open(self.partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        self._file = os.fdopen(descriptor, "wb")
        self._tar = tarfile.open(fileobj=self._file, mode="w", format=tarfile.PAX_FORMAT)  # noqa: SIM115  closed by close()/abandon()
        self.members: dict[str, MemberDigest] = {}

    def _info(self, name: str, size: int, mtime: float) -> tarfile.TarInfo:
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = size, int(mtime), 0o644
        return info  # uid, gid and owner names stay empty: they mean nothing elsewhere

    def add_file(self, name: str, source: Path) -> MemberDigest:
        with open(source, "rb") as stream:
            stat = os.fstat(stream.fileno())
            reader = HashingReader(stream)
            # A file that shrinks while being read makes tarfile raise; one
            # that grows is cut at the size seen here, and the hash matches that.
            self._tar.addfile(self._info(name, stat.st_size, stat.st_mtime), reader)  # type: ignore[arg-type]
        digest = MemberDigest(reader.digest.hexdigest(), reader.size)
        self.members[name] = digest
        return digest

    def add_manifest(self, manifest: Manifest) -> None:
        manifest.members = dict(self.members)
        data = manifest.to_json()
        self._tar.addfile(self._info(MANIFEST_NAME, len(data), time.time()), io.BytesIO(data))

    def close(self) -> None:
        self._tar.close()
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        os.replace(self.partial, self.path)

    def abandon(self) -> None:
        self._tar.close()
        self._file.close()
        self.partial.unlink(missing_ok=True)


def check_member(member: tarfile.TarInfo) -> None:
    name = member.name
    parts = name.split("/")
    if name.startswith("/") or PurePosixPath(name).is_absolute() or any(part in ("", ".", "..") for part in parts):
        raise BackupError(f"Archive member {name!r} has an unsafe path (absolute, empty or '..' part); refusing it.")
    if not member.isreg():
        raise BackupError(f"Archive member {name!r} is not a regular file (link or device); refusing it.")
    if name != MANIFEST_NAME and name not in DATABASE_MEMBERS.values() and not (
        name.startswith(MEDIA_PREFIX) and len(parts) > 1
    ):
        raise BackupError(f"Archive member {name!r} is not part of a site backup; refusing it.")


def read_manifest(tar: tarfile.TarFile, members: list[tarfile.TarInfo]) -> Manifest:
    for member in members:
        check_member(member)
    names = [member.name for member in members]
    if len(set(names)) != len(names):
        raise BackupError("The archive holds the same member twice; refusing it.")
    if MANIFEST_NAME not in names:
        raise BackupError(f"The archive has no {MANIFEST_NAME}: it is truncated or not a site backup.")
    stream = tar.extractfile(MANIFEST_NAME)
    assert stream is not None  # a regular file, checked above
    manifest = Manifest.from_json(stream.read())
    listed, present = set(manifest.members), set(names) - {MANIFEST_NAME}
    if listed != present:
        missing, extra = sorted(listed - present), sorted(present - listed)
        raise BackupError(f"The archive does not match its manifest (missing: {missing[:5]}, unlisted: {extra[:5]}).")
    return manifest


def copy_verified(tar: tarfile.TarFile, member: tarfile.TarInfo, expected: MemberDigest, target: Path) -> None:
    source = tar.extractfile(member)
    assert source is not None
    digest, size = hashlib.sha256(), 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    if size != expected.size or digest.hexdigest() != expected.sha256:
        raise BackupError(
            f"Checksum mismatch for {member.name}: the archive is damaged or was altered. Nothing was restored."
        )


def stage(path: Path, staging: Path, advance: Callable[[int], None] | None = None,
          on_manifest: Callable[[Manifest], None] | None = None) -> Manifest:
    """Copy every member into `staging` (same names), checking each against
    the manifest. Raises BackupError on the first problem; the caller then
    throws `staging` away and the site is untouched."""
    try:
        with tarfile.open(path, mode="r:*") as tar:
            # Reading every header first finds a truncated archive before any copy.
            members = tar.getmembers()
            manifest = read_manifest(tar, members)
            if on_manifest is not None:
                on_manifest(manifest)
            for member in members:
                if member.name == MANIFEST_NAME:
                    continue
                copy_verified(tar, member, manifest.members[member.name], staging.joinpath(*member.name.split("/")))
                if advance is not None:
                    advance(member.size)
    except (tarfile.TarError, EOFError) as error:
        raise BackupError(f"{path} is not a readable archive ({error}); it is damaged or truncated.") from error
    return manifest
