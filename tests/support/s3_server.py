"""A private S3-compatible server process (moto's) for the object-storage
tests: started on a free loopback port, with one bucket, and stopped by
whoever started it, whatever the test did. Tests stop it to see what the
site does while its object storage is unreachable.

moto is a stand-in for MinIO or a cloud's S3 endpoint: it speaks the same
protocol (path-style addressing here, as MinIO needs) and keeps everything
in memory. It refuses an unsigned read of a private object (403) and serves
a public-read one, as S3 does; it does not check a signature's keys or its
expiry, so those are checked on the URLs themselves, not by fetching them.
"""

from __future__ import annotations

import sys
import urllib.error
import urllib.request
from typing import Any

from tests.support.server_process import ServerProcess

BUCKET = "lifelong-media"
REGION = "us-east-1"
ACCESS_KEY_ID = "test-access-key"
SECRET_ACCESS_KEY = "test-secret-key"


def answers(url: str, timeout: float = 0.5) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout):
            return True
    except urllib.error.HTTPError:
        return True  # an S3 error document is an answer too
    except OSError:
        return False


class S3Server(ServerProcess):
    name = "moto"
    ready_timeout_seconds = 20
    poll_seconds = 0.1

    @classmethod
    def start(cls) -> S3Server:
        server = super().start()
        try:
            server.client().create_bucket(Bucket=BUCKET)
        except BaseException:
            server.close()
            raise
        return server

    @property
    def endpoint_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        # The module rather than the moto_server script: the same interpreter
        # as the tests, wherever the virtual environment's scripts are.
        return [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)]

    def answers(self) -> bool:
        return answers(self.endpoint_url)

    def client(self) -> Any:
        import boto3
        from botocore.config import Config

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY_ID,
            aws_secret_access_key=SECRET_ACCESS_KEY,
            config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}),
        )

    def keys(self, prefix: str = "") -> list[str]:
        listing = self.client().list_objects_v2(Bucket=BUCKET, Prefix=prefix)
        return [item["Key"] for item in listing.get("Contents", [])]
