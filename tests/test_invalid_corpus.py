"""Invalid documents of every kind souverain reads, each with one mistake.

Files live in tests/corpus/<kind>/ (and tests/model/invalid/ for descriptions, with
tests/test_hostile_input.py for byte-level hostility). The first line of each names
what the error must point at: a field path among the problems, or text of the message.
Nothing but a SouverainError may come out: no traceback ever reaches a user.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from souverain.catalog.store import clouds
from souverain.errors import SouverainError
from souverain.plan.capture import capture_plan
from souverain.project import load_stack
from souverain.rules.config import load_config
from souverain.rules.waivers import load_waivers
from tests.conftest import PROJECT

CORPUS = Path(__file__).parent / "corpus"
DESCRIPTIONS = Path(__file__).parent / "model" / "invalid"
HOSTILE_CASES = 47  # kinds x cases in tests/test_hostile_input.py, not counting skips


def project(root: Path) -> Path:
    """The reference project: its program, and its catalog (the generic stack needs it)."""
    (root / "stacks").mkdir(parents=True)
    for name in ("Pulumi.yaml", "__main__.py", "reference_platform.py"):
        (root / name).write_text((PROJECT / name).read_text())
    shutil.copytree(PROJECT / "catalog", root / "catalog")
    return root


def plan_stack(path: Path, tmp_path: Path) -> None:
    root = project(tmp_path / "project")
    (root / "stacks" / "Pulumi.case.yaml").write_text(path.read_text())
    capture_plan(load_stack(root, "case"))


def load_profile(path: Path, tmp_path: Path) -> None:
    root = project(tmp_path / "project")
    (root / "catalog" / "clouds" / path.name).write_text(path.read_text())
    clouds(root)


LOADERS: dict[str, Callable[[Path, Path], object]] = {
    "check-config": lambda path, _: load_config(path),
    "waivers": lambda path, _: load_waivers(path),
    "stack": plan_stack,
    "catalog": load_profile,
}
CASES = sorted(CORPUS.glob("*/*.yaml"))


def test_the_corpus_covers_every_kind_with_over_two_hundred_cases():
    kinds = {path.parent.name for path in CASES}
    assert kinds == set(LOADERS)
    total = len(CASES) + len(list(DESCRIPTIONS.glob("*.yaml"))) + HOSTILE_CASES
    assert total >= 200, total


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}-{p.stem}" for p in CASES])
def test_each_mistake_is_named(path: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SOUVERAIN_USER_CATALOG", str(tmp_path / "user-catalog"))
    expected = path.read_text().splitlines()[0].removeprefix("# expect: ").strip()
    with pytest.raises(SouverainError) as caught:
        LOADERS[path.parent.name](path, tmp_path)
    paths = {p.path for p in caught.value.problems}
    text = caught.value.render()
    assert expected in paths or expected in text, f"{path.name}: {expected!r} not in {text}"
