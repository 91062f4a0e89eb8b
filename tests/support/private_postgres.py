"""A private PostgreSQL cluster that a test may stop and start at will.

The suite's own cluster (run_with_postgres.sh) is shared by every pytest-xdist
worker, so stopping it would break the tests running beside the one that
stops it. A test that takes the database away gets a cluster of its own, from
the same server binaries, in a temporary folder on a free loopback port.

Run as root, the server programs run as the `postgres` user (initdb and
postgres refuse root), as in run_with_postgres.sh.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

# Durability off: the cluster lives for one test. Options are kept so that a
# restart brings the server back exactly as it was.
SERVER_OPTIONS = (
    "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PrivateCluster:
    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="lifelong-pg-private."))
        self.data_dir = self.root / "data"
        self.log_file = self.root / "server.log"
        self.port = free_port()
        self.root.chmod(0o755)
        if os.getuid() == 0:
            shutil.chown(self.root, user="postgres")

    # --- server programs, as the cluster's owner --------------------------------

    def _as_owner(
        self, *command: str | Path, timeout: float = 60
    ) -> subprocess.CompletedProcess[str]:
        prefix = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        return subprocess.run(
            [*prefix, *map(str, command)],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )

    def init(self) -> None:
        self._as_owner(
            self.bin_dir / "initdb",
            "-D",
            self.data_dir,
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )

    def start(self) -> None:
        # -w: return only once the server accepts connections.
        self._as_owner(
            self.bin_dir / "pg_ctl",
            "-D",
            self.data_dir,
            "-l",
            self.log_file,
            "-w",
            "-t",
            "60",
            "-o",
            f"-p {self.port} -k {self.root} {SERVER_OPTIONS}",
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._as_owner(
            self.bin_dir / "pg_ctl", "-D", self.data_dir, "-m", mode, "-w", "-t", "60", "stop"
        )

    def is_running(self) -> bool:
        prefix = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        status = subprocess.run(
            [*prefix, str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "status"],
            capture_output=True,
            timeout=30,
            check=False,
        )
        return status.returncode == 0

    def remove(self) -> None:
        """Stop the server if it runs and delete the cluster, whatever state it is in."""
        if self.data_dir.exists() and self.is_running():
            self.stop(mode="immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def server_log(self) -> str:
        try:
            return self.log_file.read_text(errors="replace")
        except OSError:
            return ""

    # --- client programs, as anyone (trust authentication on loopback) ---------

    def createdb(self, name: str) -> None:
        subprocess.run(
            [
                str(self.bin_dir / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                name,
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )

    def copy_database_from(self, host: str, port: int, user: str, source: str, target: str) -> None:
        """Copy `source` from another server into `target` here, schema and
        data, piping pg_dump into psql."""
        dump = subprocess.Popen(
            [
                str(self.bin_dir / "pg_dump"),
                "-h",
                host,
                "-p",
                str(port),
                "-U",
                user,
                "--no-owner",
                "--no-privileges",
                source,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        restore = subprocess.run(
            [
                str(self.bin_dir / "psql"),
                "-q",
                "-X",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-d",
                target,
            ],
            stdin=dump.stdout,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert dump.stdout is not None and dump.stderr is not None
        dump.stdout.close()
        dump_errors = dump.stderr.read().decode(errors="replace")
        if dump.wait(timeout=120) != 0 or restore.returncode != 0:
            raise RuntimeError(
                f"copying database {source} failed:\n{dump_errors}\n{restore.stderr}"
            )

    def url(self, database: str, **options: str | int) -> str:
        query = "&".join(f"{key}={value}" for key, value in options.items())
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}" + (
            f"?{query}" if query else ""
        )
