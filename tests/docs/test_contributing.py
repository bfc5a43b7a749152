"""The recipes in CONTRIBUTING.md name files and symbols that exist.

A recipe's "Files touched" items read ``- `path` (`Symbol`, `Class.member`): why``. A
``<...>`` in a path stands for a new file beside existing ones: the pattern must match at
least one file today. A symbol must be defined at the top level of a Python file (or as a
member of a class there); in any other file its name must appear as written.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from tests.docs.tables import ROOT

ITEM = re.compile(r"^- `(?P<path>[^`]+)`(?: \((?P<symbols>[^)]*)\))?:", re.MULTILINE)


@dataclass(frozen=True)
class Recipe:
    """One recipe: its title and the files (with symbols) it says it touches."""

    title: str
    files: list[tuple[str, list[str]]]


def recipes(text: str) -> list[Recipe]:
    """The ``### Add ...`` sections of CONTRIBUTING.md, with their file lists."""
    found = []
    for section in re.split(r"^### ", text, flags=re.MULTILINE)[1:]:
        title = section.splitlines()[0].strip()
        if not title.startswith("Add "):
            continue
        files = [
            (m["path"], re.findall(r"`([^`]+)`", m["symbols"] or ""))
            for m in ITEM.finditer(section)
        ]
        found.append(Recipe(title, files))
    return found


@cache
def _python_names(path: Path) -> frozenset[str]:
    """Top-level names of a module, and ``Class.member`` for the members of its classes."""
    names: set[str] = set()
    for node in ast.parse(path.read_text()).body:
        for name in _defined(node):
            names.add(name)
        if isinstance(node, ast.ClassDef):
            for member in node.body:
                names.update(f"{node.name}.{name}" for name in _defined(member))
    return frozenset(names)


def _defined(node: ast.stmt) -> list[str]:
    if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
        return [node.name]
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return [node.target.id]
    return []


def _defines(path: Path, symbol: str) -> bool:
    if path.suffix == ".py":
        return symbol in _python_names(path)
    return path.is_file() and symbol in path.read_text()


def stale(root: Path, path: str, symbols: list[str]) -> list[str]:
    """What no longer holds of one recipe item under ``root``."""
    pattern = re.sub(r"<[^>]+>", "*", path.rstrip("/"))
    matches = sorted(root.glob(pattern)) if "*" in pattern else [root / pattern]
    matches = [m for m in matches if m.exists()]
    if not matches:
        return [f"{path}: no such file" + (" matches" if "*" in pattern else "")]
    return [
        f"{path}: no symbol {symbol}"
        for symbol in symbols
        if not any(_defines(m, symbol) for m in matches)
    ]


RECIPES = recipes((ROOT / "CONTRIBUTING.md").read_text())


def test_the_five_recipes_are_there():
    assert [r.title for r in RECIPES] == [
        "Add a rule",
        "Add an adapter",
        "Add a cloud",
        "Add a GPU",
        "Add a description field",
    ]


@pytest.mark.parametrize("recipe", RECIPES, ids=lambda r: r.title)
def test_each_recipe_lists_files_that_exist(recipe):
    assert len(recipe.files) >= 4, f"{recipe.title}: its file list is missing"
    problems = [p for path, symbols in recipe.files for p in stale(ROOT, path, symbols)]
    assert problems == []


def test_a_stale_item_is_caught(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "mod.py").write_text("class Kept:\n    member = 1\n\ndef kept(): ...\n")
    (tmp_path / "data.yaml").write_text("rules:\n  SOV-001: {}\n")
    assert stale(tmp_path, "pkg/mod.py", ["Kept", "Kept.member", "kept"]) == []
    assert stale(tmp_path, "pkg/<name>.py", ["kept"]) == []
    assert stale(tmp_path, "data.yaml", ["rules"]) == []
    assert stale(tmp_path, "pkg/gone.py", []) == ["pkg/gone.py: no such file"]
    assert stale(tmp_path, "other/<name>.py", []) == ["other/<name>.py: no such file matches"]
    assert stale(tmp_path, "pkg/mod.py", ["Renamed", "Kept.gone"]) == [
        "pkg/mod.py: no symbol Renamed",
        "pkg/mod.py: no symbol Kept.gone",
    ]
    assert stale(tmp_path, "data.yaml", ["levels"]) == ["data.yaml: no symbol levels"]
