"""Single requests to the servers under test, plain HTTP or through nginx's
TLS with the public host name, and the Server-Timing figures they carry."""

from __future__ import annotations

import http.client
import re
import ssl
from dataclasses import dataclass

SERVER_TIMING = re.compile(r"app;dur=([\d.]+), db;dur=([\d.]+);desc=\"(\d+) quer")


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]  # names in lower case
    body: bytes

    def timing(self) -> tuple[float, float, int] | None:
        """(application ms, database ms, queries) from Server-Timing."""
        match = SERVER_TIMING.search(self.headers.get("server-timing", ""))
        return (float(match[1]), float(match[2]), int(match[3])) if match else None


class Client:
    """One keep-alive connection, opened again when the server closed it."""

    def __init__(
        self, port: int, host: str | None = None, tls: bool = False, timeout: float = 120
    ) -> None:
        # The Host header wrk sends (with the port): the page cache's key
        # includes it, so a warm-up under another name would fill another entry.
        self.port, self.host, self.tls, self.timeout = (
            port,
            host or f"127.0.0.1:{port}",
            tls,
            timeout,
        )
        self.connection: http.client.HTTPConnection | None = None

    def _connect(self) -> http.client.HTTPConnection:
        if not self.tls:
            return http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # the benchmark's own self-signed certificate
        return http.client.HTTPSConnection(
            "127.0.0.1", self.port, timeout=self.timeout, context=context
        )

    def get(self, path: str) -> Answer:
        for attempt in range(2):
            if self.connection is None:
                self.connection = self._connect()
            try:
                self.connection.request("GET", path, headers={"Host": self.host})
                response = self.connection.getresponse()
                body = response.read()
                if response.will_close:
                    self.close()
                return Answer(
                    response.status, {k.lower(): v for k, v in response.getheaders()}, body
                )
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()  # a kept-alive connection the server had closed: once more, on a new one
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None
