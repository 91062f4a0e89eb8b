"""A private server process for a test: started on a free loopback port in a
temporary folder, waited for until it answers, stopped (and started again)
at will, and removed with its folder by whoever started it.

Subclasses say how to start theirs (``command``) and how to tell that it
answers (``answers``): Redis (tests/support/redis_server.py) and moto's S3
server (tests/support/s3_server.py).
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar, TypeVar

import pytest

from tests.support.ports import free_port

Server = TypeVar("Server", bound="ServerProcess")


class ServerProcess:
    name: ClassVar[str]  # in messages and the log's file name
    ready_timeout_seconds: ClassVar[float] = 10
    poll_seconds: ClassVar[float] = 0.05

    def __init__(self, port: int, folder: Path) -> None:
        self.port = port
        self.folder = folder
        self.process: subprocess.Popen[bytes] | None = None

    @classmethod
    def start(cls: type[Server]) -> Server:
        server = cls(free_port(), Path(tempfile.mkdtemp(prefix=f"lifelong-{cls.name}-")))
        server.run()
        return server

    def command(self) -> list[str]:
        raise NotImplementedError

    def answers(self) -> bool:
        raise NotImplementedError

    @property
    def log_file(self) -> Path:
        return self.folder / f"{self.name}.log"

    def run(self) -> None:
        """Starts the process on this server's port and waits until it answers."""
        with self.log_file.open("ab") as log:
            self.process = subprocess.Popen(
                self.command(), stdout=log, stderr=subprocess.STDOUT, cwd=self.folder
            )
        deadline = time.monotonic() + self.ready_timeout_seconds
        while not self.answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                log_text = self.log_file.read_text(errors="replace")
                raise RuntimeError(f"{self.name} did not start on port {self.port}:\n{log_text}")
            time.sleep(self.poll_seconds)

    def stop(self) -> None:
        """Stops the process (and whatever it held in memory); run() starts it again."""
        if self.process is None:
            return
        process, self.process = self.process, None
        if process.poll() is None:
            process.send_signal(signal.SIGCONT)  # a frozen server cannot exit
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


@contextmanager
def started(kind: type[Server]) -> Iterator[Server]:
    """A started server for a fixture's lifetime; a server that cannot start
    fails the test with its log."""
    try:
        server = kind.start()
    except RuntimeError as error:
        pytest.fail(str(error))
    try:
        yield server
    finally:
        server.close()
