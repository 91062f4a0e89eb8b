"""What a storage raises when it cannot store or read a file, and what the
editor is told (docs/uploads.md, "Full disk" and "Object storage").

The file system raises OSError (full disk, read-only folder); the S3
storage raises botocore's errors instead, which are not OSError: an
unreachable endpoint (EndpointConnectionError, a timeout) or a refusal from
the service (ClientError: a missing bucket, wrong keys). Either way the
editor can do nothing but try again later, and the administrators get the
details in the log.
"""

from __future__ import annotations

from botocore.exceptions import BotoCoreError, ClientError
from django.utils.translation import gettext_lazy as _

OBJECT_STORAGE_ERRORS: tuple[type[Exception], ...] = (BotoCoreError, ClientError)
OBJECT_STORAGE_UNAVAILABLE = _("文件存储暂时不可用，请稍后重试。")
