"""manifest.json: what an archive holds and the checksum of every member.

It is the archive's last member (the checksums are known only once everything
else is written) and the first thing a restore reads.
"""

from __future__ import annotations

import json
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
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")

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
            raise BackupError(f"{MANIFEST_NAME} is not a site backup manifest ({error}).") from error
        if manifest.database_engine not in DATABASE_MEMBERS:
            raise BackupError(f"{MANIFEST_NAME} names an unknown database engine {manifest.database_engine!r}.")
        if manifest.database_member not in manifest.members:
            raise BackupError(f"{MANIFEST_NAME} lists no {manifest.database_member}.")
        return manifest
