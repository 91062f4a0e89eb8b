"""wagtail/bakerydemo, Wagtail's own demonstration site, built beside this
site for bench/compare.

The source is a git checkout of one pinned commit (from GitHub by default,
or from any clone or mirror given with --bakerydemo-source); its Python
packages come from the package index, as its requirements pin them, plus
the servers this benchmark serves every site with. Both are kept in
data/bench/bakerydemo-<commit>/ and reused; the database is built at every
run (its own, in the same PostgreSQL cluster as this site's) from
bakerydemo's own demo content (`load_initial_data`).

bakerydemo at this commit needs Django 6.0, hence Python 3.12 or newer: the
interpreter is the first of --bakerydemo-python, python3.13, python3.12 and
pyenv's 3.12+ versions that runs.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.perf import cli, postgres
from bench.perf.measured import ROOT, Step, run_measured

REPOSITORY = "https://github.com/wagtail/bakerydemo.git"
# 2026-08-19, "Add ingredients entries to demo data…": Wagtail 7.4, Django 6.0.
COMMIT = "8e2b625755d8942412d5b7627b146a795933b8b2"
DATABASE = "bakerydemo"
OVERLAY = ROOT / "bench" / "bakerydemo_overlay"  # its settings for the benchmark
MINIMUM_PYTHON = (3, 12)


@dataclass(frozen=True)
class Bakerydemo:
    folder: Path  # data/bench/bakerydemo-<commit>
    python: str  # of its virtual environment

    @property
    def source(self) -> Path:
        return self.folder / "source"

    def versions(self) -> str:
        script = (
            "import importlib.metadata as m, platform;"
            "print(f'Python {platform.python_version()}, ' + ', '.join("
            "f'{n} {m.version(n.lower())}' for n in ('Django', 'Wagtail', 'gunicorn', 'whitenoise')))"
        )
        return subprocess.run(
            [self.python, "-c", script], capture_output=True, text=True, check=True
        ).stdout.strip()


def folder_for(commit: str = COMMIT) -> Path:
    return ROOT / "data" / "bench" / f"bakerydemo-{commit[:12]}"


def find_python(given: str | None) -> str:
    candidates = [given] if given else ["python3.13", "python3.12"]
    if not given:
        pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
        candidates += sorted(
            (str(path) for path in pyenv_root.glob("versions/3.1[2-9]*/bin/python3")),
            reverse=True,
        )
    check = f"import sys; sys.exit(sys.version_info < {MINIMUM_PYTHON!r})"
    for candidate in candidates:
        found = shutil.which(candidate) if candidate else None
        if found and subprocess.run([found, "-c", check], capture_output=True).returncode == 0:
            return found
    raise SystemExit(
        "bakerydemo needs Python 3.12 or newer (Django 6.0): none of "
        f"{', '.join(c for c in candidates if c)} runs; give one with --bakerydemo-python"
    )


def checkout(source: str, folder: Path) -> None:
    """The pinned commit in folder/source, cloned once (into a partial
    folder renamed when whole)."""
    target = folder / "source"
    if target.exists():
        head = subprocess.run(
            ["git", "-C", str(target), "rev-parse", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
        if head == COMMIT:
            return
        raise SystemExit(f"{target} is at {head or 'no commit'}, not {COMMIT}: remove it")
    partial = folder / "source.partial"
    shutil.rmtree(partial, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    print(f"== cloning bakerydemo from {source} at {COMMIT[:12]}", flush=True)
    subprocess.run(["git", "clone", "--quiet", "--no-checkout", source, str(partial)], check=True)
    subprocess.run(["git", "-C", str(partial), "checkout", "--quiet", COMMIT], check=True)
    partial.rename(target)


def requirements(folder: Path) -> list[str]:
    """bakerydemo's base requirements, and what every benchmarked site is
    served with: the gunicorn of this site, PostgreSQL's driver, whitenoise
    (its production settings use it)."""
    return [
        "-r",
        str(folder / "source" / "requirements" / "base.txt"),
        f"gunicorn=={importlib.metadata.version('gunicorn')}",
        "psycopg[binary]>=3.3,<3.4",
        "whitenoise>=6.11,<7",
    ]


def install(folder: Path, python: str, log: Path) -> str:
    """Its virtual environment, installed again only when what it needs changed."""
    venv = folder / "venv"
    wanted = requirements(folder)
    stamp_text = hashlib.sha256(
        (
            python
            + "\n"
            + "\n".join(wanted)
            + (folder / "source/requirements/base.txt").read_text()
        ).encode()
    ).hexdigest()
    stamp = venv / ".bench-installed"
    venv_python = str(venv / "bin" / "python")
    if stamp.exists() and stamp.read_text() == stamp_text:
        return venv_python
    shutil.rmtree(venv, ignore_errors=True)
    run_measured("bakerydemo venv", [python, "-m", "venv", str(venv)], dict(os.environ), log)
    run_measured(
        "bakerydemo pip install",
        [venv_python, "-m", "pip", "install", "--quiet", *wanted],
        dict(os.environ),
        log,
    )
    stamp.write_text(stamp_text)
    return venv_python


def prepare(source: str, python: str | None, log: Path) -> Bakerydemo:
    folder = folder_for()
    checkout(source, folder)
    return Bakerydemo(folder, install(folder, find_python(python), log))


def database_url() -> str:
    own = postgres.database_url()
    return own.rsplit("/", 1)[0] + "/" + DATABASE


def environment(site: Bakerydemo, work: Path, secret_key: str) -> dict[str, str]:
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")
    environment = {name: os.environ[name] for name in keep if name in os.environ}
    environment.update(
        DJANGO_SETTINGS_MODULE="bench_bakerydemo_settings",
        PYTHONPATH=f"{site.source}{os.pathsep}{OVERLAY}",
        BENCH_SITE_ROOT=str(ROOT),
        BENCH_STATIC_ROOT=str(work / "bakerydemo-static"),
        BENCH_MEDIA_ROOT=str(work / "bakerydemo-media"),
        DATABASE_URL=database_url(),
        DJANGO_SECRET_KEY=secret_key,
    )
    return environment


def build(site: Bakerydemo, environment: dict[str, str], log: Path) -> dict[str, Step]:
    """Its database from scratch in the private cluster: migrate, its demo
    content, static files, planner statistics."""
    postgres.sql(f'DROP DATABASE IF EXISTS "{DATABASE}"')
    postgres.sql(f'CREATE DATABASE "{DATABASE}"')

    def manage(name: str, *args: str) -> Step:
        return run_measured(
            name, [site.python, str(site.source / "manage.py"), *args], environment, log
        )

    steps = {
        "bakerydemo migrate": manage("bakerydemo migrate", "migrate", "--noinput", "-v0"),
        "bakerydemo load_initial_data": manage("bakerydemo load_initial_data", "load_initial_data"),
        "bakerydemo collectstatic": manage(
            "bakerydemo collectstatic", "collectstatic", "--noinput", "-v0"
        ),
    }
    steps["bakerydemo vacuum analyze"] = run_measured(
        "bakerydemo vacuum analyze",
        [postgres.tool("vacuumdb"), "--analyze", "-d", database_url()],
        environment,
        log,
    )
    return steps


def paths(site: Bakerydemo, environment: dict[str, str]) -> dict[str, str | int]:
    found: dict[str, str | int] = cli.json_of(
        [site.python, str(OVERLAY / "bench_bakerydemo_urls.py")], environment, "bakerydemo's pages"
    )
    return found


def server_options(site: Bakerydemo) -> dict[str, Any]:
    """start_app's arguments for bakerydemo: its interpreter, its WSGI
    application, its folder."""
    return {
        "python": site.python,
        "application": "bakerydemo.wsgi:application",
        "cwd": site.source,
        "ready_path": "/",  # it has no health check URL
    }
