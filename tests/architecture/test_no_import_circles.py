"""Models may import the modules that build their pages' context; those
modules never import the models back (only for type hints), so neither
needs an import deferred into a function."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTEXT_MODULES = {
    "news": ("article_context", "feeds", "filters"),
    "campaigns": ("archive", "page_types", "profile_listing", "schedule", "week_page"),
}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def runtime_imports(tree: ast.Module) -> list[str]:
    """Modules imported when the file is imported, anywhere outside an
    ``if TYPE_CHECKING:`` block (function-level imports included)."""
    found = []
    skipped = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and _is_type_checking(node)
        for child in node.body
        for inner in ast.walk(child)
    }
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append("." * node.level + (node.module or ""))
    return found


def function_level_imports(tree: ast.Module) -> list[str]:
    found = []
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom):
                    found.append("." * node.level + (node.module or ""))
                elif isinstance(node, ast.Import):
                    found += [alias.name for alias in node.names]
    return found


def parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("app", "module"), [(app, module) for app, names in CONTEXT_MODULES.items() for module in names]
)
def test_context_modules_import_no_model(app, module):
    imports = runtime_imports(parsed(ROOT / app / f"{module}.py"))
    assert not [name for name in imports if name.startswith((f"{app}.models", ".models"))]


@pytest.mark.parametrize("app", sorted(CONTEXT_MODULES))
def test_models_import_their_context_modules_at_the_top(app):
    context = {f"{app}.{module}" for module in CONTEXT_MODULES[app]}
    for path in sorted((ROOT / app / "models").glob("*.py")):
        deferred = set(function_level_imports(parsed(path))) & context
        assert not deferred, (path.name, deferred)
