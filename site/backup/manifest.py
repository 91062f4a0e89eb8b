"""manifest.json: what an archive holds and the checksum of every member.

It is the archive's last member (the checksums are known only once everything
else is written) and the first thing a restore reads.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from .errors import BackupError

FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
MEDIA_PREFIX = "media/"
# One database member per engine; its name says which engine made it.
DATABASE_MEMBERS = {
    "postgresql": "database/postgresql.dump",
    "sqlite": "database/db.sqlite3",
}
ENGINE_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
SHA256_PATTERN = re.compile(r"[0-9a-f]{64}")


def is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


@dataclass(frozen=True)
class MemberDigest:
    sha256: str
    size: int


@dataclass
class Manifest:
    created_at: str
    database_engine: str
    # Server and dump tool versions (PostgreSQL) or the SQLite library version.
    database_versions: dict[str, str]
    # Latest applied migration per app, e.g. {"wagtailcore": "0094_..."}.
    migrations: dict[str, str]
    counts: dict[str, int]
    media_files: int
    media_bytes: int
    members: dict[str, MemberDigest] = field(default_factory=dict)
    format_version: int = FORMAT_VERSION

    @property
    def database_member(self) -> str:
        return DATABASE_MEMBERS[self.database_engine]

    def to_json(self) -> bytes:
        # ensure_ascii=False keeps Chinese file names readable in the file.
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True).encode(
            "utf-8"
        )

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        try:
            raw: dict[str, Any] = json.loads(data.decode("utf-8"))
            version = raw.get("format_version")
            if version != FORMAT_VERSION:
                raise BackupError(
                    f"{MANIFEST_NAME} has format version {version!r}; this site reads version {FORMAT_VERSION}."
                )
            members = {name: MemberDigest(**digest) for name, digest in raw.pop("members").items()}
            manifest = cls(**raw, members=members)
        except BackupError:
            raise
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            raise BackupError(
                f"{MANIFEST_NAME} is not a site backup manifest ({error})."
            ) from error
        if (
            not isinstance(manifest.database_engine, str)
            or manifest.database_engine not in DATABASE_MEMBERS
        ):
            raise BackupError(
                f"{MANIFEST_NAME} names an unknown database engine {manifest.database_engine!r}."
            )
        if manifest.database_member not in manifest.members:
            raise BackupError(f"{MANIFEST_NAME} lists no {manifest.database_member}.")
        manifest.check_types()
        return manifest

    def check_types(self) -> None:
        """Numbers where numbers belong, so that comparing them means something."""
        for name in ("media_files", "media_bytes"):
            if not is_count(getattr(self, name)):
                raise BackupError(
                    f"{MANIFEST_NAME}: {name} is {getattr(self, name)!r}, not a number."
                )
        if not isinstance(self.counts, dict):
            raise BackupError(f"{MANIFEST_NAME}: counts is {self.counts!r}, not a table of counts.")
        for label, value in self.counts.items():
            if not is_count(value):
                raise BackupError(
                    f"{MANIFEST_NAME}: the count of {label} is {value!r}, not a number of rows."
                )
        for name, digest in self.members.items():
            if (
                not is_count(digest.size)
                or not isinstance(digest.sha256, str)
                or not SHA256_PATTERN.fullmatch(digest.sha256)
            ):
                raise BackupError(
                    f"{MANIFEST_NAME}: the entry for {name!r} is not a size and a SHA-256 "
                    f"({digest.size!r}, {digest.sha256!r})."
                )

    def consistency_problems(self) -> list[str]:
        """What the manifest says about itself that its own member list contradicts."""
        problems = []
        media = [digest for name, digest in self.members.items() if name.startswith(MEDIA_PREFIX)]
        if self.media_files != len(media):
            problems.append(
                f"{MANIFEST_NAME} says {self.media_files} media files, but it lists {len(media)}"
            )
        listed_bytes = sum(digest.size for digest in media)
        if self.media_bytes != listed_bytes:
            problems.append(
                f"{MANIFEST_NAME} says the media files hold {self.media_bytes} bytes, "
                f"but the ones it lists hold {listed_bytes}"
            )
        for engine, member in DATABASE_MEMBERS.items():
            if member in self.members and engine != self.database_engine:
                problems.append(
                    f"{member}: a {ENGINE_NAMES[engine]} database, but {MANIFEST_NAME} says the backup "
                    f"is of a {ENGINE_NAMES[self.database_engine]} one"
                )
        return problems
