"""The layering of docs/architecture.md, checked on every import of the
product code (deferred and type-only imports included, migrations left out).

Each file belongs to a unit: the core (``lifelong_site`` outside its apps),
the wiring (settings, the URL map, the WSGI entry), one of the platform apps
under the core (http, caching, security, backup, translation, editorial), or
a top-level app (news, campaigns, search, demo, bench). An import from one
unit into another is allowed only if its arrow is listed in ALLOWED below:
a new arrow is a design decision, made here and in docs/architecture.md.

(Why not import-linter: its graph builder finds packages by their files, and
the core is the folder ``site/`` made importable as ``lifelong_site`` by a
one-line alias module, which it cannot follow.)
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLATFORM_APPS = ("http", "caching", "security", "backup", "translation", "editorial")
WIRING = ("settings", "urls", "wsgi")
TOP_LEVEL_APPS = ("news", "campaigns", "search", "demo", "bench")
CORE = "core"
PLATFORM = {f"lifelong_site.{name}" for name in PLATFORM_APPS}
EVERYTHING = {CORE, *PLATFORM, *TOP_LEVEL_APPS}

# unit -> the units it may import.
ALLOWED: dict[str, set[str]] = {
    CORE: set(),
    # Platform apps stand on the core; translation's review is held to the
    # editorial app's four-eyes rule.
    **{app: {CORE} for app in PLATFORM},
    "lifelong_site.translation": {CORE, "lifelong_site.editorial"},
    # The composition root: names the platform apps' views and settings,
    # includes the content apps' URLs by dotted name only.
    "wiring": {CORE, *PLATFORM},
    "search": {CORE, *PLATFORM},
    "campaigns": {CORE, *PLATFORM},
    # A release or notice points at its campaign week.
    "news": {CORE, *PLATFORM, "campaigns"},
    # The top of the graph: demo content and benchmarks use everything;
    # nothing in the product imports them.
    "demo": EVERYTHING - {"demo", "bench"} | {"wiring"},
    "bench": EVERYTHING - {"bench"} | {"wiring"},
}


def unit_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] == "lifelong_site":
        if len(parts) > 1 and parts[1] in PLATFORM_APPS:
            return f"lifelong_site.{parts[1]}"
        if len(parts) > 1 and parts[1] in WIRING:
            return "wiring"
        return CORE
    if parts[0] in TOP_LEVEL_APPS:
        return parts[0]
    return None


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[0] == "site":
        parts[0] = "lifelong_site"
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, module: str) -> list[str]:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                anchor = ".".join(base + ([node.module] if node.module else []))
            else:
                anchor = node.module or ""
            found.append(anchor)
            found.extend(f"{anchor}.{alias.name}" for alias in node.names)
    return found


def product_files() -> list[Path]:
    roots = [ROOT / "site", *(ROOT / app for app in TOP_LEVEL_APPS)]
    return [
        path
        for root in roots
        for path in root.rglob("*.py")
        if "migrations" not in path.relative_to(ROOT).parts
    ]


def arrows() -> dict[tuple[str, str], set[str]]:
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for path in product_files():
        module = module_name(path)
        source = unit_of(module)
        for imported in imported_modules(path, module):
            target = unit_of(imported)
            if source and target and target != source:
                found[(source, target)].add(str(path.relative_to(ROOT)))
    return found


def test_every_import_follows_an_allowed_arrow():
    forbidden = {
        f"{source} -> {target}": sorted(files)[:5]
        for (source, target), files in arrows().items()
        if target not in ALLOWED[source]
    }
    assert not forbidden, forbidden


def test_the_core_imports_no_app_and_campaigns_imports_no_news():
    """The rules the redesign was for, spelled out (they follow from ALLOWED)."""
    found = arrows()
    for app in (*TOP_LEVEL_APPS, *PLATFORM):
        assert (CORE, app) not in found, found.get((CORE, app))
    assert ("campaigns", "news") not in found, found.get(("campaigns", "news"))
    for product in (CORE, "wiring", *PLATFORM, "news", "campaigns", "search"):
        for tool in ("demo", "bench"):
            assert (product, tool) not in found, found.get((product, tool))


def test_the_checker_sees_deferred_relative_and_type_only_imports(tmp_path):
    """The test must be able to fail: a forbidden import inside a function,
    under TYPE_CHECKING or written relative is still an arrow."""
    sample = ROOT / "site" / "navigation.py"
    text = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from news.models import NoticePage\n"
        "def f():\n    from campaigns import current\n"
        "from .editorial import roles\n"
    )
    fake = tmp_path / "navigation.py"
    fake.write_text(text, encoding="utf-8")
    imported = {
        unit_of(name) for name in imported_modules(fake, module_name(sample)) if unit_of(name)
    }
    assert {"news", "campaigns", "lifelong_site.editorial"} <= imported
