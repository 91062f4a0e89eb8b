"""The database goes away and comes back: readers get a friendly 503 quickly
while it is gone, and the site serves again by itself once it is back.

The first tests call the error view directly. The last one runs the site as
in production (gunicorn, production settings, DEBUG off) under light load,
stops PostgreSQL with `pg_ctl stop -m fast`, starts it again, and watches
every answer. It uses a PostgreSQL cluster of its own: the suite's cluster is
shared by the pytest-xdist workers, and stopping it would break their tests.
Its database is a copy of this worker's migrated test database (a full
migrate takes most of a minute), then the minimal site of
tests/support/minimal_site.py.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Self

import pytest
from django.db import IntegrityError, InterfaceError, OperationalError, connection
from django.test import RequestFactory
from django.utils import translation

from lifelong_site.http.errors import RETRY_AFTER_SECONDS, server_error
from tests.support.private_postgres import PrivateCluster, free_port

ROOT = Path(__file__).resolve().parents[2]

# Limits the test holds the site to. An outage answer must come well before
# any proxy or gunicorn timeout (30 s); recovery must need no restart.
OUTAGE_ANSWER_LIMIT_S = 2.0
RECOVERY_LIMIT_S = 10.0
OUTAGE_LENGTH_S = 4.0
CLIENT_THREADS = 4


# --- The error view ------------------------------------------------------------


def handle(error: Exception, path: str = "/") -> object:
    """Call the 500 handler as Django does: inside the `except` block."""
    request = RequestFactory().get(path)
    try:
        raise error
    except Exception:
        return server_error(request)


@pytest.fixture
def no_database(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the error pages must not query the database")

    monkeypatch.setattr(connection, "ensure_connection", refuse)


@pytest.mark.parametrize(
    ("language", "lang_attribute", "heading"),
    [
        ("zh-hans", "zh-Hans", "服务暂时不可用"),
        ("en", "en", "Service temporarily unavailable"),
    ],
)
@pytest.mark.parametrize(
    "error",
    [
        OperationalError("connection to server at 127.0.0.1 failed: Connection refused"),
        InterfaceError("connection already closed"),
    ],
)
def test_a_lost_database_gets_a_friendly_503(no_database, error, language, lang_attribute, heading):
    with translation.override(language):
        response = handle(error)
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS) == "30"
    assert "no-store" in response["Cache-Control"]
    assert f'<html lang="{lang_attribute}">' in html and f"<h1>{heading}</h1>" in html
    assert "<script data-a11y-settings>" in html
    assert "Connection refused" not in html and "Traceback" not in html


def test_a_database_error_re_raised_as_another_error_is_still_an_outage(no_database):
    def failing_tag() -> None:
        try:
            raise OperationalError("server closed the connection unexpectedly")
        except OperationalError as lost:
            raise RuntimeError("rendering the menu failed") from lost

    request = RequestFactory().get("/")
    try:
        failing_tag()
    except RuntimeError:
        response = server_error(request)
    assert response.status_code == 503


@pytest.mark.parametrize("error", [ValueError("a bug"), IntegrityError("duplicate key")])
def test_other_errors_keep_the_500_page(no_database, error):
    response = handle(error)
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_the_site_answers_503_through_the_whole_stack(client, monkeypatch):
    """handler500 in the URL map is this view, and no middleware turns the
    outage into something else on the way out."""
    from wagtail.models import Site

    def database_gone(*args: object, **kwargs: object) -> None:
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    # The routing middleware asks Wagtail's uncached lookup (the site is
    # shared across requests by lifelong_site.memo); either may be first.
    monkeypatch.setattr(Site, "find_for_request", staticmethod(database_gone))
    monkeypatch.setattr(Site, "_find_for_request", staticmethod(database_gone))
    client.raise_request_exception = False
    response = client.get("/en/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert '<html lang="en">' in response.content.decode()


# --- A production-like server losing its database ------------------------------


@dataclass(frozen=True)
class Sample:
    path: str
    started: float
    finished: float
    status: int | None  # None: no HTTP answer at all
    retry_after: str | None
    body: str  # kept for answers other than 200 only
    error: str | None

    @property
    def seconds(self) -> float:
        return self.finished - self.started


class LightLoad:
    """A few clients requesting the same paths in turn for as long as the
    test runs, over keep-alive connections (reopened after a failure)."""

    def __init__(self, port: int, paths: list[str], clients: int) -> None:
        self.port = port
        self.paths = paths
        self.samples: list[Sample] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._run, args=(offset,), daemon=True)
            for offset in range(clients)
        ]

    def __enter__(self) -> Self:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=15)

    def snapshot(self) -> list[Sample]:
        with self._lock:
            return list(self.samples)

    def _run(self, offset: int) -> None:
        conn: http.client.HTTPConnection | None = None
        turn = offset  # clients start on different paths
        while not self._stop.is_set():
            path = self.paths[turn % len(self.paths)]
            turn += 1
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
            started = time.monotonic()
            try:
                conn.request("GET", path, headers={"Host": "127.0.0.1"})
                response = conn.getresponse()
                body = response.read()
                sample = Sample(
                    path,
                    started,
                    time.monotonic(),
                    response.status,
                    response.getheader("Retry-After"),
                    "" if response.status == 200 else body.decode(errors="replace"),
                    None,
                )
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as error:
                sample = Sample(path, started, time.monotonic(), None, None, "", repr(error))
                conn.close()
                conn = None
                time.sleep(0.05)
            with self._lock:
                self.samples.append(sample)
        if conn is not None:
            conn.close()


def worker_pids(master: int) -> set[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return {int(pid) for pid in children.read_text().split()}


def wait_for_200(
    port: int, path: str, deadline_s: float, server: subprocess.Popen[bytes], log: Path
) -> None:
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited with {server.returncode}:\n{log.read_text()[-4000:]}")
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            conn.request("GET", path, headers={"Host": "127.0.0.1"})
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            conn.close()
        time.sleep(0.2)
    pytest.fail(f"{path} did not answer 200 within {deadline_s:.0f} s:\n{log.read_text()[-4000:]}")


@pytest.fixture
def private_cluster() -> Iterator[PrivateCluster]:
    bin_dir = os.environ.get("LIFELONG_PG_BIN_DIR")
    if not bin_dir:
        pytest.skip(
            "needs the PostgreSQL server binaries: run through tests/support/run_with_postgres.sh"
        )
    cluster = PrivateCluster(Path(bin_dir))
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        cluster.remove()


def describe(samples: list[Sample]) -> str:
    return "\n".join(
        f"  {s.path} +{s.started:.2f}s {s.seconds * 1000:.0f} ms -> {s.status} {s.error or ''} {s.body[:120]!r}"
        for s in samples[:15]
    )


# django_db: the copy below needs this worker's migrated test database, which
# pytest-django creates only when a selected test asks for a database.
@pytest.mark.django_db
def test_pages_answer_503_while_postgresql_is_down_and_200_once_it_is_back(
    private_cluster: PrivateCluster, tmp_path: Path
):
    cluster = private_cluster
    clock = time.monotonic()

    def step(name: str) -> None:
        nonlocal clock
        print(f"\n  {name}: {time.monotonic() - clock:.1f} s", end="")
        clock = time.monotonic()

    database = "lifelong_restart"
    cluster.createdb(database)
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"ELASTICSEARCH_URL", "SEARCH_BACKEND"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="lifelong_site.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",  # plain HTTP on loopback, no TLS proxy in front
        # connect_timeout: the proposed settings default, here through the URL.
        DATABASE_URL=cluster.url(database, connect_timeout=3),
        DATA_DIR=str(tmp_path / "data"),
        # The path under test is the uncached one; with the page cache on,
        # readers of cached pages would go on getting them during the outage.
        PAGE_CACHE_SECONDS="0",
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"),
    )

    # Production serves hashed static files from a manifest; without it every
    # page fails. Collected while the database is prepared.
    collectstatic = subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    server: subprocess.Popen[bytes] | None = None
    try:
        source = connection.settings_dict
        copied = source["ENGINE"] == "django.db.backends.postgresql"
        if copied:
            cluster.copy_database_from(
                source["HOST"] or "127.0.0.1",
                int(source["PORT"] or 5432),
                source["USER"] or "postgres",
                source["NAME"],
                database,
            )
            step(f"copied the migrated test database {source['NAME']}")
        build = subprocess.run(
            [sys.executable, "tests/support/minimal_site.py", *(["--migrated"] if copied else [])],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert build.returncode == 0, build.stderr[-4000:]
        paths = json.loads(build.stdout.strip().splitlines()[-1])
        step("built the minimal site")
        _, collect_errors = collectstatic.communicate(timeout=180)
        assert collectstatic.returncode == 0, collect_errors.decode()[-4000:]
        step("collected static files")
        watched = [paths["home_zh"], paths["release"], paths["home_en"], "/healthz"]

        port = free_port()
        log = tmp_path / "gunicorn.log"
        with log.open("wb") as log_stream:
            server = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "lifelong_site.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "2",
                    "--worker-class",
                    "gthread",
                    "--threads",
                    "2",
                    "--timeout",
                    "30",
                    "--graceful-timeout",
                    "5",
                ],
                cwd=ROOT,
                env=environment,
                stdout=log_stream,
                stderr=subprocess.STDOUT,
            )
        wait_for_200(port, "/healthz", 60, server, log)
        for path in watched:
            wait_for_200(port, path, 20, server, log)
        workers_before = worker_pids(server.pid)
        step("gunicorn serving")

        with LightLoad(port, watched, CLIENT_THREADS) as load:
            time.sleep(2)  # the site under load, before the outage
            stop_begin = time.monotonic()
            cluster.stop(mode="fast")
            stop_end = time.monotonic()
            time.sleep(OUTAGE_LENGTH_S)
            start_begin = time.monotonic()
            cluster.start()
            start_end = time.monotonic()
            # Watch until every path has answered 200 for two seconds in a
            # row, or the recovery limit has clearly passed.
            while time.monotonic() - start_end < RECOVERY_LIMIT_S + 3:
                time.sleep(0.25)
                since_start = [s for s in load.snapshot() if s.started >= start_end]
                recovered_at = max(
                    (s.finished for s in since_start if s.status != 200), default=start_end
                )
                answered = {s.path for s in since_start if s.started > recovered_at}
                if time.monotonic() - recovered_at >= 2.0 and answered == set(watched):
                    break
        samples = load.snapshot()

        assert server.poll() is None, "gunicorn died"
        assert worker_pids(server.pid) == workers_before, (
            "a gunicorn worker was replaced (timeout or crash)"
        )
        gunicorn_log = log.read_text(errors="replace")
        assert "WORKER TIMEOUT" not in gunicorn_log

        before = [s for s in samples if s.finished < stop_begin]
        outage = [s for s in samples if s.started >= stop_end and s.finished <= start_begin]
        after = [s for s in samples if s.started >= start_end]
        failing_after = [s for s in after if s.status != 200]
        recovery_s = max((s.finished for s in failing_after), default=start_end) - start_end
        settled = [s for s in after if s.started > start_end + recovery_s]

        outage_ms = sorted(s.seconds * 1000 for s in outage) or [0.0]
        print(
            f"\npg_ctl stop took {stop_end - stop_begin:.2f} s, start {start_end - start_begin:.2f} s; "
            f"answers: {len(before)} before, {len(outage)} during the outage "
            f"(median {outage_ms[len(outage_ms) // 2]:.0f} ms, slowest {outage_ms[-1]:.0f} ms), {len(after)} after; "
            f"all 200 again {recovery_s:.2f} s after PostgreSQL accepted connections"
        )

        assert before and all(s.status == 200 for s in before), describe(
            [s for s in before if s.status != 200]
        )
        assert not [s for s in samples if s.error], describe([s for s in samples if s.error])
        assert {s.status for s in samples} <= {200, 503}, describe(
            [s for s in samples if s.status not in {200, 503}]
        )

        # During the outage: every path answered quickly; what needs the
        # database with a 503. The home pages may still answer 200: all they
        # show is kept per generation ({% page_fragment "home" %}) and read
        # without a query, and what is kept is better than an error.
        assert {s.path for s in outage} == set(watched), (
            f"paths without an answer during the outage: {outage!r}"
        )
        kept = {paths["home_zh"], paths["home_en"]}
        assert all(s.status == 503 for s in outage if s.path not in kept), describe(
            [s for s in outage if s.status != 503 and s.path not in kept]
        )
        assert any(s.status == 503 for s in outage if s.path == paths["release"])
        slow = [s for s in outage if s.seconds >= OUTAGE_ANSWER_LIMIT_S]
        assert not slow, describe(slow)
        for sample in outage:
            if sample.status == 200 and sample.path in kept:
                continue  # the home page, whole, from what is kept
            if sample.path == "/healthz":
                assert json.loads(sample.body)["checks"]["database"] == "failing"
                continue
            assert sample.retry_after == "30", describe([sample])
            if sample.path.startswith("/en/"):
                assert (
                    '<html lang="en">' in sample.body
                    and "<h1>Service temporarily unavailable</h1>" in sample.body
                )
            else:
                assert (
                    '<html lang="zh-Hans">' in sample.body
                    and "<h1>服务暂时不可用</h1>" in sample.body
                )
            assert "Traceback" not in sample.body and "OperationalError" not in sample.body

        # Back without restarting anything: every path 200 again, soon.
        assert recovery_s <= RECOVERY_LIMIT_S, describe(failing_after)
        assert {s.path for s in settled} == set(watched), (
            "not every path answered after the recovery"
        )
    finally:
        if server is not None and server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=5)
        if collectstatic.poll() is None:
            collectstatic.kill()
            collectstatic.wait(timeout=10)
