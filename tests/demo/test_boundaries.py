"""The demo content and the benchmarks stay outside the product: no product
module imports them, and the settings every environment shares install
neither (the development and test settings add them)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from lifelong_site.settings import base

ROOT = Path(__file__).resolve().parents[2]
PRODUCT_FOLDERS = ("site", "news", "campaigns", "search")
OUTSIDE_THE_PRODUCT = ("demo", "bench")


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
    return modules


@pytest.mark.parametrize("folder", PRODUCT_FOLDERS)
def test_product_code_imports_neither_demo_nor_bench(folder):
    offending = {
        str(path.relative_to(ROOT)): sorted(
            module
            for module in imported_modules(path)
            if module.split(".")[0] in OUTSIDE_THE_PRODUCT
        )
        for path in (ROOT / folder).rglob("*.py")
    }
    assert {path: modules for path, modules in offending.items() if modules} == {}


def test_shared_settings_install_neither():
    assert not set(OUTSIDE_THE_PRODUCT) & set(base.INSTALLED_APPS)
    production = ast.parse((ROOT / "site" / "settings" / "production.py").read_text())
    assigned = {
        target.id
        for node in ast.walk(production)
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    assert "INSTALLED_APPS" not in assigned
