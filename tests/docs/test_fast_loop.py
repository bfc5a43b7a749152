"""`make unit` leaves out every declared marker, as the docs say it does."""

from __future__ import annotations

import re
import tomllib

from tests.docs.tables import ROOT


def _declared_markers() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    markers = config["tool"]["pytest"]["ini_options"]["markers"]
    return {marker.split(":", 1)[0] for marker in markers}


def _left_out(command: str) -> set[str]:
    expression = re.search(r'-m "([^"]+)"', command)
    assert expression, f"no -m expression in {command!r}"
    return set(re.findall(r"not (\w+)", expression[1]))


def test_make_unit_leaves_out_every_marker():
    recipe = re.search(r"^unit:.*\n\t(.+)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert recipe, "the Makefile has no unit target"
    assert _left_out(recipe[1]) == _declared_markers()


def test_the_documented_narrow_loop_leaves_out_the_same_markers():
    text = (ROOT / "CONTRIBUTING.md").read_text()
    command = next(line for line in text.splitlines() if line.startswith(".venv/bin/pytest"))
    assert _left_out(command) == _declared_markers()
