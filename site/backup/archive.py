"""The archive file: a plain tar (images, documents and the custom-format dump
are compressed already) whose members are hashed as they are written, and
read back only after everything the headers and the manifest can tell has
been checked.

Reading is in two steps. `ArchiveReader.inspect` looks at the headers and the
manifest only and writes nothing: every member must be a regular, non-sparse
file with a safe name, listed in the manifest with the size its header gives,
lie wholly inside the archive file, and pass tarfile's "data" extraction
filter; the manifest must agree with itself. `ArchiveReader.extract` then
copies each member by hand (not with tarfile's extract) into the staging
folder, never more bytes than the manifest lists, and compares its SHA-256.
Either step reports every problem it finds, not just the first.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tarfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import BinaryIO, cast

from .errors import BackupError, human_size, refusal
from .manifest import DATABASE_MEMBERS, MANIFEST_NAME, MEDIA_PREFIX, Manifest, MemberDigest

CHUNK = 1024 * 1024
# Even a site with a hundred thousand media files has a manifest of a few
# tens of megabytes; a bigger one is not read into memory.
MANIFEST_LIMIT = 64 * 1024 * 1024
# Left free on a file system after a restore has written its files.
SPACE_RESERVE = 64 * 1024 * 1024
REGULAR_ONLY = "a site backup holds only regular files"


def data_filter(member: tarfile.TarInfo, destination: Path) -> tarfile.TarInfo:
    """tarfile's "data" extraction filter (PEP 706), on top of the checks
    here; Python 3.11.0 to 3.11.3 lack it, and then only those checks run."""
    check = getattr(tarfile, "data_filter", None)
    return member if check is None else check(member, str(destination))


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
        with source.open("rb") as stream:
            stat = os.fstat(stream.fileno())
            reader = HashingReader(stream)
            # A file that shrinks while being read makes tarfile raise; one
            # that grows is cut at the size seen here, and the hash matches that.
            self._tar.addfile(self._info(name, stat.st_size, stat.st_mtime), reader)
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
        Path(self.partial).replace(self.path)

    def abandon(self) -> None:
        self._tar.close()
        self._file.close()
        self.partial.unlink(missing_ok=True)


def shown(name: str) -> str:
    """A member name for a message: as is, unless it holds control characters."""
    return name if name.isprintable() else repr(name)


def name_problem(name: str) -> str | None:
    parts = name.split("/")
    if (
        name.startswith("/")
        or PurePosixPath(name).is_absolute()
        or any(part in ("", ".", "..") for part in parts)
    ):
        return f"{name!r}: unsafe path (absolute, empty or '..' part)"
    if (
        name != MANIFEST_NAME
        and name not in DATABASE_MEMBERS.values()
        and not (name.startswith(MEDIA_PREFIX) and len(parts) > 1)
    ):
        return f"{shown(name)}: not part of a site backup (only database/, media/ and {MANIFEST_NAME} are)"
    return None


def kind_problem(member: tarfile.TarInfo) -> str | None:
    name = shown(member.name)
    if member.issym():
        return f"{name}: a symbolic link to {member.linkname!r}; {REGULAR_ONLY}"
    if member.islnk():
        return f"{name}: a hard link to {member.linkname!r}; {REGULAR_ONLY}"
    if member.ischr() or member.isblk():
        return f"{name}: a device file; {REGULAR_ONLY}"
    if member.isfifo():
        return f"{name}: a FIFO (named pipe); {REGULAR_ONLY}"
    if member.isdir():
        return f"{name}: a folder entry; {REGULAR_ONLY}"
    if not member.isreg():
        return f"{name}: an entry of tar type {member.type!r}; {REGULAR_ONLY}"
    if member.issparse():
        # typeshed says bytes; tarfile sets a list of (offset, size) pairs.
        sparse = cast("list[tuple[int, int]] | None", member.sparse)
        stored = sum(size for _offset, size in sparse or ())
        return (
            f"{name}: a sparse member ({stored} bytes stored, {member.size} once expanded); "
            f"a site backup never holds sparse files"
        )
    return None


class ArchiveReader:
    """An archive opened for a restore: `inspect`, then `extract`, on the same
    open file, so what is extracted is exactly what was inspected."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.tar = tarfile.open(path, mode="r:*")  # noqa: SIM115  closed by close()
        except (tarfile.TarError, EOFError, OSError) as error:
            raise BackupError(
                f"{path} is not a readable archive ({error}); it is damaged or truncated. "
                "Nothing was changed."
            ) from error
        # Plain tar (what backup_site writes): each member's data lies at a
        # known place in the file, so a header that claims more than the file
        # holds is found from the headers alone.
        self.plain = isinstance(self.tar.fileobj, io.BufferedReader)
        self.file_size = path.stat().st_size
        self.manifest: Manifest | None = None
        self.members: list[tarfile.TarInfo] = []

    def __enter__(self) -> ArchiveReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.tar.close()

    @property
    def expanded_bytes(self) -> int:
        """What extracting writes: every member but the manifest, at its checked size."""
        return sum(member.size for member in self.members)

    def inspect(self, destination: Path) -> Manifest:
        """Check the headers and the manifest, writing nothing. `destination`
        is where `extract` will write (tarfile's data filter needs it)."""
        cut: Exception | None = None
        try:
            # Reading every header first finds a cut-off archive before any copy.
            members = self.tar.getmembers()
        except (tarfile.TarError, EOFError) as error:
            # The headers read before the one that failed; the last of them
            # may be the member that runs past the end of the file.
            # (TarFile.members is what getmembers returns, not in typeshed.)
            members, cut = list(self.tar.members), error  # type: ignore[attr-defined]
        problems: list[str] = []
        for name, times in Counter(member.name for member in members).items():
            if times > 1:
                problems.append(f"{shown(name)}: appears {times} times in the archive")
        sound: dict[str, tarfile.TarInfo] = {}
        for member in members:
            problem = (
                name_problem(member.name) or kind_problem(member) or self.place_problem(member)
            )
            if problem is None:
                try:
                    data_filter(member, destination)
                except tarfile.FilterError as error:
                    problem = f"{shown(member.name)}: refused by tarfile's data filter ({error})"
            if problem is not None:
                problems.append(problem)
            else:
                sound[member.name] = member
        if cut is not None:
            if not any(self.place_problem(member) for member in members):
                count = len(members)
                problems.append(
                    f"the archive cannot be read beyond its first {count} "
                    f"member{'' if count == 1 else 's'} ({cut}): it is damaged or truncated"
                )
            raise refusal(f"Refusing to restore {self.path}", problems)
        manifest_member = sound.pop(MANIFEST_NAME, None)
        if manifest_member is None:
            if not any(member.name == MANIFEST_NAME for member in members):
                problems.append(
                    f"no {MANIFEST_NAME}: the archive is truncated or is not a site backup"
                )
            raise refusal(f"Refusing to restore {self.path}", problems)
        manifest = self.read_manifest(manifest_member, problems)
        present = {member.name for member in members} - {MANIFEST_NAME}
        for member in members:
            if member.name != MANIFEST_NAME and member.name not in manifest.members:
                problems.append(
                    f"{shown(member.name)}: in the archive ({member.size} bytes) "
                    f"but not listed in the manifest"
                )
        for name, digest in manifest.members.items():
            if name not in present:
                problems.append(
                    f"{shown(name)}: listed in the manifest ({digest.size} bytes) but not in the archive"
                )
            elif name in sound and sound[name].size != digest.size:
                problems.append(
                    f"{shown(name)}: {sound[name].size} bytes in the archive, "
                    f"but the manifest says {digest.size}"
                )
        problems += manifest.consistency_problems()
        if problems:
            raise refusal(f"Refusing to restore {self.path}", problems)
        self.manifest = manifest
        # Archive order: reading in that order never seeks backwards.
        self.members = [member for member in members if member.name != MANIFEST_NAME]
        return manifest

    def place_problem(self, member: tarfile.TarInfo) -> str | None:
        end = member.offset_data + member.size
        if self.plain and end > self.file_size:
            return (
                f"{shown(member.name)}: its header says {member.size} bytes, but the archive file ends "
                f"{end - self.file_size} bytes short of them: the archive is truncated, or the header is false"
            )
        return None

    def read_manifest(self, member: tarfile.TarInfo, problems: list[str]) -> Manifest:
        if member.size > MANIFEST_LIMIT:
            problems.append(
                f"{MANIFEST_NAME}: {member.size} bytes, more than a manifest can be "
                f"({MANIFEST_LIMIT} bytes)"
            )
            raise refusal(f"Refusing to restore {self.path}", problems)
        stream = self.tar.extractfile(member)
        assert stream is not None  # a regular file, checked
        try:
            return Manifest.from_json(stream.read())
        except (tarfile.TarError, EOFError) as error:
            problems.append(f"{MANIFEST_NAME}: cannot be read ({error}): the archive is truncated")
        except BackupError as error:
            problems.append(str(error).rstrip("."))
        raise refusal(f"Refusing to restore {self.path}", problems)

    def extract(self, staging: Path, advance: Callable[[int], None] | None = None) -> None:
        """Copy every inspected member into `staging` (same names) and compare
        its SHA-256 with the manifest's; report every mismatch."""
        assert self.manifest is not None, "inspect() first"
        problems: list[str] = []
        for member in self.members:
            expected = self.manifest.members[member.name]
            checked = data_filter(member, staging)  # inspected already; cheap to repeat
            target = staging.joinpath(*checked.name.split("/"))
            problem = self.copy_verified(member, expected, target)
            if problem is not None:
                problems.append(problem)
            if advance is not None:
                advance(member.size)
        if problems:
            raise refusal(f"Refusing to restore {self.path}", problems)

    def copy_verified(
        self, member: tarfile.TarInfo, expected: MemberDigest, target: Path
    ) -> str | None:
        source = self.tar.extractfile(member)
        assert source is not None  # a regular file, checked
        digest, size = hashlib.sha256(), 0
        target.parent.mkdir(parents=True, exist_ok=True)
        # A new file, never through a link: the staging folder is ours alone.
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        try:
            with os.fdopen(os.open(target, flags, 0o666), "wb") as out:
                while size < expected.size and (
                    chunk := source.read(min(CHUNK, expected.size - size))
                ):
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
        except (tarfile.TarError, EOFError) as error:
            return f"{shown(member.name)}: the archive ends inside this member ({error}): it is truncated"
        if size != expected.size:
            return f"{shown(member.name)}: only {size} of its {expected.size} bytes could be read: it is truncated"
        if digest.hexdigest() != expected.sha256:
            return (
                f"Checksum mismatch for {shown(member.name)}: its SHA-256 is {digest.hexdigest()[:16]}…, "
                f"the manifest says {expected.sha256[:16]}…"
            )
        return None


def existing_ancestor(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def check_free_space(needs: Iterable[tuple[Path, int, str]]) -> None:
    """Refuse unless every file system has room for what will be written on
    it (plus SPACE_RESERVE). `needs`: (folder, bytes, what for)."""
    by_device: dict[int, tuple[Path, int, list[str]]] = {}
    for folder, size, what in needs:
        folder = existing_ancestor(folder)
        device = folder.stat().st_dev
        first, total, purposes = by_device.get(device, (folder, 0, []))
        by_device[device] = (first, total + size, [*purposes, what])
    for folder, needed, purposes in by_device.values():
        free = shutil.disk_usage(folder).free
        if free < needed + SPACE_RESERVE:
            raise BackupError(
                f"Not enough free space in {folder} for the restore: it needs {needed} bytes "
                f"({human_size(needed)}: {', '.join(purposes)}) plus {human_size(SPACE_RESERVE)} to spare, "
                f"and {free} bytes are free. Nothing was changed."
            )
