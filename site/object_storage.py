"""The storage of uploads in S3-compatible object storage (settings/
object_storage.py, docs/uploads.md "Object storage").

django-storages' S3 storage, with one difference: a file that cannot be
opened because the storage is unreachable raises OSError, as a file missing
from MEDIA_ROOT would, instead of botocore's own errors. Wagtail turns an
OSError while reading an original into a missing image, so a page that
needs a rendition not made yet still answers (without that picture) while
the storage is down, instead of a 500.
"""

from __future__ import annotations

from typing import Any

from botocore.exceptions import BotoCoreError
from storages.backends.s3 import S3Storage


class S3MediaStorage(S3Storage):
    def _open(self, name: str, mode: str = "rb") -> Any:
        try:
            return super()._open(name, mode)
        except BotoCoreError as error:  # unreachable, timed out: not a refusal
            raise OSError(f"Object storage unavailable while opening {name!r}: {error}") from error
