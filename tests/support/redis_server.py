"""A private redis-server process for the shared-cache tests.

Started on a free loopback port in a temporary folder, with nothing written
to disk (no snapshots, no append-only file), so a restart starts empty as a
Redis without persistence does. Tests stop, restart, freeze and thaw it to
see what the site does while its cache is down or hangs.
"""

from __future__ import annotations

import shutil
import signal
import socket

from tests.support.server_process import ServerProcess


def answers_ping(port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class RedisServer(ServerProcess):
    name = "redis"

    @classmethod
    def start(cls) -> RedisServer:
        if shutil.which("redis-server") is None:
            raise RuntimeError(
                "redis-server is required (tests/support/system_packages.sh installs it)"
            )
        return super().start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def command(self) -> list[str]:
        # Nothing on disk: a restart starts empty, as Redis without persistence does.
        return [
            "redis-server",
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(self.folder),
        ]

    def answers(self) -> bool:
        return answers_ping(self.port)

    def restart(self) -> None:
        self.stop()
        self.run()

    def freeze(self) -> None:
        """The server keeps its port and connections but answers nothing, as
        a hung server or a host that stopped answering would."""
        if self.process is not None:
            self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGCONT)
