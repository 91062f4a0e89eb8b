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

import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from tests.support.ports import free_port

READY_TIMEOUT_SECONDS = 20
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


class S3Server:
    def __init__(self, port: int, folder: Path) -> None:
        self.port = port
        self.folder = folder
        self.process: subprocess.Popen[bytes] | None = None

    @classmethod
    def start(cls) -> S3Server:
        server = cls(free_port(), Path(tempfile.mkdtemp(prefix="lifelong-s3-")))
        server.run()
        try:
            server.client().create_bucket(Bucket=BUCKET)
        except BaseException:
            server.close()
            raise
        return server

    @property
    def endpoint_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def run(self) -> None:
        """Starts the process and waits until it answers."""
        log = (self.folder / "moto.log").open("ab")
        # The module rather than the moto_server script: the same interpreter
        # as the tests, wherever the virtual environment's scripts are.
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=self.folder,
        )
        log.close()
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        while not answers(self.endpoint_url):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                log_text = (self.folder / "moto.log").read_text(errors="replace")
                raise RuntimeError(f"moto_server did not start on port {self.port}:\n{log_text}")
            time.sleep(0.1)

    def stop(self) -> None:
        """Stops the process; what it held is gone (moto keeps it in memory)."""
        if self.process is None:
            return
        process, self.process = self.process, None
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

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
