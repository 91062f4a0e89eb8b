"""The built archive, kept between runs in data/bench/archive-<pages>-seed<seed>/.

    database.dump  pg_dump -Fc after migrate, load_demo, generate_archive
                   (no search index: its rebuild is a figure of every run)
    media/         the MEDIA_ROOT of that build (the demo's images)
    build.json     {"date": ..., "steps": {"migrate": {"seconds", "peak_mib"}, ...}}

A folder with database.dump is restored into the fresh cluster (then
`migrate`, for migrations newer than the dump); build.json is optional, as
a folder may be built by hand. Without a dump the archive is built in a
staging folder beside it and renamed when whole, so an interrupted build
never passes for a cache.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from bench.perf import postgres
from bench.perf.environment import Folders, build_environment
from bench.perf.measured import ROOT, Step, manage

CACHE_ROOT = ROOT / "data" / "bench"
BUILD_STEPS = ("migrate", "load_demo", "generate_archive")


@dataclass
class Prepared:
    folder: Path
    restored: bool
    build_date: str | None
    build_steps: dict[str, Step | None]  # migrate, load_demo, generate_archive at build time
    run_steps: dict[str, Step] = field(default_factory=dict)  # what this run did: build or restore


def cache_folder(pages: int, seed: int) -> Path:
    return CACHE_ROOT / f"archive-{pages}-seed{seed}"


def read_build_json(folder: Path) -> tuple[str | None, dict[str, Step | None]]:
    try:
        data = json.loads((folder / "build.json").read_text())
    except (OSError, ValueError):
        return None, dict.fromkeys(BUILD_STEPS)
    steps = data.get("steps") if isinstance(data, dict) else None
    steps = steps if isinstance(steps, dict) else {}
    return (str(data["date"]) if data.get("date") else None), {
        name: Step.from_json(steps.get(name)) for name in BUILD_STEPS
    }


def restore(folder: Path, folders: Folders, log: Path) -> Prepared:
    environment = build_environment(folders)
    date, build_steps = read_build_json(folder)
    prepared = Prepared(folder, restored=True, build_date=date, build_steps=build_steps)
    prepared.run_steps["pg_restore"] = postgres.restore(folder / "database.dump", environment, log)
    prepared.run_steps["migrate"] = manage(
        "migrate", environment, log, "migrate", "--noinput", "-v0"
    )
    return prepared


def build(folder: Path, pages: int, seed: int, folders: Folders, log: Path) -> Prepared:
    staging = folder.with_name(f".{folder.name}.building-{os.getpid()}")
    staging.mkdir(parents=True)
    # The build's DATA_DIR and MEDIA_ROOT are the (staging) cache folder:
    # the media the dump refers to stay with it.
    environment = build_environment(
        Folders(
            data=staging,
            media=staging / "media",
            static=folders.static,
            page_cache=folders.page_cache,
        )
    )
    try:
        return _build_in(staging, folder, pages, seed, environment, log)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # half a build is no cache
        raise


def _build_in(
    staging: Path, folder: Path, pages: int, seed: int, environment: dict[str, str], log: Path
) -> Prepared:
    steps = {
        "migrate": manage("migrate", environment, log, "migrate", "--noinput", "-v0"),
        "load_demo": manage("load_demo", environment, log, "load_demo"),
        "generate_archive": manage(
            f"generate_archive --pages {pages} --seed {seed}",
            environment,
            log,
            "generate_archive",
            "--pages",
            str(pages),
            "--seed",
            str(seed),
        ),
    }
    date = f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"
    dump_step = postgres.dump(staging / "database.dump", environment, log)
    (staging / "build.json").write_text(
        json.dumps(
            {
                "date": date,
                "pages": pages,
                "seed": seed,
                "steps": {name: step.as_json() for name, step in steps.items()},
            },
            indent=2,
        )
        + "\n"
    )
    if folder.exists():
        folder.rmdir()  # only ever empty here (prepare refuses otherwise)
    staging.rename(folder)
    return Prepared(
        folder,
        restored=False,
        build_date=date,
        build_steps=dict(steps),
        run_steps={**steps, "pg_dump": dump_step},
    )


def prepare(pages: int, seed: int, folders: Folders, log: Path) -> Prepared:
    """Restore the cached archive into the private cluster, or build it and
    keep it. Either way the site's media end up in `folders.media`, a copy
    that this run's servers may add renditions to."""
    folder = cache_folder(pages, seed)
    if (folder / "database.dump").exists():
        print(f"== restoring {folder.relative_to(ROOT)}", flush=True)
        prepared = restore(folder, folders, log)
    else:
        if folder.exists() and any(folder.iterdir()):
            raise SystemExit(
                f"{folder.relative_to(ROOT)} exists without database.dump: a build is under way there, or one was "
                "interrupted. Wait for it to finish, or remove the folder to build it again."
            )
        print(f"== building {folder.relative_to(ROOT)} (kept for the next runs)", flush=True)
        prepared = build(folder, pages, seed, folders, log)
    copy_media(folder / "media", folders.media)
    return prepared


def copy_media(source: Path, target: Path) -> None:
    """Hard links where the file system allows (instant, no space), copies
    otherwise. The site only ever adds files to MEDIA_ROOT, never rewrites
    one, so the cached originals stay as they were."""

    def link_or_copy(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    if source.is_dir():
        shutil.copytree(source, target, copy_function=link_or_copy, dirs_exist_ok=True)
    else:
        target.mkdir(parents=True, exist_ok=True)
